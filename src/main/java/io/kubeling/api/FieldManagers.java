package io.kubeling.api;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import jakarta.servlet.http.HttpServletRequest;

import io.kubeling.registry.validation.FieldError;

/** The fieldManager of a write: the query parameter, else derived from the User-Agent as kube does. */
final class FieldManagers {

    static final int MAX_LENGTH = 128;

    private FieldManagers() {
    }

    /** Kube's checks of an explicit fieldManager: at most 128 bytes, printable characters only. */
    static List<FieldError> validate(String manager) {
        List<FieldError> errs = new ArrayList<>();
        if (manager == null) {
            return errs;
        }
        if (manager.getBytes(StandardCharsets.UTF_8).length > MAX_LENGTH) {
            errs.add(FieldError.tooLong("fieldManager", MAX_LENGTH));
        }
        manager.codePoints().forEach(c -> {
            if (!printable(c)) {
                errs.add(FieldError.invalid("fieldManager", manager, "invalid character " + goRune(c)));
            }
        });
        return errs;
    }

    /** The manager a write names, or the User-Agent's product (before the first slash), printable and capped. */
    static String of(HttpServletRequest request) {
        String manager = request.getParameter("fieldManager");
        if (manager != null && !manager.isEmpty()) {
            return manager;
        }
        String agent = request.getHeader("User-Agent");
        if (agent == null) {
            return "";
        }
        String product = agent.split("/", -1)[0];
        StringBuilder out = new StringBuilder();
        int bytes = 0;
        for (int c : product.codePoints().toArray()) {
            if (!printable(c)) {
                continue;
            }
            int size = new String(Character.toChars(c)).getBytes(StandardCharsets.UTF_8).length;
            if (bytes + size > MAX_LENGTH) {
                break;
            }
            out.appendCodePoint(c);
            bytes += size;
        }
        return out.toString();
    }

    /** Go's unicode.IsPrint: letters, marks, numbers, punctuation, symbols and the ASCII space. */
    private static boolean printable(int c) {
        if (c == ' ') {
            return true;
        }
        return switch (Character.getType(c)) {
            case Character.UNASSIGNED, Character.CONTROL, Character.FORMAT, Character.PRIVATE_USE,
                    Character.SURROGATE, Character.SPACE_SEPARATOR, Character.LINE_SEPARATOR,
                    Character.PARAGRAPH_SEPARATOR -> false;
            default -> true;
        };
    }

    /** Go's %#U: U+0009. */
    private static String goRune(int c) {
        return String.format("U+%04X", c);
    }
}
