package io.kubeling.api;

import java.nio.charset.StandardCharsets;

import io.kubeling.registry.validation.GoQuote;

/**
 * Go's encoding/json scanner, as kube's decoder runs it over a body before reading apiVersion and kind: it finds
 * the first byte that makes the body no JSON and words it as Go does ("invalid character '}' looking for beginning
 * of object key string", "unexpected end of JSON input"). Run only on bodies Jackson already refused, to say why.
 */
final class GoJsonSyntax {

    /** Go's maxNestingDepth. */
    private static final int MAX_DEPTH = 10000;

    private enum Step {
        BEGIN_VALUE, BEGIN_VALUE_OR_EMPTY, BEGIN_STRING, BEGIN_STRING_OR_EMPTY, END_VALUE, END_TOP, IN_STRING,
        IN_STRING_ESC, ESC_U, ESC_U1, ESC_U12, ESC_U123, NEG, ZERO, ONE, DOT, DOT0, E, E_SIGN, E0,
        T, TR, TRU, F, FA, FAL, FALS, N, NU, NUL
    }

    private static final byte OBJECT_KEY = 0;
    private static final byte OBJECT_VALUE = 1;
    private static final byte ARRAY_VALUE = 2;

    private Step step = Step.BEGIN_VALUE;
    private byte[] parseState = new byte[16];
    private int depth;
    private boolean endTop;
    private String error;

    private GoJsonSyntax() {
    }

    /** Go's syntax error for {@code data}, or null when Go's scanner takes it whole. */
    static String error(byte[] data) {
        GoJsonSyntax scanner = new GoJsonSyntax();
        for (byte b : data) {
            if (scanner.error != null) {
                return scanner.error;
            }
            scanner.step(b & 0xff);
        }
        return scanner.eof();
    }

    private String eof() {
        if (error != null) {
            return error;
        }
        if (endTop) {
            return null;
        }
        step(' ');
        if (endTop) {
            return null;
        }
        return error != null ? error : "unexpected end of JSON input";
    }

    private static boolean isSpace(int c) {
        return c == ' ' || c == '\t' || c == '\r' || c == '\n';
    }

