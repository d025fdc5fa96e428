package io.kubeling.openapi;

import java.util.Set;

import tools.jackson.databind.node.ObjectNode;

/**
 * The schemas kube writes by hand rather than from a struct: values that are strings or numbers on the wire
 * although Go (and fabric8) model them as types, and free-form objects.
 */
final class BuiltinSchemas {

    static final String PATCH = SchemaNames.META + "Patch";
    static final String FIELDS_V1 = SchemaNames.META + "FieldsV1";
    static final String RAW_EXTENSION = "io.k8s.apimachinery.pkg.runtime.RawExtension";

    private static final Set<String> NAMES = Set.of(SchemaNames.QUANTITY, SchemaNames.INT_OR_STRING,
            SchemaNames.TIME, SchemaNames.MICRO_TIME, PATCH, FIELDS_V1, RAW_EXTENSION);

    private BuiltinSchemas() {
    }

    static boolean knows(String name) {
        return NAMES.contains(name);
    }

    /** Fills {@code schema} if {@code name} is one of these; false otherwise. */
    static boolean fill(String name, ObjectNode schema) {
        switch (name) {
            case SchemaNames.QUANTITY -> {
                schema.put("description", "Quantity is a fixed-point representation of a number: a string such as "
                        + "\"500m\", \"1.5Gi\" or \"2\" (a plain number is accepted too). Kube serializes it in its "
                        + "canonical form.");
                schema.putArray("oneOf").addObject().put("type", "string");
                schema.withArray("oneOf").addObject().put("type", "number");
            }
            case SchemaNames.INT_OR_STRING -> {
                schema.put("description", "IntOrString holds either an int32 or a string, such as a port number or "
                        + "a port name.");
                schema.put("format", "int-or-string");
                schema.putArray("oneOf").addObject().put("type", "integer");
                schema.withArray("oneOf").addObject().put("type", "string");
            }
            case SchemaNames.TIME -> {
                schema.put("description", "Time is a timestamp in RFC 3339 form to the second, in UTC.");
                schema.put("format", "date-time");
                schema.put("type", "string");
            }
            case SchemaNames.MICRO_TIME -> {
                schema.put("description", "MicroTime is a timestamp in RFC 3339 form to the microsecond, in UTC.");
                schema.put("format", "date-time");
                schema.put("type", "string");
            }
            case PATCH -> {
                schema.put("description", "Patch is the body of a PATCH request, in the format its content type "
                        + "names.");
                schema.put("type", "object");
            }
            case FIELDS_V1 -> {
                schema.put("description", "FieldsV1 stores a set of fields in a trie-like JSON structure.");
                schema.put("type", "object");
            }
            case RAW_EXTENSION -> {
                schema.put("description", "RawExtension holds any embedded object.");
                schema.put("type", "object");
            }
            default -> {
                return false;
            }
        }
        return true;
    }
}
