package io.kubeling.api;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import jakarta.servlet.http.HttpServletRequest;

import io.kubeling.registry.Authorizer.Attributes;
import io.kubeling.registry.UserInfo;
import io.kubeling.registry.selection.FieldSelector;
import io.kubeling.registry.selection.SelectorException;
import io.kubeling.registry.validation.Names;

/**
 * What a request asks for, worked out from its method and path as kube's RequestInfoFactory does, for the
 * authorizer: a resource request's verb (get, list, watch, create, update, patch, delete, deletecollection, or
 * proxy), group, version, resource, subresource, namespace and name; any other path is a non-resource request
 * whose verb is the method in lower case. A list's or watch's field selector is kept for the authorizers that read
 * it (the Node authorizer's pods, kube's AuthorizeNodeWithSelectors).
 */
record RequestInfo(boolean resourceRequest, String path, String verb, String apiGroup, String apiVersion,
        String namespace, String resource, String subresource, String name, String fieldSelector) {

    RequestInfo(boolean resourceRequest, String path, String verb, String apiGroup, String apiVersion,
            String namespace, String resource, String subresource, String name) {
        this(resourceRequest, path, verb, apiGroup, apiVersion, namespace, resource, subresource, name, "");
    }

    private static final Set<String> SPECIAL_VERBS = Set.of("proxy", "watch");
    private static final Set<String> NAMESPACE_SUBRESOURCES = Set.of("status", "finalize");

    static RequestInfo of(HttpServletRequest request) {
        return parse(request.getMethod(), request.getRequestURI(), request.getParameter("watch"),
                request.getParameter("fieldSelector"));
    }

    static RequestInfo parse(String method, String path, String watchParameter, String fieldSelector) {
        String verb = method.toLowerCase(Locale.ROOT);
        RequestInfo nonResource = new RequestInfo(false, path, verb, "", "", "", "", "", "");
        List<String> parts = split(path);
        if (parts.size() < 3 || !(parts.get(0).equals("api") || parts.get(0).equals("apis"))) {
            return nonResource;
        }
        String prefix = parts.get(0);
        parts = parts.subList(1, parts.size());
        String group = "";
        if (prefix.equals("apis")) {
            if (parts.size() < 3) {
                return nonResource;
            }
            group = parts.get(0);
            parts = parts.subList(1, parts.size());
        }
        String version = parts.get(0);
        parts = parts.subList(1, parts.size());
        if (SPECIAL_VERBS.contains(parts.get(0))) {
            if (parts.size() < 2) {
                // kube answers this path with an error; no resource can be made of it
                return nonResource;
            }
            verb = parts.get(0);
            parts = parts.subList(1, parts.size());
        } else {
            verb = switch (method) {
                case "POST" -> "create";
                case "GET", "HEAD" -> "get";
                case "PUT" -> "update";
                case "PATCH" -> "patch";
                case "DELETE" -> "delete";
                default -> "";
            };
        }
        String namespace = "";
        if (parts.get(0).equals("namespaces")) {
            if (parts.size() > 1) {
                namespace = parts.get(1);
                if (parts.size() > 2 && !NAMESPACE_SUBRESOURCES.contains(parts.get(2))) {
                    parts = parts.subList(2, parts.size());
                }
            }
        }
        String resource = parts.get(0);
        String name = parts.size() >= 2 ? parts.get(1) : "";
        String subresource = parts.size() >= 3 && !verb.equals("proxy") ? parts.get(2) : "";
        if (name.isEmpty() && verb.equals("get")) {
            verb = GoBoolOrFalse.parse(watchParameter) ? "watch" : "list";
            String selected = exactName(fieldSelector);
            if (selected != null && Names.pathSegmentName(selected).isEmpty()) {
                name = selected;
            }
        }
        if (name.isEmpty() && verb.equals("delete")) {
            verb = "deletecollection";
        }
        String listSelector = (verb.equals("list") || verb.equals("watch")) && fieldSelector != null ? fieldSelector
                : "";
        return new RequestInfo(true, path, verb, group, version, namespace, resource, subresource, name,
                listSelector);
    }

    /** The name a field selector requires exactly (RequiresExactMatch of {@code metadata.name}), else null. */
    private static String exactName(String fieldSelector) {
        try {
            return FieldSelector.parse(fieldSelector).requiredValue("metadata.name");
        } catch (SelectorException malformed) {
            return null;
        }
    }

    /** splitPath: the path without its leading and trailing slashes, split at each slash, each part decoded. */
    private static List<String> split(String path) {
        List<String> parts = new ArrayList<>();
        int start = 0;
        int end = path.length();
        while (start < end && path.charAt(start) == '/') {
            start++;
        }
        while (end > start && path.charAt(end - 1) == '/') {
            end--;
        }
        if (start == end) {
            return parts;
        }
        for (String p : path.substring(start, end).split("/", -1)) {
            parts.add(decode(p));
        }
        return parts;
    }

    /** Percent-decoding of a path segment, where '+' is itself; a malformed escape is left as sent. */
    private static String decode(String segment) {
        if (segment.indexOf('%') < 0) {
            return segment;
        }
        try {
            return URLDecoder.decode(segment.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException malformed) {
            return segment;
        }
    }

    Attributes attributes(UserInfo user) {
        return new Attributes(user, verb, resourceRequest, apiGroup, apiVersion, resource, subresource, namespace,
                name, path, fieldSelector);
    }

    /** watch=true as kube decodes the list options; anything unparsable leaves it a list. */
    private static final class GoBoolOrFalse {
        static boolean parse(String value) {
            if (value == null) {
                return false;
            }
            return switch (value) {
                case "1", "t", "T", "TRUE", "true", "True" -> true;
                default -> false;
            };
        }
    }
}
