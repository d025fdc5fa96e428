package io.kubeling.resources.customresources.schema;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

import io.fabric8.kubernetes.api.model.apiextensions.v1.JSONSchemaProps;
import io.fabric8.kubernetes.api.model.apiextensions.v1.ValidationRule;
import io.kubeling.registry.validation.FieldError;

/**
 * kube's checks of one version's openAPIV3Schema: the generic ones of
 * ValidateCustomResourceDefinitionOpenAPISchema (unsupported keywords, list and map types, rule
 * fields) and the structural ones of schema.ValidateStructural (types everywhere, metadata at the
 * root restricted to name and generateName, value validations free of structure).
 */
final class SchemaChecks {

    private static final Set<String> TYPES = Set.of("array", "boolean", "integer", "number", "object", "string");
    private static final List<String> REASONS = List.of("FieldValueDuplicate", "FieldValueForbidden",
            "FieldValueInvalid", "FieldValueRequired");
    private static final Set<String> META_FIELDS = Set.of("metadata", "kind", "apiVersion");
    private static final Pattern NEWLINES = Pattern.compile("[\\n\\r]+");

    private enum Level { ROOT, ITEM, FIELD }

    private SchemaChecks() {
    }

    /** schema.ValidateStructural, sorted by message as kube sorts them. */
    static List<FieldError> structural(JSONSchemaProps schema, String path) {
        List<FieldError> errors = new ArrayList<>();
        structural(schema, Level.ROOT, path, errors);
        errors.sort((a, b) -> a.toString().compareTo(b.toString()));
        return errors;
    }

    /** The generic checks of ValidateCustomResourceDefinitionOpenAPISchema, CEL aside. */
    static List<FieldError> generic(JSONSchemaProps schema, String path) {
        List<FieldError> errors = new ArrayList<>();
        generic(schema, path, errors, true, false, null);
        return errors;
    }

