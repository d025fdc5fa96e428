package io.kubeling.api;

import io.kubeling.registry.Errors;

/** Booleans in query strings, read as Go's strconv.ParseBool reads them. */
final class GoBool {

    private GoBool() {
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
