package io.kubeling.api;

import java.util.Collections;
import java.util.Enumeration;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;

/**
 * A request whose parameters come from its query string only, as kube-apiserver reads them: a form
 * body is never parsed into parameters (so it reaches the body decoder, which refuses its media type),
 * and a malformed parameter is ignored instead of failing the request.
 */
final class QueryStringRequest extends HttpServletRequestWrapper {

    private Map<String, String[]> parameters;

    QueryStringRequest(HttpServletRequest request) {
        super(request);
    }

    private Map<String, String[]> parameters() {
        if (parameters == null) {
            parameters = QueryParameters.parse(getQueryString());
        }
        return parameters;
    }

    @Override
    public String getParameter(String name) {
        String[] values = parameters().get(name);
        return values == null ? null : values[0];
    }

    @Override
    public String[] getParameterValues(String name) {
        String[] values = parameters().get(name);
        return values == null ? null : values.clone();
    }

    @Override
    public Map<String, String[]> getParameterMap() {
        return parameters();
    }

    @Override
    public Enumeration<String> getParameterNames() {
        return Collections.enumeration(parameters().keySet());
    }
}