    private static void generic(JSONSchemaProps s, String path, List<FieldError> errors, boolean root,
            boolean insideMeta, String forbidOldSelfAt) {
        if (s == null) {
            return;
        }
        if (s.getType() != null && !s.getType().isEmpty() && !TYPES.contains(s.getType())) {
            if (s.getType().equals("null")) {
                errors.add(FieldError.forbidden(path + ".type", "type cannot be set to null, use nullable as an alternative"));
            } else {
                errors.add(FieldError.notSupported(path + ".type", s.getType(), List.copyOf(new java.util.TreeSet<>(TYPES))));
            }
        }
        if (s.getId() != null && !s.getId().isEmpty()) {
            errors.add(FieldError.forbidden(path + ".id", "id is not supported"));
        }
        if (s.getAdditionalItems() != null) {
            errors.add(FieldError.forbidden(path + ".additionalItems", "additionalItems is not supported"));
        }
        if (s.getPatternProperties() != null && !s.getPatternProperties().isEmpty()) {
            errors.add(FieldError.forbidden(path + ".patternProperties", "patternProperties is not supported"));
        }
        if (s.getDefinitions() != null && !s.getDefinitions().isEmpty()) {
            errors.add(FieldError.forbidden(path + ".definitions", "definitions is not supported"));
        }
        if (s.getDependencies() != null && !s.getDependencies().isEmpty()) {
            errors.add(FieldError.forbidden(path + ".dependencies", "dependencies is not supported"));
        }
        if (s.get$ref() != null) {
            errors.add(FieldError.forbidden(path + ".$ref", "$ref is not supported"));
        }
        if (s.getItems() != null && s.getItems().getJSONSchemas() != null && !s.getItems().getJSONSchemas().isEmpty()) {
            errors.add(FieldError.forbidden(path + ".items", "items must be a schema object and not an array"));
        }
        if (insideMeta && Boolean.TRUE.equals(s.getXKubernetesEmbeddedResource())) {
            errors.add(FieldError.forbidden(path + ".x-kubernetes-embedded-resource", "must not be used inside of resource meta"));
        }
        if (Boolean.TRUE.equals(s.getUniqueItems())) {
            errors.add(FieldError.forbidden(path + ".uniqueItems",
                    "uniqueItems cannot be set to true since the runtime complexity becomes quadratic"));
        }
        if (s.getAdditionalProperties() != null) {
            if (s.getProperties() != null && !s.getProperties().isEmpty()
                    && (Boolean.FALSE.equals(s.getAdditionalProperties().getAllows())
                            || s.getAdditionalProperties().getSchema() != null)) {
                errors.add(FieldError.forbidden(path + ".additionalProperties",
                        "additionalProperties and properties are mutual exclusive"));
            }
            generic(s.getAdditionalProperties().getSchema(), path + ".additionalProperties", errors, false,
                    insideMeta, forbidOldSelfAt);
        }
        if (s.getProperties() != null) {
            for (Map.Entry<String, JSONSchemaProps> e : s.getProperties().entrySet()) {
                String at = forbidOldSelfAt;
                if ("atomic".equals(s.getXKubernetesMapType()) && at == null) {
                    at = path;
                }
                boolean meta = insideMeta || (root || Boolean.TRUE.equals(s.getXKubernetesEmbeddedResource()))
                        && META_FIELDS.contains(e.getKey());
                String child = path + ".properties[" + e.getKey() + "]";
                if (root && META_FIELDS.contains(e.getKey())) {
                    forbidDefaults(e.getValue(), child, "in top-level " + e.getKey(), errors);
                }
                generic(e.getValue(), child, errors, false, meta, at);
            }
        }
        generic(s.getNot(), path + ".not", errors, false, insideMeta, forbidOldSelfAt);
        each(s.getAllOf(), path + ".allOf", errors, insideMeta, forbidOldSelfAt);
        each(s.getOneOf(), path + ".oneOf", errors, insideMeta, forbidOldSelfAt);
        each(s.getAnyOf(), path + ".anyOf", errors, insideMeta, forbidOldSelfAt);
        if (s.getItems() != null) {
            String at = forbidOldSelfAt;
            if (!"map".equals(s.getXKubernetesListType()) && at == null) {
                at = path;
            }
            generic(s.getItems().getSchema(), path + ".items", errors, false, insideMeta, at);
        }
        if (Boolean.FALSE.equals(s.getXKubernetesPreserveUnknownFields())) {
            errors.add(FieldError.invalid(path + ".x-kubernetes-preserve-unknown-fields", false, "must be true or undefined"));
        }
        listAndMapTypes(s, path, errors);
        rules(s, path, errors, forbidOldSelfAt);
    }

    private static void forbidDefaults(JSONSchemaProps s, String path, String reason, List<FieldError> errors) {
        if (s == null) {
            return;
        }
        if (s.getDefault() != null) {
            errors.add(FieldError.forbidden(path + ".default", "must not be set " + reason));
        }
        if (s.getProperties() != null) {
            s.getProperties().forEach((k, v) -> forbidDefaults(v, path + ".properties[" + k + "]", reason, errors));
        }
    }

    private static void each(List<JSONSchemaProps> list, String path, List<FieldError> errors, boolean insideMeta,
            String forbidOldSelfAt) {
        if (list == null) {
            return;
        }
        for (int i = 0; i < list.size(); i++) {
            generic(list.get(i), path + "[" + i + "]", errors, false, insideMeta, forbidOldSelfAt);
        }
    }