    private static boolean isDigit(int c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isHex(int c) {
        return isDigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }

    private void step(int c) {
        switch (step) {
            case BEGIN_VALUE_OR_EMPTY -> {
                if (isSpace(c)) {
                    return;
                }
                if (c == ']') {
                    endValue(c);
                } else {
                    beginValue(c);
                }
            }
            case BEGIN_VALUE -> beginValue(c);
            case BEGIN_STRING_OR_EMPTY -> {
                if (isSpace(c)) {
                    return;
                }
                if (c == '}') {
                    parseState[depth - 1] = OBJECT_VALUE;
                    endValue(c);
                } else {
                    beginString(c);
                }
            }
            case BEGIN_STRING -> beginString(c);
            case END_VALUE -> endValue(c);
            case END_TOP -> endTop(c);
            case IN_STRING -> {
                if (c == '"') {
                    step = Step.END_VALUE;
                } else if (c == '\\') {
                    step = Step.IN_STRING_ESC;
                } else if (c < 0x20) {
                    fail(c, "in string literal");
                }
            }
            case IN_STRING_ESC -> {
                switch (c) {
                    case 'b', 'f', 'n', 'r', 't', '\\', '/', '"' -> step = Step.IN_STRING;
                    case 'u' -> step = Step.ESC_U;
                    default -> fail(c, "in string escape code");
                }
            }
            case ESC_U -> hex(c, Step.ESC_U1);
            case ESC_U1 -> hex(c, Step.ESC_U12);
            case ESC_U12 -> hex(c, Step.ESC_U123);
            case ESC_U123 -> hex(c, Step.IN_STRING);
            case NEG -> {
                if (c == '0') {
                    step = Step.ZERO;
                } else if (c >= '1' && c <= '9') {
                    step = Step.ONE;
                } else {
                    fail(c, "in numeric literal");
                }
            }
            case ONE -> {
                if (!isDigit(c)) {
                    zero(c);
                }
            }
            case ZERO -> zero(c);
            case DOT -> {
                if (isDigit(c)) {
                    step = Step.DOT0;
                } else {
                    fail(c, "after decimal point in numeric literal");
                }
            }
            case DOT0 -> {
                if (c == 'e' || c == 'E') {
                    step = Step.E;
                } else if (!isDigit(c)) {
                    endValue(c);
                }
            }
            case E -> {
                if (c == '+' || c == '-') {
                    step = Step.E_SIGN;
                } else {
                    exponentSign(c);
                }
            }
            case E_SIGN -> exponentSign(c);
            case E0 -> {
                if (!isDigit(c)) {
                    endValue(c);
                }
            }
            case T -> literal(c, 'r', Step.TR, "in literal true (expecting 'r')");
            case TR -> literal(c, 'u', Step.TRU, "in literal true (expecting 'u')");
            case TRU -> literal(c, 'e', Step.END_VALUE, "in literal true (expecting 'e')");
            case F -> literal(c, 'a', Step.FA, "in literal false (expecting 'a')");
            case FA -> literal(c, 'l', Step.FAL, "in literal false (expecting 'l')");
            case FAL -> literal(c, 's', Step.FALS, "in literal false (expecting 's')");
            case FALS -> literal(c, 'e', Step.END_VALUE, "in literal false (expecting 'e')");
            case N -> literal(c, 'u', Step.NU, "in literal null (expecting 'u')");
            case NU -> literal(c, 'l', Step.NUL, "in literal null (expecting 'l')");
            case NUL -> literal(c, 'l', Step.END_VALUE, "in literal null (expecting 'l')");
        }
    }

    private void beginValue(int c) {
        if (isSpace(c)) {
            return;
        }
        switch (c) {
            case '{' -> {
                step = Step.BEGIN_STRING_OR_EMPTY;
                push(c, OBJECT_KEY);
            }
            case '[' -> {
                step = Step.BEGIN_VALUE_OR_EMPTY;
                push(c, ARRAY_VALUE);
            }
            case '"' -> step = Step.IN_STRING;
            case '-' -> step = Step.NEG;
            case '0' -> step = Step.ZERO;
            case 't' -> step = Step.T;
            case 'f' -> step = Step.F;
            case 'n' -> step = Step.N;
            default -> {
                if (c >= '1' && c <= '9') {
                    step = Step.ONE;
                } else {
                    fail(c, "looking for beginning of value");
                }
            }
        }
    }

    private void beginString(int c) {
        if (isSpace(c)) {
            return;
        }
        if (c == '"') {
            step = Step.IN_STRING;
        } else {
            fail(c, "looking for beginning of object key string");
        }
    }

    private void endValue(int c) {
        if (depth == 0) {
            step = Step.END_TOP;
            endTop = true;
            endTop(c);
            return;
        }
        if (isSpace(c)) {
            step = Step.END_VALUE;
            return;
        }
        switch (parseState[depth - 1]) {
            case OBJECT_KEY -> {
                if (c == ':') {
                    parseState[depth - 1] = OBJECT_VALUE;
                    step = Step.BEGIN_VALUE;
                } else {
                    fail(c, "after object key");
                }
            }
            case OBJECT_VALUE -> {
                if (c == ',') {
                    parseState[depth - 1] = OBJECT_KEY;
                    step = Step.BEGIN_STRING;
                } else if (c == '}') {
                    pop();
                } else {
                    fail(c, "after object key:value pair");
                }
            }
            default -> {
                if (c == ',') {
                    step = Step.BEGIN_VALUE;
                } else if (c == ']') {
                    pop();
                } else {
                    fail(c, "after array element");
                }
            }
        }
    }

    private void endTop(int c) {
        if (!isSpace(c)) {
            fail(c, "after top-level value");
        }
    }

    private void zero(int c) {
        if (c == '.') {
            step = Step.DOT;
        } else if (c == 'e' || c == 'E') {
            step = Step.E;
        } else {
            endValue(c);
        }
    }

    private void exponentSign(int c) {
        if (isDigit(c)) {
            step = Step.E0;
        } else {
            fail(c, "in exponent of numeric literal");
        }
    }

    private void hex(int c, Step next) {
        if (isHex(c)) {
            step = next;
        } else {
            fail(c, "in \\u hexadecimal character escape");
        }
    }

    private void literal(int c, char expected, Step next, String context) {
        if (c == expected) {
            step = next;
        } else {
            fail(c, context);
        }
    }

    private void push(int c, byte state) {
        if (depth == parseState.length) {
            parseState = java.util.Arrays.copyOf(parseState, depth * 2);
        }
        parseState[depth++] = state;
        if (depth > MAX_DEPTH) {
            fail(c, "exceeded max depth");
        }
    }

    private void pop() {
        depth--;
        if (depth == 0) {
            step = Step.END_TOP;
            endTop = true;
        } else {
            step = Step.END_VALUE;
        }
    }

    private void fail(int c, String context) {
        if (error == null) {
            error = "invalid character " + GoQuote.quoteChar(c) + " " + context;
        }
    }

    /**
     * kube's summarizeData: a body that opens like an object quoted as text, any other as hex, its first
     * {@code max} bytes and " ..." when there is more.
     */
    static String summary(byte[] data, int max) {
        if (data.length == 0) {
            return "<empty>";
        }
        int n = Math.min(data.length, max);
        String more = data.length > max ? " ..." : "";
        if (data[0] == '{') {
            return new String(data, 0, n, StandardCharsets.UTF_8) + more;
        }
        StringBuilder hex = new StringBuilder(n * 2);
        for (int i = 0; i < n; i++) {
            hex.append(Character.forDigit((data[i] >> 4) & 0xf, 16)).append(Character.forDigit(data[i] & 0xf, 16));
        }
        return hex + more;
    }
}
