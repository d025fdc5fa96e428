package io.kubeling.api;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;

import io.kubeling.config.KubelingProperties;
import io.kubeling.registry.Errors;

/**
 * The first thing every request meets: requests a web page could forge are refused, and the rest
 * read their parameters from the query string only.
 */
@Component
// inside UnreadBodyFilter, which drains the bodies of the writes refused here
@Order(Ordered.HIGHEST_PRECEDENCE + 1)
class EdgeFilter extends ApiFilter {

    private final SameOrigin sameOrigin;
    private final Codecs codecs;

    EdgeFilter(KubelingProperties properties, Codecs codecs) {
        this.sameOrigin = new SameOrigin(properties.bindAddress(), properties.api().hostNames());
        this.codecs = codecs;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        // the secure port needs credentials a web page does not hold, and its certificate names the server
        String refusal = request.isSecure() ? null : sameOrigin.refusal(request.getHeader(HttpHeaders.HOST), request.getHeader(HttpHeaders.ORIGIN),
                request.getLocalAddr());
        if (refusal != null) {
            response.setStatus(403);
            response.setContentType(WireFormat.JSON.mediaType());
            response.getOutputStream().write(codecs.write(Errors.error(403, "Forbidden", "forbidden: " + refusal,
                    null).status(), WireFormat.JSON, false));
            return;
        }
        chain.doFilter(new QueryStringRequest(request), response);
    }
}
