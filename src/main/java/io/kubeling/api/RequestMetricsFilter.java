package io.kubeling.api;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.stereotype.Component;

import io.kubeling.api.ApiMetrics.RequestLabels;

/** Counts and times every request to the resource API under kube's verb, resource and scope labels. */
@Component
class RequestMetricsFilter extends ApiFilter {

    private final ApiMetrics metrics;

    RequestMetricsFilter(ApiMetrics metrics) {
        this.metrics = metrics;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String uri = request.getRequestURI();
        return !uri.startsWith("/api/") && !uri.startsWith("/apis/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        long start = System.nanoTime();
        try {
            chain.doFilter(request, response);
        } finally {
            RequestLabels labels = labels(request);
            if (labels != null) {
                metrics.request(labels, response.getStatus(), System.nanoTime() - start);
            }
        }
    }

    /** The labels of a resource request, or null for discovery and malformed paths. */
    static RequestLabels labels(HttpServletRequest request) {
        ApiPath path;
        try {
            path = ApiPath.parse(request.getRequestURI());
        } catch (RuntimeException e) {
            return null;
        }
        String scope = !path.isCollection() ? "resource" : path.namespace() != null ? "namespace" : "cluster";
        return new RequestLabels(verb(request, path), path.group(), path.version(), path.resource(),
                path.subresource() == null ? "" : path.subresource(), scope);
    }

    private static String verb(HttpServletRequest request, ApiPath path) {
        return switch (request.getMethod()) {
            case "GET" -> path.legacyWatch() || "true".equals(request.getParameter("watch")) ? "WATCH"
                    : path.isCollection() ? "LIST" : "GET";
            case "POST" -> "POST";
            case "PUT" -> "PUT";
            case "PATCH" -> PatchApplier.APPLY_PATCH.equals(PatchApplier.patchType(request.getContentType()))
                    ? "APPLY" : "PATCH";
            case "DELETE" -> path.isCollection() ? "DELETECOLLECTION" : "DELETE";
            default -> request.getMethod();
        };
    }
}
