package io.kubeling.controllers.kubelet.shell;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import io.kubeling.controllers.kubelet.shell.ShellLexer.Token;

/**
 * Parses the POSIX shell grammar's common part: lists joined by {@code ;}, {@code &},
 * {@code &&}, {@code ||} and newlines, pipelines, {@code !}, {@code if}/{@code elif}/{@code else},
 * {@code while}, {@code until}, {@code for ... in}, {@code case ... esac}, function definitions
 * ({@code name() body}, and ash's {@code function name body}), and {@code ( )} and {@code { }} groups.
 * Anything else throws {@link ShellSyntaxException}.
 */
public final class ShellParser {

    private static final Set<String> LIST_ENDS = Set.of("then", "elif", "else", "fi", "do", "done", "}", "esac");

    private final List<Token> tokens;
    private int pos;

    private ShellParser(List<Token> tokens) {
        this.tokens = tokens;
    }

    public static ShellNode parse(String script) {
        ShellParser parser = new ShellParser(ShellLexer.tokens(script));
        ShellNode node = parser.list();
        if (parser.pos < parser.tokens.size()) {
            throw new ShellSyntaxException("unexpected " + parser.describe(parser.tokens.get(parser.pos)));
        }
        return node;
    }

    private ShellNode list() {
        List<ShellNode> items = new ArrayList<>();
        while (true) {
            skipNewlines();
            if (atListEnd()) {
                break;
            }
            ShellNode item = andOr();
            if (peekOperator("&")) {
                pos++;
                item = new ShellNode.Background(item);
            } else if (peekOperator(";") || peekOperator("\n")) {
                pos++;
            } else {
                items.add(item);
                break;
            }
            items.add(item);
        }
        skipNewlines();
        if (items.isEmpty()) {
            throw new ShellSyntaxException("empty command list");
        }
        return items.size() == 1 ? items.get(0) : new ShellNode.Sequence(items);
    }

    private boolean atListEnd() {
        if (pos >= tokens.size()) {
            return true;
        }
        Token t = tokens.get(pos);
        return t.is(")") || t.is(";;") || (t.word() != null && listEnd(t.word()));
    }

    /** A keyword that ends a list; a word with quotes or expansions never does. */
    private static boolean listEnd(Word word) {
        String keyword = word.keyword();
        return keyword != null && LIST_ENDS.contains(keyword);
    }

    private ShellNode andOr() {
        ShellNode left = pipeline();
        while (peekOperator("&&") || peekOperator("||")) {
            boolean and = tokens.get(pos++).is("&&");
            skipNewlines();
            left = new ShellNode.AndOr(left, and, pipeline());
        }
        return left;
    }

    private ShellNode pipeline() {
        boolean negated = false;
        if (peekKeyword("!")) {
            pos++;
            negated = true;
        }
        List<ShellNode> commands = new ArrayList<>();
        commands.add(command());
        while (peekOperator("|")) {
            pos++;
            skipNewlines();
            commands.add(command());
        }
        ShellNode node = commands.size() == 1 ? commands.get(0) : new ShellNode.Pipeline(commands);
        return negated ? new ShellNode.Not(node) : node;
    }

    /** A command and the redirections around its words or after its closing keyword. */
    private ShellNode command() {
        List<ShellNode.Redirect> redirects = new ArrayList<>();
        collectRedirects(redirects);
        ShellNode node;
        if (redirects.isEmpty() || (pos < tokens.size() && tokens.get(pos).word() != null)) {
            node = bareCommand(redirects);
        } else {
            node = new ShellNode.Simple(List.of());
        }
        collectRedirects(redirects);
        return redirects.isEmpty() ? node : new ShellNode.Redirected(node, redirects);
    }

    private void collectRedirects(List<ShellNode.Redirect> into) {
        while (pos < tokens.size() && tokens.get(pos).redirect() != null) {
            into.add(tokens.get(pos++).redirect());
        }
    }

    private ShellNode bareCommand(List<ShellNode.Redirect> redirects) {
        if (pos >= tokens.size()) {
            throw new ShellSyntaxException("unexpected end of script");
        }
        Token t = tokens.get(pos);
        if (t.is("(")) {
            pos++;
            ShellNode body = list();
            expectOperator(")");
            return body;
        }
        if (t.word() == null) {
            throw new ShellSyntaxException("unexpected " + describe(t));
        }
        String keyword = t.word().keyword();
        if (keyword != null) {
            switch (keyword) {
                case "if":
                    return ifCommand();
                case "while":
                case "until":
                    pos++;
                    ShellNode condition = list();
                    expectKeyword("do");
                    ShellNode body = list();
                    expectKeyword("done");
                    return new ShellNode.Loop(keyword.equals("until"), condition, body);
                case "for":
                    return forCommand();
                case "{":
                    pos++;
                    ShellNode group = list();
                    expectKeyword("}");
                    return group;
                case "case":
                    return caseCommand();
                case "function":
                    pos++;
                    return functionDefinition();
                case "select", "[[":
                    throw new ShellSyntaxException("unsupported: " + keyword);
                default:
                    if (keyword.matches("[A-Za-z_][A-Za-z0-9_]*") && pos + 2 < tokens.size()
                            && tokens.get(pos + 1).is("(") && tokens.get(pos + 2).is(")")) {
                        return functionDefinition();
                    }
                    break;
            }
        }
        List<Word> words = new ArrayList<>();
        while (pos < tokens.size() && (tokens.get(pos).word() != null || tokens.get(pos).redirect() != null)) {
            if (tokens.get(pos).redirect() != null) {
                redirects.add(tokens.get(pos++).redirect());
                continue;
            }
            Word w = tokens.get(pos).word();
            if (!words.isEmpty() || !listEnd(w)) {
                words.add(w);
                pos++;
            } else {
                break;
            }
        }
        if (words.isEmpty()) {
            throw new ShellSyntaxException("unexpected " + describe(tokens.get(pos)));
        }
        if (pos < tokens.size() && tokens.get(pos).is("(")) {
            throw new ShellSyntaxException("unexpected '('");
        }
        return new ShellNode.Simple(words);
    }

