package io.kubeling.controllers.kubelet.shell;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a script into words and operators as a POSIX shell does: single and double quotes,
 * backslash escapes, {@code $NAME} and {@code ${NAME}} references, command substitutions
 * ({@code $(...)} and backquotes), comments, redirections and here-documents ({@code <<WORD},
 * {@code <<-WORD} stripping leading tabs, a quoted delimiter keeping the body unexpanded).
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
    /** Here-documents whose bodies start after the current line: their token's index and how to read them. */
    private final List<PendingHereDoc> hereDocs = new ArrayList<>();

    private record PendingHereDoc(int token, int fd, String delimiter, boolean stripTabs, boolean quoted) {
    }

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
                if (!hereDocs.isEmpty()) {
                    // a here-document at the script's very end has an empty body, as sh warns and reads it
                    hereDocBodies(tokens);
                }
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
                hereDocBodies(tokens);
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
            pos += 2;
            boolean stripTabs = startsWith("-");
            if (stripTabs) {
                pos++;
            }
            hereDoc(tokens, digits.isEmpty() ? 0 : Integer.parseInt(digits), stripTabs);
            return true;
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

    /** {@code <<WORD}: the delimiter now, the body once the line ends; a quoted delimiter keeps the body literal. */
    private void hereDoc(List<Token> tokens, int fd, boolean stripTabs) {
        skipBlanks();
        StringBuilder delimiter = new StringBuilder();
        boolean quoted = false;
        while (pos < text.length() && " \t\r\n;&|()<>".indexOf(text.charAt(pos)) < 0) {
            char c = text.charAt(pos);
            if (c == '\'' || c == '"') {
                int end = text.indexOf(c, pos + 1);
                if (end < 0) {
                    throw new ShellSyntaxException("unterminated quote");
                }
                delimiter.append(text, pos + 1, end);
                quoted = true;
                pos = end + 1;
            } else if (c == '\\' && pos + 1 < text.length()) {
                delimiter.append(text.charAt(pos + 1));
                quoted = true;
                pos += 2;
            } else {
                delimiter.append(c);
                pos++;
            }
        }
        if (delimiter.isEmpty()) {
            throw new ShellSyntaxException("here-document without a delimiter");
        }
        hereDocs.add(new PendingHereDoc(tokens.size(), fd, delimiter.toString(), stripTabs, quoted));
        tokens.add(new Token(null, null, new ShellNode.Redirect(fd, "<<", Word.literal(""))));
    }

    /** Reads the bodies of the here-documents of the line just ended, each up to its delimiter's line. */
    private void hereDocBodies(List<Token> tokens) {
        for (PendingHereDoc doc : hereDocs) {
            StringBuilder body = new StringBuilder();
            while (pos < text.length()) {
                int end = text.indexOf('\n', pos);
                String line = end < 0 ? text.substring(pos) : text.substring(pos, end);
                pos = end < 0 ? text.length() : end + 1;
                if (doc.stripTabs()) {
                    line = line.replaceFirst("^\t+", "");
                }
                if (line.equals(doc.delimiter()) || line.equals(doc.delimiter() + "\r")) {
                    break;
                }
                body.append(line).append('\n');
            }
            Word word = doc.quoted() ? new Word(List.of(new Word.Part(body.toString(), false, true)))
                    : new ShellLexer(body.toString()).hereDocWord();
            tokens.set(doc.token(), new Token(null, null, new ShellNode.Redirect(doc.fd(), "<<", word)));
        }
        hereDocs.clear();
    }

    /** An unquoted here-document's body: expanded as between double quotes, its quotes kept. */
    private Word hereDocWord() {
        List<Word.Part> parts = new ArrayList<>();
        StringBuilder literal = new StringBuilder();
        quotedText(parts, literal, true);
        flush(parts, literal, true);
        return new Word(parts.isEmpty() ? List.of(new Word.Part("", false, true)) : parts);
    }

    /** {@code $(...)}: the script up to the matching parenthesis, parsed. */
    private ShellNode commandSubstitution() {
        int start = pos + 1;
        int depth = 1;
        int i = start;
        while (i < text.length() && depth > 0) {
            char c = text.charAt(i);
            if (c == '\\') {
                i += 2;
                continue;
            }
            if (c == '\'') {
                int end = text.indexOf('\'', i + 1);
                if (end < 0) {
                    throw new ShellSyntaxException("unterminated quote");
                }
                i = end + 1;
                continue;
            }
            if (c == '(') {
                depth++;
            } else if (c == ')') {
                depth--;
            }
            i++;
        }
        if (depth > 0) {
            throw new ShellSyntaxException("unterminated $(");
        }
        pos = i;
        return script(text.substring(start, i - 1));
    }

    /** A backquoted command: up to the next unescaped backquote, its escapes undone, parsed. */
    private ShellNode backquoted() {
        StringBuilder inner = new StringBuilder();
        int i = pos + 1;
        while (i < text.length() && text.charAt(i) != '`') {
            char c = text.charAt(i);
            if (c == '\\' && i + 1 < text.length() && "$`\\".indexOf(text.charAt(i + 1)) >= 0) {
                inner.append(text.charAt(i + 1));
                i += 2;
            } else {
                inner.append(c);
                i++;
            }
        }
        if (i >= text.length()) {
            throw new ShellSyntaxException("unterminated `");
        }
        pos = i + 1;
        return script(inner.toString());
    }

    private static ShellNode script(String source) {
        return source.isBlank() ? new ShellNode.Simple(List.of()) : ShellParser.parse(source);
    }

    private Word word() {
        List<Word.Part> parts = new ArrayList<>();
        StringBuilder literal = new StringBuilder();
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
                // quoted text is a part of its own, so that pathname expansion leaves it as written
                flush(parts, literal, false);
                literal.append(text, pos + 1, end);
                flush(parts, literal, true);
                pos = end + 1;
            } else if (c == '"') {
                pos++;
                flush(parts, literal, false);
                doubleQuoted(parts, literal);
                flush(parts, literal, true);
            } else if (c == '\\') {
                if (pos + 1 < text.length()) {
                    flush(parts, literal, false);
                    literal.append(text.charAt(pos + 1));
                    flush(parts, literal, true);
                }
                pos += 2;
            } else if (c == '$' && startsWith("$(") && !startsWith("$((")) {
                pos++;
                flush(parts, literal, false);
                parts.add(new Word.Part("", false, false, commandSubstitution()));
            } else if (startsWith("$((")) {
                flush(parts, literal, false);
                parts.add(Word.Part.arithmetic(arithmetic(), false));
            } else if (c == '$') {
                String name = variable();
                if (name == null) {
                    literal.append('$');
                } else {
                    flush(parts, literal, false);
                    parts.add(new Word.Part(name, true, false));
                }
            } else if (c == '`') {
                flush(parts, literal, false);
                parts.add(new Word.Part("", false, false, backquoted()));
            } else {
                literal.append(c);
                pos++;
            }
        }
        flush(parts, literal, false);
        return new Word(parts.isEmpty() ? List.of(new Word.Part("", false, true)) : parts);
    }

    private void doubleQuoted(List<Word.Part> parts, StringBuilder literal) {
        quotedText(parts, literal, false);
    }

    /** Text between double quotes, or a here-document's body (which ends with the text and keeps its quotes). */
    private void quotedText(List<Word.Part> parts, StringBuilder literal, boolean hereDoc) {
        while (true) {
            if (pos >= text.length()) {
                if (hereDoc) {
                    return;
                }
                throw new ShellSyntaxException("unterminated quote");
            }
            char c = text.charAt(pos);
            if (c == '"' && !hereDoc) {
                pos++;
                if (literal.isEmpty() && (parts.isEmpty() || parts.get(parts.size() - 1).variable()
                        || parts.get(parts.size() - 1).command() != null)) {
                    parts.add(new Word.Part("", false, true));
                }
                return;
            }
            String escapable = hereDoc ? "\\$`\n" : "\"\\$`\n";
            if (c == '\\' && pos + 1 < text.length() && escapable.indexOf(text.charAt(pos + 1)) >= 0) {
                if (text.charAt(pos + 1) != '\n') {
                    literal.append(text.charAt(pos + 1));
                }
                pos += 2;
            } else if (c == '$' && startsWith("$(") && !startsWith("$((")) {
                pos++;
                flush(parts, literal, true);
                parts.add(new Word.Part("", false, true, commandSubstitution()));
            } else if (startsWith("$((")) {
                flush(parts, literal, true);
                parts.add(Word.Part.arithmetic(arithmetic(), true));
            } else if (c == '$') {
                String name = variable();
                if (name == null) {
                    literal.append('$');
                } else {
                    flush(parts, literal, true);
                    parts.add(new Word.Part(name, true, true));
                }
            } else if (c == '`') {
                flush(parts, literal, true);
                parts.add(new Word.Part("", false, true, backquoted()));
            } else {
                literal.append(c);
                pos++;
            }
        }
    }

    /** Reads {@code $((expression))}: the expression, up to the {@code ))} that closes it. */
    private String arithmetic() {
        pos += 3;
        int start = pos;
        int depth = 0;
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (c == '(') {
                depth++;
            } else if (c == ')') {
                if (depth == 0) {
                    if (!startsWith("))")) {
                        throw new ShellSyntaxException("unterminated $((");
                    }
                    String expression = text.substring(start, pos);
                    pos += 2;
                    return expression;
                }
                depth--;
            }
            pos++;
        }
        throw new ShellSyntaxException("unterminated $((");
    }

    /** Reads {@code $NAME}, {@code ${NAME}} or a special parameter; null for a lone dollar sign. */
    private String variable() {
        pos++;
        if (pos >= text.length()) {
            return null;
        }
        char c = text.charAt(pos);
        if (c == '(') {
            throw new ShellSyntaxException("arithmetic expansion");
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
