package io.kubeling.registry.validation;

import java.util.List;
import java.util.stream.Collectors;

/**
 * One validation failure on one field, rendered as kube-apiserver renders field.Error:
 * {@code spec.containers[0].name: Invalid value: "A": <detail>}.
 */
public record FieldError(String field, Type type, Object value, String detail) {

    public enum Type {
        REQUIRED("FieldValueRequired", "Required value"),
        INVALID("FieldValueInvalid", "Invalid value"),
        TYPE_INVALID("FieldValueTypeInvalid", "Invalid value"),
        NOT_SUPPORTED("FieldValueNotSupported", "Unsupported value"),
        FORBIDDEN("FieldValueForbidden", "Forbidden"),
        DUPLICATE("FieldValueDuplicate", "Duplicate value"),
        TOO_LONG("FieldValueTooLong", "Too long"),
        TOO_MANY("FieldValueTooMany", "Too many"),
        NOT_FOUND("FieldValueNotFound", "Not found");

        private final String reason;
        private final String text;

        Type(String reason, String text) {
            this.reason = reason;
            this.text = text;
        }

        public String reason() {
            return reason;
        }
    }

    /** A marker for "no value to print", as kube omits the value for some errors. */
    public static final Object OMIT = new Object();

    public static FieldError required(String field, String detail) {
        return new FieldError(field, Type.REQUIRED, OMIT, detail);
    }

    public static FieldError invalid(String field, Object value, String detail) {
        return new FieldError(field, Type.INVALID, value, detail);
    }

    public static FieldError typeInvalid(String field, Object value, String detail) {
        return new FieldError(field, Type.TYPE_INVALID, value, detail);
    }

    public static FieldError forbidden(String field, String detail) {
        return new FieldError(field, Type.FORBIDDEN, OMIT, detail);
    }

    public static FieldError duplicate(String field, Object value) {
        return new FieldError(field, Type.DUPLICATE, value, "");
    }

    public static FieldError notFound(String field, Object value) {
        return new FieldError(field, Type.NOT_FOUND, value, "");
    }

    public static FieldError tooLong(String field, int max) {
        return new FieldError(field, Type.TOO_LONG, OMIT, "must have at most " + max + " bytes");
    }

    public static FieldError notSupported(String field, Object value, List<String> supported) {
        String detail = supported.isEmpty() ? ""
                : "supported values: " + supported.stream().map(s -> "\"" + s + "\"").collect(Collectors.joining(", "));
        return new FieldError(field, Type.NOT_SUPPORTED, value, detail);
    }

    /** The part after the field path, as in the Status cause message. */
    public String body() {
        StringBuilder s = new StringBuilder(type.text);
        boolean showValue = value != OMIT && type != Type.REQUIRED && type != Type.FORBIDDEN && type != Type.TOO_LONG;
        if (showValue) {
            s.append(": ").append(render(value));
        }
        if (detail != null && !detail.isEmpty()) {
            s.append(": ").append(detail);
        }
        return s.toString();
    }

    @Override
    public String toString() {
        return field + ": " + body();
    }

    static String render(Object value) {
        if (value == null) {
            return "null";
        }
        if (value instanceof String s) {
            return GoQuote.quote(s);
        }
        return String.valueOf(value);
    }
}
