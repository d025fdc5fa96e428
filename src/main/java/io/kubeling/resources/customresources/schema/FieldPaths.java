package io.kubeling.resources.customresources.schema;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.fabric8.kubernetes.api.model.apiextensions.v1.JSONSchemaProps;

/** kube's cel.ValidFieldPath: a rule's fieldPath must name a field the schema declares. */
final class FieldPaths {

    private static final Pattern STEP = Pattern.compile("\\.([a-zA-Z0-9_\\-/]+)|\\['([^']*)'\\]|\\[(\\d+)\\]");

    private FieldPaths() {
    }

    static boolean valid(JSONSchemaProps s, String path) {
        Matcher m = STEP.matcher(path);
        int at = 0;
        JSONSchemaProps node = s;
        while (at < path.length()) {
            if (!m.find(at) || m.start() != at || node == null) {
                return false;
            }
            if (m.group(3) != null) {
                if (node.getItems() == null) {
                    return false;
                }
                node = node.getItems().getSchema();
            } else {
                String name = m.group(1) != null ? m.group(1) : m.group(2);
                if (node.getProperties() != null && node.getProperties().containsKey(name)) {
                    node = node.getProperties().get(name);
                } else if (node.getAdditionalProperties() != null && node.getAdditionalProperties().getSchema() != null) {
                    node = node.getAdditionalProperties().getSchema();
                } else {
                    return false;
                }
            }
            at = m.end();
        }
        return at > 0;
    }
}