    private static void listAndMapTypes(JSONSchemaProps s, String path, List<FieldError> errors) {
        String type = s.getType() == null ? "" : s.getType();
        String mapType = s.getXKubernetesMapType();
        String listType = s.getXKubernetesListType();
        if (mapType != null && !type.equals("object")) {
            errors.add(type.isEmpty()
                    ? FieldError.required(path + ".type", "must be object if x-kubernetes-map-type is specified")
                    : FieldError.invalid(path + ".type", type, "must be object if x-kubernetes-map-type is specified"));
        }
        if (mapType != null && !mapType.equals("atomic") && !mapType.equals("granular")) {
            errors.add(FieldError.notSupported(path + ".x-kubernetes-map-type", mapType, List.of("atomic", "granular")));
        }
        if (listType != null && !type.equals("array")) {
            errors.add(type.isEmpty()
                    ? FieldError.required(path + ".type", "must be array if x-kubernetes-list-type is specified")
                    : FieldError.invalid(path + ".type", type, "must be array if x-kubernetes-list-type is specified"));
        }
        if (listType != null && !listType.equals("atomic") && !listType.equals("set") && !listType.equals("map")) {
            errors.add(FieldError.notSupported(path + ".x-kubernetes-list-type", listType, List.of("atomic", "set", "map")));
        }
        List<String> keys = s.getXKubernetesListMapKeys() == null ? List.of() : s.getXKubernetesListMapKeys();
        if (!keys.isEmpty()) {
            if (listType == null) {
                errors.add(FieldError.required(path + ".x-kubernetes-list-type",
                        "must be map if x-kubernetes-list-map-keys is non-empty"));
            } else if (!listType.equals("map")) {
                errors.add(FieldError.invalid(path + ".x-kubernetes-list-type", listType,
                        "must be map if x-kubernetes-list-map-keys is non-empty"));
            }
        }
        if ("map".equals(listType)) {
            JSONSchemaProps items = s.getItems() == null ? null : s.getItems().getSchema();
            if (keys.isEmpty()) {
                errors.add(FieldError.required(path + ".x-kubernetes-list-map-keys",
                        "must not be empty if x-kubernetes-list-type is map"));
            }
            if (s.getItems() == null) {
                errors.add(FieldError.required(path + ".items", "must have a schema if x-kubernetes-list-type is map"));
            } else if (items != null && !"object".equals(items.getType())) {
                errors.add(FieldError.invalid(path + ".items.type", items.getType() == null ? "" : items.getType(),
                        "must be object if parent array's x-kubernetes-list-type is map"));
            } else if (items != null) {
                Set<String> seen = new HashSet<>();
                Set<String> required = items.getRequired() == null ? Set.of() : Set.copyOf(items.getRequired());
                for (String k : keys) {
                    JSONSchemaProps key = items.getProperties() == null ? null : items.getProperties().get(k);
                    if (key == null) {
                        errors.add(FieldError.invalid(path + ".x-kubernetes-list-map-keys", goList(keys),
                                "entries must all be names of item properties"));
                    } else {
                        if ("array".equals(key.getType()) || "object".equals(key.getType())) {
                            errors.add(FieldError.invalid(path + ".items.properties[" + k + "].type", items.getType(),
                                    "must be a scalar type if parent array's x-kubernetes-list-type is map"));
                        }
                        if (!required.contains(k) && key.getDefault() == null) {
                            errors.add(FieldError.required(path + ".items.properties[" + k + "].default",
                                    "this property is in x-kubernetes-list-map-keys, so it must have a default or be a required property"));
                        }
                        if (Boolean.TRUE.equals(key.getNullable())) {
                            errors.add(FieldError.forbidden(path + ".items.properties[" + k + "].nullable",
                                    "this property is in x-kubernetes-list-map-keys, so it cannot be nullable"));
                        }
                    }
                    if (!seen.add(k)) {
                        errors.add(FieldError.invalid(path + ".x-kubernetes-list-map-keys", goList(keys),
                                "must not contain duplicate entries"));
                    }
                }
            }
        }
        if (("set".equals(listType) || "map".equals(listType)) && s.getItems() != null
                && s.getItems().getSchema() != null && Boolean.TRUE.equals(s.getItems().getSchema().getNullable())) {
            errors.add(FieldError.forbidden(path + ".items.nullable", "cannot be nullable when x-kubernetes-list-type is " + listType));
        }
    }

    private static Object goList(List<String> keys) {
        return new Object() {
            @Override
            public String toString() {
                StringBuilder b = new StringBuilder("[]string{");
                for (int i = 0; i < keys.size(); i++) {
                    b.append(i == 0 ? "" : ", ").append(io.kubeling.registry.validation.GoQuote.quote(keys.get(i)));
                }
                return b.append('}').toString();
            }
        };
    }

