package io.kubeling.resources.secrets;

import java.util.Optional;

import io.kubeling.registry.validation.GoQuote;

/**
 * Whether bytes unmarshal into a Go map[string]interface{}, with the message Go's encoding/json gives when they
 * do not: its scanner's syntax errors first, then the type error for a top-level value that is not an object.
 */
final class GoJsonObject {

    private final byte[] data;
    private int pos;

    private GoJsonObject(byte[] data) {
        this.data = data;
    }

    static Optional<String> check(byte[] data) {
        GoJsonObject scanner = new GoJsonObject(data);
        try {
            scanner.skipSpace();
            int first = scanner.peek();
            scanner.value("looking for beginning of value");
            scanner.skipSpace();
            if (scanner.pos < data.length) {
                throw scanner.invalid("after top-level value");
            }
            String kind = switch (first) {
                case '{', 'n' -> null;
                case '[' -> "array";
                case '"' -> "string";
                case 't', 'f' -> "bool";
                default -> "number";
            };
            return kind == null ? Optional.empty()
                    : Optional.of("json: cannot unmarshal " + kind + " into Go value of type map[string]interface {}");
        } catch (SyntaxError e) {
            return Optional.of(e.getMessage());
        }
    }

    private void value(String context) {
        skipSpace();
        int c = next();
        switch (c) {
            case '{' -> object();
            case '[' -> array();
            case '"' -> string();
            case 't' -> literal("true");
            case 'f' -> literal("false");
            case 'n' -> literal("null");
            case '-' -> {
                int d = next();
                if (d < '0' || d > '9') {
                    throw invalidAt(pos - 1, "in numeric literal");
                }
                number(d);
            }
            default -> {
                if (c >= '0' && c <= '9') {
                    number(c);
                } else {
                    throw invalidAt(pos - 1, context);
                }
            }
        }
    }

    private void object() {
        skipSpace();
        if (peek() == '}') {
            pos++;
            return;
        }
        while (true) {
            skipSpace();
            if (next() != '"') {
                throw invalidAt(pos - 1, "looking for beginning of object key string");
            }
            string();
            skipSpace();
            if (next() != ':') {
                throw invalidAt(pos - 1, "after object key");
            }
            value("looking for beginning of value");
            skipSpace();
            int c = next();
            if (c == '}') {
                return;
            }
            if (c != ',') {
                throw invalidAt(pos - 1, "after object key:value pair");
            }
        }
    }

    private void array() {
        skipSpace();
        if (peek() == ']') {
            pos++;
            return;
        }
        while (true) {
            value("looking for beginning of value");
            skipSpace();
            int c = next();
            if (c == ']') {
                return;
            }
            if (c != ',') {
                throw invalidAt(pos - 1, "after array element");
            }
        }
    }

    private void string() {
        while (true) {
            int c = next();
            if (c == '"') {
                return;
            }
            if (c == '\\') {
                int e = next();
                if (e == 'u') {
                    for (int i = 0; i < 4; i++) {
                        if (Character.digit(next(), 16) < 0) {
                            throw invalidAt(pos - 1, "in \\u hexadecimal character escape");
                        }
                    }
                } else if ("bfnrt\\/\"".indexOf(e) < 0) {
                    throw invalidAt(pos - 1, "in string escape code");
                }
            } else if (c < 0x20) {
                throw invalidAt(pos - 1, "in string literal");
            }
        }
    }

    private void number(int first) {
        if (first != '0') {
            digits();
        }
        if (peek() == '.') {
            pos++;
            int d = next();
            if (d < '0' || d > '9') {
                throw invalidAt(pos - 1, "after decimal point in numeric literal");
            }
            digits();
        }
        if (peek() == 'e' || peek() == 'E') {
            pos++;
            int d = next();
            if (d == '+' || d == '-') {
                d = next();
            }
            if (d < '0' || d > '9') {
                throw invalidAt(pos - 1, "in exponent of numeric literal");
            }
            digits();
        }
    }

    private void digits() {
        while (peek() >= '0' && peek() <= '9') {
            pos++;
        }
    }

    private void literal(String word) {
        for (int i = 1; i < word.length(); i++) {
            String context = "in literal " + word + " (expecting " + GoQuote.quoteChar(word.charAt(i)) + ")";
            if (next() != word.charAt(i)) {
                throw invalidAt(pos - 1, context);
            }
        }
    }

    private void skipSpace() {
        while (pos < data.length && (data[pos] == ' ' || data[pos] == '\t' || data[pos] == '\n' || data[pos] == '\r')) {
            pos++;
        }
    }

    private int peek() {
        return pos < data.length ? data[pos] & 0xff : -1;
    }

    /** The next byte; running out of input anywhere inside a value is Go's "unexpected end of JSON input". */
    private int next() {
        if (pos >= data.length) {
            throw new SyntaxError("unexpected end of JSON input");
        }
        return data[pos++] & 0xff;
    }

    private SyntaxError invalid(String context) {
        return invalidAt(pos, context);
    }

    private SyntaxError invalidAt(int at, String context) {
        return new SyntaxError("invalid character " + GoQuote.quoteChar(data[at] & 0xff) + " " + context);
    }

    private static final class SyntaxError extends RuntimeException {
        SyntaxError(String message) {
            super(message, null, false, false);
        }
    }
}
