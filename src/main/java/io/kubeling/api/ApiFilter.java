package io.kubeling.api;

import java.io.IOException;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.web.filter.GenericFilterBean;

/**
 * A filter of the API's chain, run once for a request: on its own dispatch only, as Spring's OncePerRequestFilter
 * runs one, which also passes over the error and async dispatches. Nothing here forwards or includes, so a filter
 * cannot meet its request twice on that dispatch, and OncePerRequestFilter's guard against it, an attribute set and
 * removed again on the request by each filter, is left out.
 */
abstract class ApiFilter extends GenericFilterBean {

    @Override
    public final void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (request.getDispatcherType() != DispatcherType.REQUEST || !(request instanceof HttpServletRequest http)
                || !(response instanceof HttpServletResponse httpResponse) || shouldNotFilter(http)) {
            chain.doFilter(request, response);
            return;
        }
        doFilterInternal(http, httpResponse, chain);
    }

    /** Whether the filter lets the request pass untouched. */
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return false;
    }

    protected abstract void doFilterInternal(HttpServletRequest request, HttpServletResponse response,
            FilterChain chain) throws ServletException, IOException;
}