    private static void rules(JSONSchemaProps s, String path, List<FieldError> errors, String forbidOldSelfAt) {
        List<ValidationRule> rules = s.getXKubernetesValidations();
        if (rules == null) {
            return;
        }
        for (int i = 0; i < rules.size(); i++) {
            ValidationRule r = rules.get(i);
            String at = path + ".x-kubernetes-validations[" + i + "]";
            String rule = r.getRule() == null ? "" : r.getRule().trim();
            String message = r.getMessage() == null ? "" : r.getMessage();
            if (rule.isEmpty()) {
                errors.add(FieldError.required(at + ".rule", "rule is not specified"));
            } else if (!message.isEmpty() && message.trim().isEmpty()) {
                errors.add(FieldError.invalid(at + ".message", message, "message must be non-empty if specified"));
            } else if (NEWLINES.matcher(message.trim()).find()) {
                errors.add(FieldError.invalid(at + ".message", message, "message must not contain line breaks"));
            } else if (NEWLINES.matcher(rule).find() && message.trim().isEmpty()) {
                errors.add(FieldError.required(at + ".message", "message must be specified if rule contains line breaks"));
            }
            if (r.getMessageExpression() != null && !r.getMessageExpression().isEmpty()
                    && r.getMessageExpression().trim().isEmpty()) {
                errors.add(FieldError.required(at + ".messageExpression", "messageExpression must be non-empty if specified"));
            }
            if (r.getReason() != null && !REASONS.contains(r.getReason())) {
                errors.add(FieldError.notSupported(at + ".reason", r.getReason(), REASONS));
            }
            if (r.getFieldPath() != null && !r.getFieldPath().isEmpty()) {
                if (r.getFieldPath().trim().isEmpty()) {
                    errors.add(FieldError.invalid(at + ".fieldPath", r.getFieldPath(), "fieldPath must be non-empty if specified"));
                } else if (NEWLINES.matcher(r.getFieldPath()).find()) {
                    errors.add(FieldError.invalid(at + ".fieldPath", r.getFieldPath(), "fieldPath must not contain line breaks"));
                } else if (!FieldPaths.valid(s, r.getFieldPath())) {
                    errors.add(FieldError.invalid(at + ".fieldPath", r.getFieldPath(), "fieldPath must be a valid path"));
                }
            }
        }
    }

    // structural ------------------------------------------------------------------------------

