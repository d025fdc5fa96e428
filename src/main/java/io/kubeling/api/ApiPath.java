package io.kubeling.api;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import io.kubeling.registry.Errors;

/**
 * What a resource URL names, parsed as kube's RequestInfoFactory does:
 * {@code /api/v1/namespaces/{ns}/{resource}/{name}/{subresource}} and the cluster-wide forms.
 */
record ApiPath(String group, String version, String namespace, String resource, String name, String subresource,
        boolean legacyWatch) {

    /** Subresources of a namespace, which would otherwise read as a namespaced resource. */
    private static final Set<String> NAMESPACE_SUBRESOURCES = Set.of("status", "finalize");

    static ApiPath parse(String uri) {
        List<String> parts = new ArrayList<>(8);
        for (int start = 0; start < uri.length();) {
            int slash = uri.indexOf('/', start);
            int end = slash < 0 ? uri.length() : slash;
            if (end > start) {
                parts.add(decoded(uri.substring(start, end)));
            }
            start = end + 1;
        }
        String group;
        String version;
        int at;
        if (parts.size() >= 2 && parts.get(0).equals("api")) {
            group = "";
            version = parts.get(1);
            at = 2;
        } else if (parts.size() >= 3 && parts.get(0).equals("apis")) {
            group = parts.get(1);
            version = parts.get(2);
            at = 3;
        } else {
            throw Errors.notFoundPath();
        }
        List<String> rest = parts.subList(at, parts.size());
        boolean watch = false;
        if (!rest.isEmpty() && rest.get(0).equals("watch")) {
            watch = true;
            rest = rest.subList(1, rest.size());
        }
        if (rest.isEmpty()) {
            throw Errors.notFoundPath();
        }
        String namespace = null;
        if (rest.get(0).equals("namespaces") && rest.size() > 1) {
            if (rest.size() > 2 && !NAMESPACE_SUBRESOURCES.contains(rest.get(2))) {
                namespace = rest.get(1);
                rest = rest.subList(2, rest.size());
            }
        }
        if (rest.size() > 3) {
            throw Errors.notFoundPath();
        }
        return new ApiPath(group, version, namespace, rest.get(0), rest.size() > 1 ? rest.get(1) : null,
                rest.size() > 2 ? rest.get(2) : null, watch);
    }

    /** A segment as URLDecoder reads it; one without an escape or a plus is itself, and costs no decoding. */
    private static String decoded(String segment) {
        return segment.indexOf('%') < 0 && segment.indexOf('+') < 0 ? segment
                : URLDecoder.decode(segment, StandardCharsets.UTF_8);
    }

    boolean isCollection() {
        return name == null;
    }
}
