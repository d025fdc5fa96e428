package io.kubeling.resources.customresources.schema;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.kubeling.registry.validation.FieldError;
import io.kubeling.registry.validation.Names;
import tools.jackson.databind.JsonNode;

/** apiVersion, kind and metadata of x-kubernetes-embedded-resource objects, as kube's objectmeta validation checks them. */
final class EmbeddedResources {

    private EmbeddedResources() {
    }

    static List<FieldError> validate(Node s, JsonNode data, String path) {
        List<FieldError> errors = new ArrayList<>();
        walk(s, data, path, errors, true);
        return errors;
    }

    private static void walk(Node s, JsonNode data, String path, List<FieldError> errors, boolean root) {
        if (s == null || data == null) {
            return;
        }
        if (data.isArray()) {
            for (int i = 0; i < data.size(); i++) {
                walk(s.items, data.get(i), path + "[" + i + "]", errors, false);
            }
        } else if (data.isObject()) {
            if (s.embeddedResource && !root) {
                resource(data, path, errors);
            }
            for (Map.Entry<String, JsonNode> e : data.properties()) {
                if ((root || s.embeddedResource) && e.getKey().equals("metadata")) {
                    continue;
                }
                walk(s.child(e.getKey()), e.getValue(), Validator.child(path, e.getKey()), errors, false);
            }
        }
    }

    private static void resource(JsonNode x, String path, List<FieldError> errors) {
        String apiVersionPath = Validator.child(path, "apiVersion");
        String kindPath = Validator.child(path, "kind");
        if (!x.has("apiVersion")) {
            errors.add(FieldError.required(apiVersionPath, "must not be empty"));
        }
        if (!x.has("kind")) {
            errors.add(FieldError.required(kindPath, "must not be empty"));
        }
        JsonNode apiVersion = x.get("apiVersion");
        if (apiVersion != null) {
            if (!apiVersion.isString()) {
                errors.add(FieldError.invalid(apiVersionPath, GoValue.of(apiVersion), "must be a string"));
            } else if (apiVersion.stringValue().isEmpty()) {
                errors.add(FieldError.invalid(apiVersionPath, "", "must not be empty"));
            } else if (apiVersion.stringValue().split("/", -1).length > 2
                    || apiVersion.stringValue().startsWith("/") && apiVersion.stringValue().length() > 1) {
                errors.add(FieldError.invalid(apiVersionPath, apiVersion.stringValue(),
                        "unexpected GroupVersion string: " + apiVersion.stringValue()));
            }
        }
        JsonNode kind = x.get("kind");
        if (kind != null) {
            if (!kind.isString()) {
                errors.add(FieldError.invalid(kindPath, GoValue.of(kind), "must be a string"));
            } else if (kind.stringValue().isEmpty()) {
                errors.add(FieldError.invalid(kindPath, "", "must not be empty"));
            } else {
                List<String> bad = Names.dns1035Label(kind.stringValue().toLowerCase());
                if (!bad.isEmpty()) {
                    errors.add(FieldError.invalid(kindPath, kind.stringValue(),
                            "may have mixed case, but should otherwise match: " + String.join(",", bad)));
                }
            }
        }
        JsonNode metadata = x.get("metadata");
        if (metadata != null && metadata.isObject()) {
            String metadataPath = Validator.child(path, "metadata");
            JsonNode name = metadata.get("name");
            if (name != null && name.isString() && !name.stringValue().isEmpty()) {
                for (String problem : Names.pathSegmentName(name.stringValue())) {
                    errors.add(FieldError.invalid(metadataPath + ".name", name.stringValue(), problem));
                }
            }
        }
    }
}