    private static void structural(JSONSchemaProps s, Level level, String path, List<FieldError> errors) {
        if (s == null) {
            return;
        }
        String type = s.getType() == null ? "" : s.getType();
        boolean intOrString = Boolean.TRUE.equals(s.getXKubernetesIntOrString());
        boolean preserve = Boolean.TRUE.equals(s.getXKubernetesPreserveUnknownFields());
        boolean embedded = Boolean.TRUE.equals(s.getXKubernetesEmbeddedResource());
        if (type.equals("array") && s.getItems() == null) {
            errors.add(FieldError.required(path + ".items", "must be specified"));
        }
        if (s.getItems() != null) {
            structural(s.getItems().getSchema(), Level.ITEM, path + ".items", errors);
        }
        if (s.getProperties() != null) {
            s.getProperties().forEach((k, v) -> structural(v, Level.FIELD, path + ".properties[" + k + "]", errors));
        }
        if (s.getAdditionalProperties() != null) {
            if (level == Level.ROOT) {
                errors.add(FieldError.forbidden(path + ".additionalProperties", "must not be used at the root"));
            }
            structural(s.getAdditionalProperties().getSchema(), Level.FIELD, path + ".additionalProperties", errors);
        }
        if (intOrString && preserve) {
            errors.add(FieldError.invalid(path + ".x-kubernetes-preserve-unknown-fields", true,
                    "must be false if x-kubernetes-int-or-string is true"));
        }
        if (intOrString && embedded) {
            errors.add(FieldError.invalid(path + ".x-kubernetes-embedded-resource", true,
                    "must be false if x-kubernetes-int-or-string is true"));
        }
        boolean skipAnyOf = intOrString && isIntOrStringAnyOf(s.getAnyOf());
        boolean skipFirstAllOfAnyOf = intOrString && s.getAllOf() != null && !s.getAllOf().isEmpty()
                && isIntOrStringAnyOf(s.getAllOf().get(0).getAnyOf());
        valueValidation(s, skipAnyOf, skipFirstAllOfAnyOf, path, errors);
        if (embedded && !type.equals("object")) {
            errors.add(type.isEmpty()
                    ? FieldError.required(path + ".type", "must be object if x-kubernetes-embedded-resource is true")
                    : FieldError.invalid(path + ".type", type, "must be object if x-kubernetes-embedded-resource is true"));
        } else if (type.isEmpty() && !intOrString && !preserve) {
            errors.add(FieldError.required(path + ".type", switch (level) {
                case ROOT -> "must not be empty at the root";
                case ITEM -> "must not be empty for specified array items";
                case FIELD -> "must not be empty for specified object fields";
            }));
        }
        if (embedded && s.getAdditionalProperties() != null) {
            errors.add(FieldError.forbidden(path + ".additionalProperties",
                    "must not be used if x-kubernetes-embedded-resource is set"));
        }
        if (level == Level.ROOT && !type.isEmpty() && !type.equals("object")) {
            errors.add(FieldError.invalid(path + ".type", type, "must be object at the root"));
        }
        boolean checkMetadata = level == Level.ROOT || embedded;
        Map<String, JSONSchemaProps> props = s.getProperties() == null ? Map.of() : s.getProperties();
        for (String f : List.of("kind", "apiVersion")) {
            JSONSchemaProps p = props.get(f);
            if (p != null && checkMetadata && !"string".equals(p.getType())) {
                errors.add(FieldError.invalid(path + ".properties[" + f + "].type", p.getType() == null ? "" : p.getType(),
                        "must be string"));
            }
        }
        JSONSchemaProps metadata = props.get("metadata");
        if (metadata != null) {
            String at = path + ".properties[metadata]";
            if (checkMetadata && !"object".equals(metadata.getType())) {
                errors.add(FieldError.invalid(at + ".type", metadata.getType() == null ? "" : metadata.getType(),
                        "must be object"));
            }
            if (level == Level.ROOT && !onlyNameAndGenerateName(metadata)) {
                errors.add(FieldError.forbidden(at,
                        "must not specify anything other than name and generateName, but metadata is implicitly specified"));
            }
        }
        if (embedded && !preserve && props.isEmpty()) {
            errors.add(FieldError.required(path + ".properties",
                    "must not be empty if x-kubernetes-embedded-resource is true without x-kubernetes-preserve-unknown-fields"));
        }
    }

    /** The root's metadata schema may only restrict name and generateName (and say it is an object). */
    private static boolean onlyNameAndGenerateName(JSONSchemaProps m) {
        Set<String> props = m.getProperties() == null ? Set.of() : m.getProperties().keySet();
        Set<String> allowed = Set.of("name", "generateName");
        if (!allowed.containsAll(props)) {
            return false;
        }
        JSONSchemaProps bare = new JSONSchemaProps();
        bare.setType(m.getType());
        bare.setProperties(m.getProperties());
        bare.setDescription(m.getDescription());
        bare.setDefault(m.getDefault());
        return bare.equals(m);
    }

    private static boolean isIntOrStringAnyOf(List<JSONSchemaProps> anyOf) {
        if (anyOf == null || anyOf.size() != 2) {
            return false;
        }
        JSONSchemaProps integer = new JSONSchemaProps();
        integer.setType("integer");
        JSONSchemaProps string = new JSONSchemaProps();
        string.setType("string");
        return anyOf.get(0).equals(integer) && anyOf.get(1).equals(string);
    }

