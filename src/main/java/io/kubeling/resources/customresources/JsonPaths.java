package io.kubeling.resources.customresources;

import java.util.List;
import java.util.Map;

import com.jayway.jsonpath.Configuration;
import com.jayway.jsonpath.JsonPath;
import com.jayway.jsonpath.Option;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import tools.jackson.databind.json.JsonMapper;

/**
 * The simple JSONPaths of CRDs (printer columns, selectable fields, scale paths: {@code .spec.replicas},
 * {@code .status.conditions[?(@.type=="Ready")].status}) evaluated on a custom resource: the first result, or
 * null when the path finds nothing, as kube's column printer takes it.
 */
final class JsonPaths {

    static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Configuration CONFIG = Configuration.defaultConfiguration()
            .addOptions(Option.SUPPRESS_EXCEPTIONS);

    private JsonPaths() {
    }

    /** The object as plain maps and lists. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> tree(GenericKubernetesResource object) {
        return JSON.convertValue(object, Map.class);
    }

    static JsonPath compile(String path) {
        String p = path.trim();
        if (p.startsWith("{") && p.endsWith("}")) {
            p = p.substring(1, p.length() - 1);
        }
        return JsonPath.compile(p.startsWith("$") ? p : "$" + (p.startsWith(".") || p.startsWith("[") ? "" : ".") + p);
    }

    static Object first(JsonPath path, Map<String, Object> tree) {
        Object found = path.read(tree, CONFIG);
        if (found instanceof List<?> list && !path.isDefinite()) {
            return list.isEmpty() ? null : list.get(0);
        }
        return found;
    }

    /** A value as kube's JSONPath printer writes it: strings bare, numbers and booleans as Go prints them, the rest as JSON. */
    static String print(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof String s) {
            return s;
        }
        if (value instanceof Double d && d == Math.rint(d) && !Double.isInfinite(d)) {
            return Long.toString(d.longValue());
        }
        if (value instanceof Number || value instanceof Boolean) {
            return value.toString();
        }
        return JSON.writeValueAsString(value);
    }
}
