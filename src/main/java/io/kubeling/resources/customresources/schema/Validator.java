package io.kubeling.resources.customresources.schema;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.kubeling.registry.validation.FieldError;
import tools.jackson.databind.JsonNode;

/**
 * kube-openapi's schema validation of a custom resource, with the errors apiextensions-apiserver
 * turns its results into: one FieldError per failure, on the value's path from the object's root.
 */
final class Validator {

    private Validator() {
    }

    /** Validates the root object; its apiVersion, kind and metadata are the generic store's to check. */
    static List<FieldError> validateRoot(Node root, JsonNode object) {
        List<FieldError> errors = new ArrayList<>();
        if (root == null || object == null) {
            return errors;
        }
        validate(root, object, "", errors, true);
        return errors;
    }

    static void validate(Node s, JsonNode data, String path, List<FieldError> errors, boolean root) {
        if (data == null || data.isNull()) {
            checkType(s, data, path, errors);
            checkEnum(s, data, path, errors);
            return;
        }
        boolean typeOk = checkType(s, data, path, errors);
        combinators(s, data, path, errors);
        if (data.isString()) {
            strings(s, data.stringValue(), path, errors);
        }
        if (data.isNumber()) {
            numbers(s, data, path, errors);
        }
        if (data.isArray()) {
            arrays(s, data, path, errors);
        }
        checkEnum(s, data, path, errors);
        if (data.isObject() && (typeOk || s.type.isEmpty())) {
            objects(s, data, path, errors, root);
        }
    }

    private static String kind(JsonNode data) {
        if (data == null || data.isNull()) {
            return "null";
        }
        if (data.isString()) {
            return "string";
        }
        if (data.isBoolean()) {
            return "boolean";
        }
        if (data.isIntegralNumber()) {
            return "integer";
        }
        if (data.isNumber()) {
            return "number";
        }
        if (data.isArray()) {
            return "array";
        }
        return "object";
    }

    private static boolean checkType(Node s, JsonNode data, String path, List<FieldError> errors) {
        String expected = s.intOrString ? "integer,string" : s.type;
        if (expected.isEmpty()) {
            return true;
        }
        String actual = kind(data);
        if (actual.equals("null")) {
            if (s.nullable) {
                return true;
            }
            errors.add(typeError(path, expected, "null"));
            return false;
        }
        boolean ok = switch (actual) {
            case "integer" -> expected.contains("integer") || expected.equals("number");
            case "number" -> expected.equals("number")
                    || (expected.contains("integer") && isIntegral(data.doubleValue()));
            default -> expected.equals(actual) || (s.intOrString && actual.equals("string"));
        };
        if (!ok) {
            errors.add(typeError(path, expected, actual));
        }
        return ok;
    }

    private static boolean isIntegral(double d) {
        return !Double.isInfinite(d) && d == Math.rint(d);
    }

    private static FieldError typeError(String path, String expected, String actual) {
        return FieldError.typeInvalid(path, actual, subject(path) + " must be of type " + expected + ": \"" + actual + "\"");
    }

    /** The "name in body" that starts kube-openapi's messages. */
    static String subject(String path) {
        return path.isEmpty() ? "in body" : path + " in body";
    }

    private static void strings(Node s, String value, String path, List<FieldError> errors) {
        long length = value.codePointCount(0, value.length());
        if (s.maxLength != null && length > s.maxLength) {
            errors.add(FieldError.tooLong(path, s.maxLength.intValue()));
        }
        if (s.minLength != null && length < s.minLength) {
            errors.add(FieldError.invalid(path, value,
                    subject(path) + " should be at least " + s.minLength + " chars long"));
        }
        if (s.pattern != null && !s.pattern.matcher(value).find()) {
            errors.add(FieldError.invalid(path, value,
                    subject(path) + " should match '" + s.props.getPattern() + "'"));
        }
        if (!s.format.isEmpty() && !Formats.valid(s.format, value)) {
            errors.add(FieldError.typeInvalid(path, value,
                    subject(path) + " must be of type " + s.format + ": \"" + value + "\""));
        }
    }

    private static void numbers(Node s, JsonNode data, String path, List<FieldError> errors) {
        double v = data.doubleValue();
        Object shown = GoValue.of(data);
        if (s.multipleOf != null && s.multipleOf != 0) {
            double q = v / s.multipleOf;
            if (!isIntegral(q)) {
                errors.add(FieldError.invalid(path, shown,
                        subject(path) + " should be a multiple of " + GoValue.formatFloat(s.multipleOf)));
            }
        }
        if (s.maximum != null) {
            if (s.exclusiveMaximum ? v >= s.maximum : v > s.maximum) {
                errors.add(FieldError.invalid(path, shown, subject(path) + (s.exclusiveMaximum
                        ? " should be less than " : " should be less than or equal to ")
                        + GoValue.formatFloat(s.maximum)));
            }
        }
        if (s.minimum != null) {
            if (s.exclusiveMinimum ? v <= s.minimum : v < s.minimum) {
                errors.add(FieldError.invalid(path, shown, subject(path) + (s.exclusiveMinimum
                        ? " should be greater than " : " should be greater than or equal to ")
                        + GoValue.formatFloat(s.minimum)));
            }
        }
    }

    private static void arrays(Node s, JsonNode data, String path, List<FieldError> errors) {
        int size = data.size();
        if (s.minItems != null && size < s.minItems) {
            errors.add(FieldError.invalid(path, GoValue.number(size),
                    subject(path) + " should have at least " + s.minItems + " items"));
        }
        if (s.maxItems != null && size > s.maxItems) {
            errors.add(new FieldError(path, FieldError.Type.TOO_MANY, GoValue.number(size),
                    "must have at most " + s.maxItems + " items"));
        }
        if (s.items != null) {
            for (int i = 0; i < size; i++) {
                validate(s.items, data.get(i), path + "[" + i + "]", errors, false);
            }
        }
    }

