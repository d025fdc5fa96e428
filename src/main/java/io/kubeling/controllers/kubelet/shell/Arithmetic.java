package io.kubeling.controllers.kubelet.shell;

import java.util.function.UnaryOperator;

/**
 * {@code $((...))} as ash evaluates it: 64-bit integers, variables by name or {@code $name} (unset or
 * empty is 0), C's operators with their precedence, the ternary, and parentheses.
 */
final class Arithmetic {

    /** An expression ash rejects; its message is the one ash prints after {@code sh: }. */
    static final class Error extends RuntimeException {
        Error(String message) {
            super(message);
        }
    }

    private final String text;
    private final UnaryOperator<String> lookup;
    private int pos;

    private Arithmetic(String text, UnaryOperator<String> lookup) {
        this.text = text;
        this.lookup = lookup;
    }

    static long evaluate(String expression, UnaryOperator<String> lookup) {
        Arithmetic a = new Arithmetic(expression, lookup);
        a.skip();
        if (a.pos >= a.text.length()) {
            return 0;
        }
        long value = a.ternary();
        a.skip();
        if (a.pos < a.text.length()) {
            throw new Error("arithmetic syntax error");
        }
        return value;
    }

    private long ternary() {
        long cond = binary(0);
        if (eat("?")) {
            long yes = ternary();
            expect(":");
            long no = ternary();
            return cond != 0 ? yes : no;
        }
        return cond;
    }

    private static final String[][] LEVELS = {
        {"||"}, {"&&"}, {"|"}, {"^"}, {"&"}, {"==", "!="}, {"<=", ">=", "<", ">"}, {"<<", ">>"}, {"+", "-"},
        {"*", "/", "%"},
    };

    private long binary(int level) {
        if (level == LEVELS.length) {
            return unary();
        }
        long left = binary(level + 1);
        while (true) {
            String op = operator(LEVELS[level]);
            if (op == null) {
                return left;
            }
            long right = binary(level + 1);
            left = switch (op) {
                case "||" -> left != 0 || right != 0 ? 1 : 0;
                case "&&" -> left != 0 && right != 0 ? 1 : 0;
                case "|" -> left | right;
                case "^" -> left ^ right;
                case "&" -> left & right;
                case "==" -> left == right ? 1 : 0;
                case "!=" -> left != right ? 1 : 0;
                case "<=" -> left <= right ? 1 : 0;
                case ">=" -> left >= right ? 1 : 0;
                case "<" -> left < right ? 1 : 0;
                case ">" -> left > right ? 1 : 0;
                case "<<" -> left << right;
                case ">>" -> left >> right;
                case "+" -> left + right;
                case "-" -> left - right;
                case "*" -> left * right;
                default -> {
                    if (right == 0) {
                        throw new Error("divide by zero");
                    }
                    yield op.equals("/") ? left / right : left % right;
                }
            };
        }
    }

    /** The first of {@code ops} at the cursor that is not the start of a longer operator. */
    private String operator(String[] ops) {
        skip();
        for (String op : ops) {
            if (text.startsWith(op, pos)) {
                String after = text.substring(pos + op.length());
                boolean longer = (op.equals("|") && after.startsWith("|")) || (op.equals("&") && after.startsWith("&"))
                        || (op.equals("<") && after.startsWith("<")) || (op.equals(">") && after.startsWith(">"))
                        || after.startsWith("=") && !op.endsWith("=");
                if (!longer) {
                    pos += op.length();
                    return op;
                }
            }
        }
        return null;
    }

    private long unary() {
        skip();
        if (eat("-")) {
            return -unary();
        }
        if (eat("+")) {
            return unary();
        }
        if (eat("!")) {
            return unary() == 0 ? 1 : 0;
        }
        if (eat("~")) {
            return ~unary();
        }
        if (eat("(")) {
            long value = ternary();
            expect(")");
            return value;
        }
        int start = pos;
        if (pos < text.length() && text.charAt(pos) == '$') {
            pos++;
            start = pos;
        }
        while (pos < text.length() && (Character.isLetterOrDigit(text.charAt(pos)) || text.charAt(pos) == '_')) {
            pos++;
        }
        String token = text.substring(start, pos);
        if (token.isEmpty()) {
            throw new Error("arithmetic syntax error");
        }
        if (Character.isDigit(token.charAt(0))) {
            return number(token);
        }
        String value = lookup.apply(token).trim();
        return value.isEmpty() ? 0 : number(value);
    }

    private static long number(String token) {
        try {
            if (token.startsWith("0x") || token.startsWith("0X")) {
                return Long.parseLong(token.substring(2), 16);
            }
            if (token.length() > 1 && token.startsWith("0")) {
                return Long.parseLong(token.substring(1), 8);
            }
            return Long.parseLong(token);
        } catch (NumberFormatException e) {
            throw new Error("arithmetic syntax error");
        }
    }

    private boolean eat(String s) {
        skip();
        if (text.startsWith(s, pos)) {
            pos += s.length();
            return true;
        }
        return false;
    }

    private void expect(String s) {
        if (!eat(s)) {
            throw new Error("arithmetic syntax error");
        }
    }

    private void skip() {
        while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
            pos++;
        }
    }
}
