package io.kubeling.controllers.kubelet.shell;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a script into words and operators as a POSIX shell does: single and double quotes,
 * backslash escapes, {@code $NAME} and {@code ${NAME}} references, comments, and redirections.
 */
final class ShellLexer {

    /** A word, or an operator such as {@code ;}, {@code &&}, {@code |}, {@code (} or a newline. */
    record Token(Word word, String operator, ShellNode.Redirect redirect) {

        Token(Word word, String operator) {
            this(word, operator, null);
        }

        boolean is(String op) {
            return op.equals(operator);
        }

        boolean isKeyword(String keyword) {
            return word != null && keyword.equals(word.keyword());
        }
    }

    private final String text;
    private int pos;

    private ShellLexer(String text) {
        this.text = text;
    }

    static List<Token> tokens(String script) {
        return new ShellLexer(script).run();
    }

    private List<Token> run() {
        List<Token> tokens = new ArrayList<>();
        while (true) {
            skipBlanks();
            if (pos >= text.length()) {
                return tokens;
            }
            char c = text.charAt(pos);
            if (c == '#') {
                while (pos < text.length() && text.charAt(pos) != '\n') {
                    pos++;
                }
            } else if (c == '\n') {
                pos++;
                tokens.add(new Token(null, "\n"));
            } else if (redirection(tokens)) {
                continue;
            } else if (startsWith("&&") || startsWith("||") || startsWith(";;")) {
                tokens.add(new Token(null, text.substring(pos, pos + 2)));
                pos += 2;
            } else if (c == ';' || c == '&' || c == '|' || c == '(' || c == ')') {
                tokens.add(new Token(null, String.valueOf(c)));
                pos++;
            } else {
                tokens.add(new Token(word(), null));
            }
        }
    }

    private void skipBlanks() {
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (c == ' ' || c == '\t' || c == '\r') {
                pos++;
            } else if (c == '\\' && pos + 1 < text.length() && text.charAt(pos + 1) == '\n') {
                pos += 2;
            } else {
                return;
            }
        }
    }

    /** Reads a redirection and its target, if one starts here. */
    private boolean redirection(List<Token> tokens) {
        int start = pos;
        while (pos < text.length() && Character.isDigit(text.charAt(pos))) {
            pos++;
        }
        String digits = text.substring(start, pos);
        String op;
        if (startsWith("<<")) {
            throw new ShellSyntaxException("here-document");
        } else if (startsWith("&>")) {
            op = "&>";
            pos += 2;
        } else if (startsWith(">>") || startsWith(">&") || startsWith("<&") || startsWith(">|")) {
            op = text.substring(pos, pos + 2).equals(">|") ? ">" : text.substring(pos, pos + 2);
            pos += 2;
        } else if (pos < text.length() && (text.charAt(pos) == '>' || text.charAt(pos) == '<')) {
            op = String.valueOf(text.charAt(pos));
            pos++;
        } else {
            pos = start;
            return false;
        }
        int fd = !digits.isEmpty() ? Integer.parseInt(digits) : op.startsWith("<") ? 0 : 1;
        skipBlanks();
        if (pos >= text.length() || "\n;&|()".indexOf(text.charAt(pos)) >= 0) {
            throw new ShellSyntaxException("redirection without a target");
        }
        tokens.add(new Token(null, null, new ShellNode.Redirect(fd, op, word())));
        return true;
    }

    private Word word() {
        List<Word.Part> parts = new ArrayList<>();
        StringBuilder literal = new StringBuilder();
        boolean quotedLiteral = false;
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (" \t\r\n;&|()<>".indexOf(c) >= 0) {
                break;
            }
            if (c == '\'') {
                int end = text.indexOf('\'', pos + 1);
                if (end < 0) {
                    throw new ShellSyntaxException("unterminated quote");
                }
                literal.append(text, pos + 1, end);
                quotedLiteral = true;
                pos = end + 1;
            } else if (c == '"') {
                pos++;
                flush(parts, literal, quotedLiteral);
                quotedLiteral = true;
                doubleQuoted(parts, literal);
                flush(parts, literal, true);
            } else if (c == '\\') {
                if (pos + 1 < text.length()) {
                    literal.append(text.charAt(pos + 1));
                    quotedLiteral = true;
                }
                pos += 2;
            } else if (c == '$') {
                String name = variable();
                if (name == null) {
                    literal.append('$');
                } else {
                    flush(parts, literal, quotedLiteral);
                    parts.add(new Word.Part(name, true, false));
                }
            } else if (c == '`') {
                throw new ShellSyntaxException("command substitution");
            } else {
                literal.append(c);
                pos++;
            }
        }
        flush(parts, literal, quotedLiteral);
        return new Word(parts.isEmpty() ? List.of(new Word.Part("", false, true)) : parts);
    }

    private void doubleQuoted(List<Word.Part> parts, StringBuilder literal) {
        while (true) {
            if (pos >= text.length()) {
                throw new ShellSyntaxException("unterminated quote");
            }
            char c = text.charAt(pos);
            if (c == '"') {
                pos++;
                if (literal.isEmpty() && (parts.isEmpty() || parts.get(parts.size() - 1).variable())) {
                    parts.add(new Word.Part("", false, true));
                }
                return;
            }
            if (c == '\\' && pos + 1 < text.length() && "\"\\$`\n".indexOf(text.charAt(pos + 1)) >= 0) {
                if (text.charAt(pos + 1) != '\n') {
                    literal.append(text.charAt(pos + 1));
                }
                pos += 2;
            } else if (c == '$') {
                String name = variable();
                if (name == null) {
                    literal.append('$');
                } else {
                    flush(parts, literal, true);
                    parts.add(new Word.Part(name, true, true));
                }
            } else if (c == '`') {
                throw new ShellSyntaxException("command substitution");
            } else {
                literal.append(c);
                pos++;
            }
        }
    }

    /** Reads {@code $NAME}, {@code ${NAME}} or a special parameter; null for a lone dollar sign. */
    private String variable() {
        pos++;
        if (pos >= text.length()) {
            return null;
        }
        char c = text.charAt(pos);
        if (c == '(') {
            throw new ShellSyntaxException("command substitution");
        }
        if (c == '{') {
            int end = text.indexOf('}', pos);
            if (end < 0) {
                throw new ShellSyntaxException("unterminated ${");
            }
            String name = text.substring(pos + 1, end);
            if (!name.matches("[A-Za-z_][A-Za-z0-9_]*|[0-9?$#@*]")) {
                throw new ShellSyntaxException("parameter expansion");
            }
            pos = end + 1;
            return name;
        }
        if ("?$#@*!0123456789".indexOf(c) >= 0) {
            pos++;
            return String.valueOf(c);
        }
        int start = pos;
        while (pos < text.length() && (Character.isLetterOrDigit(text.charAt(pos)) || text.charAt(pos) == '_')) {
            pos++;
        }
        return pos == start ? null : text.substring(start, pos);
    }

    private static void flush(List<Word.Part> parts, StringBuilder literal, boolean quoted) {
        if (!literal.isEmpty()) {
            parts.add(new Word.Part(literal.toString(), false, quoted));
            literal.setLength(0);
        }
    }

    private boolean startsWith(String s) {
        return text.startsWith(s, pos);
    }
}