    private static void objects(Node s, JsonNode data, String path, List<FieldError> errors, boolean root) {
        int size = data.size();
        if (s.maxProperties != null && size > s.maxProperties) {
            errors.add(new FieldError(path, FieldError.Type.TOO_MANY, GoValue.number(size),
                    "must have at most " + s.maxProperties + " items"));
        }
        if (s.minProperties != null && size < s.minProperties) {
            errors.add(FieldError.invalid(path, GoValue.number(size),
                    subject(path) + " should have at least " + s.minProperties + " properties"));
        }
        for (String name : s.required) {
            if (!data.has(name)) {
                errors.add(FieldError.required(child(path, name), ""));
            }
        }
        for (Map.Entry<String, JsonNode> e : data.properties()) {
            String name = e.getKey();
            if (root && name.equals("metadata")) {
                metadata(s.properties.get("metadata"), e.getValue(), errors);
                continue;
            }
            if (root && (name.equals("apiVersion") || name.equals("kind"))) {
                continue;
            }
            Node child = s.properties.get(name);
            if (child == null) {
                child = s.additionalProperties;
            }
            if (child != null) {
                validate(child, e.getValue(), child(path, name), errors, false);
            }
        }
    }

    /** The root's metadata: only the schema's restrictions of name and generateName apply. */
    private static void metadata(Node schema, JsonNode metadata, List<FieldError> errors) {
        if (schema == null || metadata == null || !metadata.isObject()) {
            return;
        }
        for (String field : List.of("name", "generateName")) {
            Node fieldSchema = schema.properties.get(field);
            JsonNode value = metadata.get(field);
            if (fieldSchema != null && value != null) {
                validate(fieldSchema, value, "metadata." + field, errors, false);
            }
        }
    }

    private static void combinators(Node s, JsonNode data, String path, List<FieldError> errors) {
        if (!s.allOf.isEmpty()) {
            for (Node sub : s.allOf) {
                validate(sub, data, path, errors, false);
            }
        }
        if (!s.anyOf.isEmpty()) {
            List<FieldError> best = null;
            boolean any = false;
            for (Node sub : s.anyOf) {
                List<FieldError> r = new ArrayList<>();
                validate(sub, data, path, r, false);
                if (r.isEmpty()) {
                    any = true;
                    break;
                }
                if (best == null) {
                    best = r;
                }
            }
            if (!any) {
                errors.add(FieldError.invalid(path, GoValue.of(data),
                        subject(path) + " must validate at least one schema (anyOf)"));
                errors.addAll(best);
            }
        }
        if (!s.oneOf.isEmpty()) {
            List<FieldError> best = null;
            int valid = 0;
            for (Node sub : s.oneOf) {
                List<FieldError> r = new ArrayList<>();
                validate(sub, data, path, r, false);
                if (r.isEmpty()) {
                    valid++;
                } else if (best == null) {
                    best = r;
                }
            }
            if (valid != 1) {
                String found = valid == 0 ? "Found none valid" : "Found " + valid + " valid alternatives";
                errors.add(FieldError.invalid(path, GoValue.of(data),
                        subject(path) + " must validate one and only one schema (oneOf). " + found));
                if (valid == 0 && best != null) {
                    errors.addAll(best);
                }
            }
        }
        if (s.not != null) {
            List<FieldError> r = new ArrayList<>();
            validate(s.not, data, path, r, false);
            if (r.isEmpty()) {
                errors.add(FieldError.invalid(path, GoValue.of(data),
                        subject(path) + " must not validate the schema (not)"));
            }
        }
    }

    private static void checkEnum(Node s, JsonNode data, String path, List<FieldError> errors) {
        if (s.enumValues.isEmpty()) {
            return;
        }
        for (JsonNode allowed : s.enumValues) {
            if (sameValue(allowed, data)) {
                return;
            }
        }
        List<String> supported = new ArrayList<>();
        for (JsonNode allowed : s.enumValues) {
            supported.add(allowed.isString() ? allowed.stringValue() : allowed.toString());
        }
        errors.add(FieldError.notSupported(path, GoValue.of(data), supported));
    }

    static boolean sameValue(JsonNode a, JsonNode b) {
        boolean aNull = a == null || a.isNull();
        boolean bNull = b == null || b.isNull();
        if (aNull || bNull) {
            return aNull && bNull;
        }
        if (a.isNumber() && b.isNumber()) {
            return a.decimalValue().compareTo(b.decimalValue()) == 0;
        }
        return a.equals(b);
    }

    /** Deep equality of JSON values, numbers by value as Go compares decoded JSON. */
    static boolean sameTree(JsonNode a, JsonNode b) {
        if (a.isNumber() && b.isNumber()) {
            return a.decimalValue().compareTo(b.decimalValue()) == 0;
        }
        if (a.isObject() && b.isObject()) {
            if (a.size() != b.size()) {
                return false;
            }
            for (Map.Entry<String, JsonNode> e : a.properties()) {
                JsonNode other = b.get(e.getKey());
                if (other == null || !sameTree(e.getValue(), other)) {
                    return false;
                }
            }
            return true;
        }
        if (a.isArray() && b.isArray()) {
            if (a.size() != b.size()) {
                return false;
            }
            for (int i = 0; i < a.size(); i++) {
                if (!sameTree(a.get(i), b.get(i))) {
                    return false;
                }
            }
            return true;
        }
        return a.equals(b);
    }

    static String child(String path, String name) {
        return path.isEmpty() ? name : path + "." + name;
    }
}
