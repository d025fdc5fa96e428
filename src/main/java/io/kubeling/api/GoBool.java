package io.kubeling.api;

import io.kubeling.registry.Errors;

/** Booleans in query strings, read as Go's strconv.ParseBool reads them. */
final class GoBool {

    private GoBool() {
    }

    private static final java.util.Set<String> TRUE = java.util.Set.of("1", "t", "T", "true", "TRUE", "True");

    /** As Go's ParseBool with its error dropped: anything but a true literal is false. */
    static boolean trueOrFalse(String value) {
        return TRUE.contains(value);
    }

    static boolean parse(String name, String value, boolean absent) {
        if (value == null) {
            return absent;
        }
        return switch (value) {
            case "1", "t", "T", "true", "TRUE", "True" -> true;
            case "0", "f", "F", "false", "FALSE", "False", "" -> false;
            default -> throw Errors.badRequest("invalid boolean value for " + name + ": strconv.ParseBool: parsing \""
                    + value + "\": invalid syntax");
        };
    }
}
