package io.kubeling.controllers.kubelet;

import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.IntConsumer;
import java.util.regex.Pattern;

import io.kubeling.controllers.kubelet.shell.ShellEvaluator;
import io.kubeling.controllers.kubelet.shell.ShellHost;
import io.kubeling.controllers.kubelet.shell.ShellParser;
import io.kubeling.controllers.kubelet.shell.ShellSyntaxException;

/**
 * A shell reading commands from its standard input ({@code kubectl exec -ti pod -- sh},
 * {@code kubectl debug -it}): each line is run when it is complete, the next once it has ended.
 * On a terminal it prompts and echoes what is typed, as a terminal's line discipline does (erase,
 * ^C, ^D on an empty line); without one it reads lines silently and ends at the end of its input.
 * Called on the kubelet's thread only.
 */
final class InteractiveShell {

    private static final Set<String> SHELLS = Set.of("sh", "bash", "ash", "dash", "zsh");
    private static final Pattern EXIT = Pattern.compile("^\\s*exit(\\s+(\\d+))?\\s*;?\\s*$");

    private final ShellHost host;
    private final Map<String, String> env;
    private final boolean tty;
    private final String prompt;
    private final IntConsumer onExit;
    private final StringBuilder line = new StringBuilder();
    private final Deque<String> lines = new ArrayDeque<>();
    private boolean running;
    private boolean eof;
    private boolean ended;
    private int lastStatus;

    InteractiveShell(ShellHost host, Map<String, String> env, boolean tty, String prompt, IntConsumer onExit) {
        this.host = host;
        this.env = env;
        this.tty = tty;
        this.prompt = prompt;
        this.onExit = onExit;
    }

    /** Whether a command is a shell given no script: it reads its commands from standard input. */
    static boolean readsCommands(List<String> argv) {
        if (argv.isEmpty()) {
            return false;
        }
        String base = argv.get(0).substring(argv.get(0).lastIndexOf('/') + 1);
        if (!SHELLS.contains(base)) {
            return false;
        }
        for (String arg : argv.subList(1, argv.size())) {
            if (arg.equals("-c") || !arg.startsWith("-")) {
                return false;
            }
        }
        return true;
    }

    /** The prompt of an image's shell: busybox's and alpine's ash, or bash's for the others. */
    static String promptFor(ImageName image, String hostname) {
        if (image == null || image.shortName().equals("busybox") || image.shortName().equals("alpine")) {
            return "/ # ";
        }
        return "root@" + hostname + ":/# ";
    }

    void start() {
        if (tty) {
            host.write(prompt);
        }
    }

    /** Bytes typed or piped in. */
    void input(byte[] bytes) {
        if (ended) {
            return;
        }
        String text = new String(bytes, StandardCharsets.UTF_8);
        for (int i = 0; i < text.length(); i++) {
            char ch = text.charAt(i);
            if (tty) {
                typed(ch);
            } else if (ch == '\n') {
                complete();
            } else {
                line.append(ch);
            }
        }
        runNext();
    }

    /** A terminal's line discipline, in canonical mode with echo. */
    private void typed(char ch) {
        switch (ch) {
            case '\r', '\n' -> {
                host.write("\n");
                complete();
            }
            case 0x7f, '\b' -> {
                if (!line.isEmpty()) {
                    line.setLength(line.length() - 1);
                    host.write("\b \b");
                }
            }
            case 0x03 -> {
                line.setLength(0);
                host.write("^C\n" + (running ? "" : prompt));
            }
            case 0x04 -> {
                if (line.isEmpty()) {
                    end();
                }
            }
            default -> {
                if (ch >= ' ' || ch == '\t') {
                    line.append(ch);
                    host.write(String.valueOf(ch));
                }
            }
        }
    }

    private void complete() {
        lines.add(line.toString());
        line.setLength(0);
    }

    /** The end of the input: the shell ends once the command it runs has. */
    void end() {
        if (!line.isEmpty() && !tty) {
            complete();
        }
        eof = true;
        runNext();
    }

    private void runNext() {
        while (!running && !ended) {
            String next = lines.poll();
            if (next == null) {
                if (eof) {
                    if (tty) {
                        host.write("exit\n");
                    }
                    finish(lastStatus);
                }
                return;
            }
            var exit = EXIT.matcher(next);
            if (exit.matches()) {
                finish(exit.group(2) == null ? lastStatus : Integer.parseInt(exit.group(2)) & 0xff);
                return;
            }
            if (next.isBlank()) {
                if (tty) {
                    host.write(prompt);
                }
                continue;
            }
            run(next);
        }
    }

    private void run(String command) {
        running = true;
        boolean[] sync = {true};
        try {
            ShellEvaluator.run(ShellParser.parse(command), host, Map.copyOf(env), status -> {
                lastStatus = status;
                running = false;
                if (tty && !ended) {
                    host.write(prompt);
                }
                if (!sync[0]) {
                    runNext();
                }
            });
        } catch (ShellSyntaxException e) {
            running = false;
            lastStatus = 2;
            host.write("sh: syntax error: " + e.getMessage() + "\n" + (tty ? prompt : ""));
        }
        sync[0] = false;
    }

    private void finish(int status) {
        if (!ended) {
            ended = true;
            onExit.accept(status);
        }
    }
}
