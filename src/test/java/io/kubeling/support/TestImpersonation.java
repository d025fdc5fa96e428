package io.kubeling.support;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

import io.kubeling.api.RequestUser;
import io.kubeling.registry.UserInfo;

/**
 * The test server's stand-in for authentication: a request naming a user in {@code Impersonate-User} (what
 * {@code kubectl --as} sends) runs as that user, with the {@code Impersonate-Group} groups and
 * system:authenticated, before authorization reads it. Test code only; nothing checks who may impersonate.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 5)
public class TestImpersonation extends OncePerRequestFilter {

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String name = request.getHeader("Impersonate-User");
        if (name != null && !name.isEmpty()) {
            List<String> groups = new ArrayList<>(Collections.list(request.getHeaders("Impersonate-Group")));
            if (!groups.contains(UserInfo.AUTHENTICATED)) {
                groups.add(UserInfo.AUTHENTICATED);
            }
            RequestUser.set(request, new UserInfo(name, "", groups, Map.of()));
        }
        chain.doFilter(request, response);
    }
}