    /** {@code name() body} or, after {@code function}, {@code name [()] body}; the body is a command. */
    private ShellNode functionDefinition() {
        String name = pos < tokens.size() && tokens.get(pos).word() != null ? tokens.get(pos).word().keyword() : null;
        if (name == null || !name.matches("[A-Za-z_][A-Za-z0-9_]*")) {
            throw new ShellSyntaxException("bad function name");
        }
        pos++;
        if (peekOperator("(")) {
            pos++;
            expectOperator(")");
        }
        skipNewlines();
        return new ShellNode.Function(name, command());
    }

    private ShellNode caseCommand() {
        pos++;
        if (pos >= tokens.size() || tokens.get(pos).word() == null) {
            throw new ShellSyntaxException("case without a word");
        }
        Word subject = tokens.get(pos++).word();
        skipNewlines();
        expectKeyword("in");
        skipNewlines();
        List<ShellNode.CaseItem> items = new ArrayList<>();
        while (!peekKeyword("esac")) {
            if (peekOperator("(")) {
                pos++;
            }
            List<Word> patterns = new ArrayList<>();
            patterns.add(pattern());
            while (peekOperator("|")) {
                pos++;
                patterns.add(pattern());
            }
            expectOperator(")");
            skipNewlines();
            ShellNode body = peekOperator(";;") || peekKeyword("esac") ? null : list();
            if (peekOperator(";;")) {
                pos++;
                skipNewlines();
            } else if (!peekKeyword("esac")) {
                throw new ShellSyntaxException("expected ;;");
            }
            items.add(new ShellNode.CaseItem(patterns, body));
        }
        pos++;
        return new ShellNode.Case(subject, items);
    }

    private Word pattern() {
        if (pos >= tokens.size() || tokens.get(pos).word() == null) {
            throw new ShellSyntaxException("expected a pattern");
        }
        return tokens.get(pos++).word();
    }

    private ShellNode ifCommand() {
        pos++;
        List<ShellNode> conditions = new ArrayList<>();
        List<ShellNode> bodies = new ArrayList<>();
        conditions.add(list());
        expectKeyword("then");
        bodies.add(list());
        ShellNode otherwise = null;
        while (true) {
            if (peekKeyword("elif")) {
                pos++;
                conditions.add(list());
                expectKeyword("then");
                bodies.add(list());
            } else if (peekKeyword("else")) {
                pos++;
                otherwise = list();
            } else {
                expectKeyword("fi");
                return new ShellNode.If(conditions, bodies, otherwise);
            }
        }
    }

    private ShellNode forCommand() {
        pos++;
        if (pos >= tokens.size() || tokens.get(pos).word() == null) {
            throw new ShellSyntaxException("for without a name");
        }
        String name = tokens.get(pos++).word().keyword();
        if (name == null || !name.matches("[A-Za-z_][A-Za-z0-9_]*")) {
            throw new ShellSyntaxException("bad for variable");
        }
        skipNewlines();
        List<Word> items = new ArrayList<>();
        if (peekKeyword("in")) {
            pos++;
            while (pos < tokens.size() && tokens.get(pos).word() != null) {
                items.add(tokens.get(pos++).word());
            }
        } else {
            items.add(new Word(List.of(new Word.Part("@", true, true))));
        }
        if (peekOperator(";") || peekOperator("\n")) {
            pos++;
        }
        skipNewlines();
        expectKeyword("do");
        ShellNode body = list();
        expectKeyword("done");
        return new ShellNode.For(name, items, body);
    }

    private void skipNewlines() {
        while (pos < tokens.size() && tokens.get(pos).is("\n")) {
            pos++;
        }
    }

    private boolean peekOperator(String op) {
        return pos < tokens.size() && tokens.get(pos).is(op);
    }

    private boolean peekKeyword(String keyword) {
        return pos < tokens.size() && tokens.get(pos).isKeyword(keyword);
    }

    private void expectKeyword(String keyword) {
        if (!peekKeyword(keyword)) {
            throw new ShellSyntaxException("expected " + keyword);
        }
        pos++;
    }

    private void expectOperator(String op) {
        if (!peekOperator(op)) {
            throw new ShellSyntaxException("expected " + op);
        }
        pos++;
    }

    private String describe(Token t) {
        return t.word() != null ? "word" : "'" + t.operator() + "'";
    }
}
