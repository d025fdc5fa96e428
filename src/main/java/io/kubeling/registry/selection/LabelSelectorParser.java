package io.kubeling.registry.selection;

import java.util.ArrayList;
import java.util.List;

import io.kubeling.registry.validation.Names;

/** A small lexer and parser for the label selector grammar of k8s.io/apimachinery/pkg/labels. */
final class LabelSelectorParser {

    private final String text;
    private int pos;

    LabelSelectorParser(String text) {
        this.text = text;
    }

    List<LabelRequirement> parse() {
        List<LabelRequirement> out = new ArrayList<>();
        while (true) {
            skipSpace();
            out.add(requirement());
            skipSpace();
            if (pos >= text.length()) {
                return out;
            }
            if (text.charAt(pos) != ',') {
                throw error("found '" + peekToken() + "', expected: ',' or 'end of string'");
            }
            pos++;
        }
    }

    private LabelRequirement requirement() {
        if (peek() == '!') {
            pos++;
            skipSpace();
            String key = key();
            return new LabelRequirement(key, LabelRequirement.Operator.DOES_NOT_EXIST, List.of());
        }
        String key = key();
        skipSpace();
        if (pos >= text.length() || text.charAt(pos) == ',') {
            return new LabelRequirement(key, LabelRequirement.Operator.EXISTS, List.of());
        }
        if (text.startsWith("==", pos)) {
            pos += 2;
            return single(key, LabelRequirement.Operator.EQUALS);
        }
        if (text.startsWith("!=", pos)) {
            pos += 2;
            return single(key, LabelRequirement.Operator.NOT_EQUALS);
        }
        char c = text.charAt(pos);
        if (c == '=') {
            pos++;
            return single(key, LabelRequirement.Operator.EQUALS);
        }
        if (c == '>' || c == '<') {
            pos++;
            LabelRequirement r = single(key, c == '>' ? LabelRequirement.Operator.GREATER_THAN
                    : LabelRequirement.Operator.LESS_THAN);
            try {
                Long.parseLong(r.values().get(0));
            } catch (NumberFormatException e) {
                throw error("for 'Gt', 'Lt' operators, the value must be an integer");
            }
            return r;
        }
        String word = word();
        LabelRequirement.Operator op;
        if (word.equals("in")) {
            op = LabelRequirement.Operator.IN;
        } else if (word.equals("notin")) {
            op = LabelRequirement.Operator.NOT_IN;
        } else {
            throw error("found '" + word + "', expected: in, notin, =, ==, !=, gt, lt");
        }
        skipSpace();
        if (peek() != '(') {
            throw error("found '" + peekToken() + "', expected: '('");
        }
        pos++;
        List<String> values = new ArrayList<>();
        while (true) {
            skipSpace();
            String v = word();
            checkValue(v);
            values.add(v);
            skipSpace();
            char n = peek();
            if (n == ',') {
                pos++;
            } else if (n == ')') {
                pos++;
                break;
            } else {
                throw error("found '" + peekToken() + "', expected: ',' or ')'");
            }
        }
        return new LabelRequirement(key, op, List.copyOf(values));
    }

    private LabelRequirement single(String key, LabelRequirement.Operator op) {
        skipSpace();
        String v = word();
        checkValue(v);
        return new LabelRequirement(key, op, List.of(v));
    }

    private String key() {
        String key = word();
        if (key.isEmpty()) {
            throw error("found '" + peekToken() + "', expected: !, identifier, or 'end of string'");
        }
        List<String> errs = Names.qualifiedName(key);
        if (!errs.isEmpty()) {
            throw new SelectorException("unable to parse requirement: values[0][" + key + "]: Invalid value: \""
                    + key + "\": " + String.join("; ", errs));
        }
        return key;
    }

    private void checkValue(String value) {
        List<String> errs = Names.labelValue(value);
        if (!errs.isEmpty()) {
            throw new SelectorException("unable to parse requirement: values[0][" + value + "]: Invalid value: \""
                    + value + "\": " + String.join("; ", errs));
        }
    }

    private String word() {
        int start = pos;
        while (pos < text.length() && !isSpecial(text.charAt(pos))) {
            pos++;
        }
        return text.substring(start, pos);
    }

    private static boolean isSpecial(char c) {
        return Character.isWhitespace(c) || c == ',' || c == '=' || c == '!' || c == '(' || c == ')' || c == '<'
                || c == '>';
    }

    private char peek() {
        return pos < text.length() ? text.charAt(pos) : 0;
    }

    private String peekToken() {
        if (pos >= text.length()) {
            return "";
        }
        return isSpecial(text.charAt(pos)) ? String.valueOf(text.charAt(pos)) : text.substring(pos).split("[\\s,=!()<>]")[0];
    }

    private void skipSpace() {
        while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
            pos++;
        }
    }

    private SelectorException error(String message) {
        return new SelectorException("unable to parse requirement: " + message);
    }
}
