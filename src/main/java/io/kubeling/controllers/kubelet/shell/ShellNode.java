package io.kubeling.controllers.kubelet.shell;

import java.util.List;

/** A parsed shell script: the few constructs container commands use. */
public sealed interface ShellNode {

    /** A command and its arguments; {@code words} holds the assignments' and arguments' words in order. */
    record Simple(List<Word> words) implements ShellNode {
    }

    /** Commands run one after the other. */
    record Sequence(List<ShellNode> items) implements ShellNode {
    }

    /** {@code left && right} or {@code left || right}. */
    record AndOr(ShellNode left, boolean and, ShellNode right) implements ShellNode {
    }

    /** {@code ! command}. */
    record Not(ShellNode command) implements ShellNode {
    }

    /** Commands joined by pipes: every one runs, the last one's status counts. */
    record Pipeline(List<ShellNode> commands) implements ShellNode {
    }

    /** {@code command &}: started, not waited for. */
    record Background(ShellNode command) implements ShellNode {
    }

    /** {@code if c; then a; elif d; then b; else e; fi}: conditions and bodies pair up. */
    record If(List<ShellNode> conditions, List<ShellNode> bodies, ShellNode otherwise) implements ShellNode {
    }

    /** {@code while c; do b; done}, or {@code until} when {@code until}. */
    record Loop(boolean until, ShellNode condition, ShellNode body) implements ShellNode {
    }

    /** A command with its redirections, applied in order: {@code > f}, {@code >> f}, {@code < f}, {@code 2>&1}. */
    record Redirected(ShellNode command, List<Redirect> redirects) implements ShellNode {
    }

    /** One redirection: the descriptor, the operator ({@code >}, {@code >>}, {@code <}, {@code >&}, {@code <&}) and its target. */
    record Redirect(int fd, String op, Word target) {
    }

    /** {@code for name in words; do b; done}. */
    record For(String variable, List<Word> items, ShellNode body) implements ShellNode {
    }

    /** {@code case word in p1|p2) body;; ... esac}: the first item with a matching pattern runs. */
    record Case(Word subject, List<CaseItem> items) implements ShellNode {
    }

    /** One item of a {@code case}: its patterns and its body ({@code null} when empty). */
    record CaseItem(List<Word> patterns, ShellNode body) {
    }

    /** {@code name() body}: defines a function, which later commands of that name run. */
    record Function(String name, ShellNode body) implements ShellNode {
    }
}
