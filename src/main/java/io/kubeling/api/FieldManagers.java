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
        int slash = agent.indexOf('/');
        String product = slash < 0 ? agent : agent.substring(0, slash);
        StringBuilder out = new StringBuilder(Math.min(product.length(), MAX_LENGTH));
        int bytes = 0;
        for (int i = 0; i < product.length(); ) {
            int c = product.codePointAt(i);
            i += Character.charCount(c);
            if (!printable(c)) {
                continue;
            }
            int size = utf8Length(c);
            if (bytes + size > MAX_LENGTH) {
                break;
            }
            out.appendCodePoint(c);
            bytes += size;
        }
        return out.length() == product.length() ? product : out.toString();
    }

    private static int utf8Length(int c) {
        return c < 0x80 ? 1 : c < 0x800 ? 2 : c < 0x10000 ? 3 : 4;
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