    private static void valueValidation(JSONSchemaProps s, boolean skipAnyOf, boolean skipFirstAllOfAnyOf,
            String path, List<FieldError> errors) {
        if (!skipAnyOf && s.getAnyOf() != null) {
            for (int i = 0; i < s.getAnyOf().size(); i++) {
                nested(s.getAnyOf().get(i), false, path + ".anyOf[" + i + "]", errors);
            }
        }
        if (s.getAllOf() != null) {
            for (int i = 0; i < s.getAllOf().size(); i++) {
                nested(s.getAllOf().get(i), skipFirstAllOfAnyOf && i == 0, path + ".allOf[" + i + "]", errors);
            }
        }
        if (s.getOneOf() != null) {
            for (int i = 0; i < s.getOneOf().size(); i++) {
                nested(s.getOneOf().get(i), false, path + ".oneOf[" + i + "]", errors);
            }
        }
        if (s.getNot() != null) {
            nested(s.getNot(), false, path + ".not", errors);
        }
        if (s.getPattern() != null && !s.getPattern().isEmpty()) {
            try {
                Pattern.compile(s.getPattern());
            } catch (PatternSyntaxException e) {
                errors.add(FieldError.invalid(path + ".pattern", s.getPattern(),
                        "must be a valid regular expression, but isn't: error parsing regexp: " + e.getDescription()));
            }
        }
    }

    /** A schema under anyOf/allOf/oneOf/not: value validations only, no structure. */
    private static void nested(JSONSchemaProps v, boolean skipAnyOf, String path, List<FieldError> errors) {
        if (v == null) {
            return;
        }
        valueValidation(v, skipAnyOf, false, path, errors);
        if (v.getItems() != null) {
            nested(v.getItems().getSchema(), false, path + ".items", errors);
        }
        if (v.getProperties() != null) {
            v.getProperties().forEach((k, p) -> nested(p, false, path + ".properties[" + k + "]", errors));
        }
        if (v.getType() != null && !v.getType().isEmpty()) {
            errors.add(FieldError.forbidden(path + ".type", "must be empty to be structural"));
        }
        if (v.getAdditionalProperties() != null) {
            errors.add(FieldError.forbidden(path + ".additionalProperties", "must be undefined to be structural"));
        }
        if (v.getDefault() != null) {
            errors.add(FieldError.forbidden(path + ".default", "must be undefined to be structural"));
        }
        if (v.getTitle() != null && !v.getTitle().isEmpty()) {
            errors.add(FieldError.forbidden(path + ".title", "must be empty to be structural"));
        }
        if (v.getDescription() != null && !v.getDescription().isEmpty()) {
            errors.add(FieldError.forbidden(path + ".description", "must be empty to be structural"));
        }
        if (Boolean.TRUE.equals(v.getNullable())) {
            errors.add(FieldError.forbidden(path + ".nullable", "must be false to be structural"));
        }
        if (v.getExternalDocs() != null) {
            errors.add(FieldError.forbidden(path + ".externalDocs", "must be undefined to be structural"));
        }
        if (Boolean.TRUE.equals(v.getXKubernetesPreserveUnknownFields())) {
            errors.add(FieldError.forbidden(path + ".x-kubernetes-preserve-unknown-fields", "must be false to be structural"));
        }
        if (Boolean.TRUE.equals(v.getXKubernetesEmbeddedResource())) {
            errors.add(FieldError.forbidden(path + ".x-kubernetes-embedded-resource", "must be false to be structural"));
        }
        if (Boolean.TRUE.equals(v.getXKubernetesIntOrString())) {
            errors.add(FieldError.forbidden(path + ".x-kubernetes-int-or-string", "must be false to be structural"));
        }
        if (v.getXKubernetesListMapKeys() != null && !v.getXKubernetesListMapKeys().isEmpty()) {
            errors.add(FieldError.forbidden(path + ".x-kubernetes-list-map-keys", "must be empty to be structural"));
        }
        if (v.getXKubernetesListType() != null) {
            errors.add(FieldError.forbidden(path + ".x-kubernetes-list-type", "must be undefined to be structural"));
        }
        if (v.getXKubernetesMapType() != null) {
            errors.add(FieldError.forbidden(path + ".x-kubernetes-map-type", "must be undefined to be structural"));
        }
        if (v.getXKubernetesValidations() != null && !v.getXKubernetesValidations().isEmpty()) {
            errors.add(FieldError.forbidden(path + ".x-kubernetes-validations", "must be empty to be structural"));
        }
        if (v.getProperties() != null && v.getProperties().containsKey("metadata")) {
            errors.add(FieldError.forbidden(path + ".properties[metadata]", "must not be specified in a nested context"));
        }
    }
}
