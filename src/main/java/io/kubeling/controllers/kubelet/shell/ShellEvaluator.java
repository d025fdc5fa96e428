package io.kubeling.controllers.kubelet.shell;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.IntConsumer;

import io.kubeling.controllers.kubelet.fs.ContainerFs;
import io.kubeling.controllers.kubelet.fs.FsException;

/**
 * Runs a parsed script against a {@link ShellHost}, in continuation-passing style so that
 * {@code sleep} and loops wait on the host's timers rather than on a thread. Each command runs with
 * its own streams ({@link Io}): redirections open files of the container's filesystem, and a pipe
 * hands one command's whole output to the next as its input. A program the shell does not implement
 * but the image has runs until stopped, as a server process would; a name the image does not have
 * fails as {@code sh: foo: not found} (127). {@code exit N} ends the script at once.
 */
public final class ShellEvaluator {

    private static final Duration BUSY_LOOP_TICK = Duration.ofSeconds(1);
    private static final Set<String> NO_OPS = Set.of("chmod", "chown", "ln", "set", "wait", "trap", "ulimit",
            "umask", "unset", "sync", "shift", "source", ".", "export", "readonly", "local", "declare", "alias",
            "hash", "type");

    final ShellHost host;
    final Map<String, String> vars;
    private final IntConsumer onExit;
    private boolean finished;
    int lastStatus;
    private long waits;
    private boolean breaking;
    private boolean continuing;
    /** Set by {@code return}: the commands of the function's body after it do not run. */
    private boolean returning;
    /** The functions defined so far, by name. */
    final Map<String, ShellNode> functions = new HashMap<>();
    /** Per running function, the variables it set aside (its positional parameters, its locals) to put back. */
    private final java.util.Deque<Map<String, String>> frames = new java.util.ArrayDeque<>();
    /** The streams the shell was started with, and what {@code exec >file} or {@code exec 2>&1} put in their place. */
    private Io.Sink rootOut;
    private Io.Sink rootErr;
    private Io.Sink shellOut;
    private Io.Sink shellErr;

    private ShellEvaluator(ShellHost host, Map<String, String> vars, IntConsumer onExit) {
        this.host = host;
        this.vars = vars;
        this.onExit = onExit;
        vars.putIfAbsent("PWD", "/");
    }

    /** Runs a script; {@code onExit} gets its status when it ends, and is never called if it does not. */
    public static void run(ShellNode script, ShellHost host, Map<String, String> env, IntConsumer onExit) {
        ShellEvaluator evaluator = new ShellEvaluator(host, new HashMap<>(env), onExit);
        Io io = Io.of(host);
        evaluator.root(io);
        evaluator.eval(script, io, evaluator::finish);
    }

    /**
     * Runs one command given as words (a container's command and args, an exec's command), without
     * parsing them. Its output goes to {@link ShellHost#writeBytes}, its errors to
     * {@link ShellHost#writeError}, its input comes from {@link ShellHost#readInput}.
     */
    public static void runCommand(List<String> argv, ShellHost host, Map<String, String> env, IntConsumer onExit) {
        List<Word> words = argv.stream().map(Word::literal).toList();
        run(new ShellNode.Simple(words), host, env, onExit);
    }

    /** Whether the shell itself provides a program of this name (a builtin, a tool or a known server). */
    public static boolean implemented(String program) {
        String base = program.substring(program.lastIndexOf('/') + 1);
        return Commands.knows(base) || NO_OPS.contains(base) || Servers.provides(base)
                || Set.of("exit", "return", "true", "false", ":", "echo", "printf", "sleep", "cd", "pwd", "exec", "command",
                        "nohup", "time", "timeout", "sh", "bash", "ash", "dash", "zsh", "test", "[").contains(base);
    }

    private void root(Io io) {
        rootOut = io.out();
        rootErr = io.err();
    }

    /** A command's streams with the shell's own output and errors where {@code exec} redirected them. */
    private Io resolve(Io io) {
        Io resolved = io;
        if (shellOut != null && io.out() == rootOut) {
            resolved = resolved.withOut(shellOut);
        }
        if (shellErr != null && io.err() == rootErr) {
            resolved = resolved.withErr(shellErr);
        }
        return resolved;
    }

    private void finish(int status) {
        if (!finished) {
            finished = true;
            onExit.accept(status);
        }
    }

    void eval(ShellNode node, Io io, IntConsumer k) {
        if (finished) {
            return;
        }
        if (node instanceof ShellNode.Simple simple) {
            simple(simple, io, k);
        } else if (node instanceof ShellNode.Redirected redirected) {
            redirected(redirected, io, k);
        } else if (node instanceof ShellNode.Sequence seq) {
            sequence(seq.items(), 0, 0, io, k);
        } else if (node instanceof ShellNode.AndOr andOr) {
            eval(andOr.left(), io, status -> {
                if (breaking || continuing || returning || (andOr.and() ? status != 0 : status == 0)) {
                    k.accept(status);
                } else {
                    eval(andOr.right(), io, k);
                }
            });
        } else if (node instanceof ShellNode.Not not) {
            eval(not.command(), io, status -> k.accept(status == 0 ? 1 : 0));
        } else if (node instanceof ShellNode.Pipeline pipeline) {
            pipeline(pipeline.commands(), 0, io, io.in(), k);
        } else if (node instanceof ShellNode.Background background) {
            eval(background.command(), io, status -> {
            });
            k.accept(0);
        } else if (node instanceof ShellNode.If ifNode) {
            branch(ifNode, 0, io, k);
        } else if (node instanceof ShellNode.Loop loop) {
            loop(loop, 0, io, k);
        } else if (node instanceof ShellNode.For forNode) {
            substitute(forNode.items(), io, outputs -> forLoop(forNode, words(forNode.items(), outputs), 0, 0, io, k));
        } else if (node instanceof ShellNode.Case caseNode) {
            caseCommand(caseNode, io, k);
        } else if (node instanceof ShellNode.Function function) {
            functions.put(function.name(), function.body());
            lastStatus = 0;
            k.accept(0);
        }
    }

    private void sequence(List<ShellNode> items, int index, int status, Io io, IntConsumer k) {
        if (index >= items.size() || breaking || continuing || returning) {
            k.accept(status);
            return;
        }
        eval(items.get(index), io, s -> sequence(items, index + 1, s, io, k));
    }

    /** Each command runs once the one before has ended, with its whole output as input; the last one's status counts. */
    private void pipeline(List<ShellNode> commands, int index, Io io, byte[] input, IntConsumer k) {
        if (index == commands.size() - 1) {
            eval(commands.get(index), new Io(input, io.out(), io.err()), k);
            return;
        }
        Io.Buffer buffer = new Io.Buffer();
        eval(commands.get(index), new Io(input, buffer, io.err()), s -> {
            buffer.reportOverflow(io.err());
            pipeline(commands, index + 1, io, buffer.bytes(), k);
        });
    }

    private void branch(ShellNode.If ifNode, int index, Io io, IntConsumer k) {
        eval(ifNode.conditions().get(index), io, status -> {
            if (status == 0) {
                eval(ifNode.bodies().get(index), io, k);
            } else if (index + 1 < ifNode.conditions().size()) {
                branch(ifNode, index + 1, io, k);
            } else if (ifNode.otherwise() != null) {
                eval(ifNode.otherwise(), io, k);
            } else {
                k.accept(0);
            }
        });
    }

    /** One pass of a loop; the next goes through the host's timers so that a long loop does not grow the stack. */
    private void loop(ShellNode.Loop loop, int bodyStatus, Io io, IntConsumer k) {
        long mark = waits;
        eval(loop.condition(), io, status -> {
            boolean again = loop.until() ? status != 0 : status == 0;
            if (!again) {
                k.accept(bodyStatus);
                return;
            }
            eval(loop.body(), io, s -> {
                if (returning) {
                    k.accept(s);
                    return;
                }
                if (breaking) {
                    breaking = false;
                    k.accept(0);
                    return;
                }
                continuing = false;
                // A pass that waits for nothing would spin; the simulation lets it take a second.
                after(waits == mark ? BUSY_LOOP_TICK : Duration.ZERO, () -> loop(loop, s, io, k));
            });
        });
    }

    private void forLoop(ShellNode.For forNode, List<String> items, int index, int status, Io io, IntConsumer k) {
        if (index >= items.size()) {
            k.accept(status);
            return;
        }
        vars.put(forNode.variable(), items.get(index));
        eval(forNode.body(), io, s -> {
            if (returning) {
                k.accept(s);
                return;
            }
            if (breaking) {
                breaking = false;
                k.accept(0);
                return;
            }
            continuing = false;
            after(Duration.ZERO, () -> forLoop(forNode, items, index + 1, s, io, k));
        });
    }

    /** Runs the body of the first item with a pattern that matches the word, as the shell's patterns match. */
    private void caseCommand(ShellNode.Case node, Io io, IntConsumer k) {
        List<Word> all = new ArrayList<>();
        all.add(node.subject());
        node.items().forEach(item -> all.addAll(item.patterns()));
        substitute(all, io, outputs -> {
            String subject = node.subject().expand(this::lookup, part -> outputs.getOrDefault(part, ""));
            for (ShellNode.CaseItem item : node.items()) {
                for (Word pattern : item.patterns()) {
                    String text = pattern.expand(this::lookup, part -> outputs.getOrDefault(part, ""));
                    if (Glob.matches(text, unquoted(pattern, outputs, true), subject)) {
                        if (item.body() == null) {
                            lastStatus = 0;
                            k.accept(0);
                        } else {
                            eval(item.body(), io, k);
                        }
                        return;
                    }
                }
            }
            lastStatus = 0;
            k.accept(0);
        });
    }

    /** Runs a function with its arguments as the positional parameters, putting back the caller's after it. */
    private void call(ShellNode body, List<String> args, Io io, IntConsumer k) {
        Map<String, String> frame = new HashMap<>();
        frames.push(frame);
        for (String key : new ArrayList<>(vars.keySet())) {
            if (key.matches("[1-9][0-9]*|[#@*]")) {
                frame.put(key, vars.remove(key));
            }
        }
        setPositional(vars, args, frame);
        eval(body, io, status -> {
            frames.remove(frame);
            frame.forEach((key, value) -> {
                if (value == null) {
                    vars.remove(key);
                } else {
                    vars.put(key, value);
                }
            });
            returning = false;
            lastStatus = status;
            k.accept(status);
        });
    }

    /** {@code $1}..., {@code $#}, {@code $@} and {@code $*}; {@code frame}, when given, learns what was unset before. */
    private static void setPositional(Map<String, String> vars, List<String> args, Map<String, String> frame) {
        for (int i = 0; i < args.size(); i++) {
            String key = Integer.toString(i + 1);
            if (frame != null) {
                frame.putIfAbsent(key, null);
            }
            vars.put(key, args.get(i));
        }
        for (String key : List.of("#", "@", "*")) {
            if (frame != null) {
                frame.putIfAbsent(key, null);
            }
        }
        vars.put("#", Integer.toString(args.size()));
        vars.put("@", String.join(" ", args));
        vars.put("*", String.join(" ", args));
    }

    /** {@code local name[=value]}: the running function's frame keeps the name's value from before. */
    private void local(List<String> args) {
        Map<String, String> frame = frames.peek();
        for (String a : args) {
            int eq = a.indexOf('=');
            String name = eq > 0 ? a.substring(0, eq) : a;
            if (frame != null) {
                if (!frame.containsKey(name)) {
                    frame.put(name, vars.get(name));
                }
                vars.put(name, eq > 0 ? a.substring(eq + 1) : "");
            } else if (eq > 0) {
                vars.put(name, a.substring(eq + 1));
            }
        }
    }

    void after(Duration delay, Runnable next) {
        waits++;
        host.after(delay, () -> {
            if (!finished) {
                next.run();
            }
        });
    }

    /**
     * Expands words; an unquoted variable's value or command's output splits on blanks, as in a shell,
     * except in an assignment.
     */
    private List<String> words(List<Word> words, Map<Word.Part, String> outputs) {
        List<String> out = new ArrayList<>();
        for (Word word : words) {
            List<Word.Part> significant = word.parts().stream().filter(p -> p.variable() || p.command() != null
                    || p.arithmetic() || !p.text().isEmpty()).toList();
            if (significant.size() == 1 && significant.get(0).variable() && significant.get(0).quoted()
                    && significant.get(0).text().equals("@")) {
                // "$@": each positional parameter as a word of its own
                int count = number(vars.getOrDefault("#", "0"), 0);
                for (int i = 1; i <= count; i++) {
                    out.add(vars.getOrDefault(Integer.toString(i), ""));
                }
                continue;
            }
            String value = word.expand(this::lookup, part -> outputs.getOrDefault(part, ""));
            boolean assignment = !word.parts().isEmpty() && word.parts().get(0).command() == null
                    && !word.parts().get(0).variable() && word.parts().get(0).text().matches("[A-Za-z_][A-Za-z0-9_]*=.*");
            if (word.splits() && !assignment) {
                for (String piece : value.trim().split("\\s+")) {
                    if (!piece.isEmpty()) {
                        out.addAll(Glob.expand(host.fs(), path("."), piece, null));
                    }
                }
            } else if (!assignment) {
                out.addAll(Glob.expand(host.fs(), path("."), value, unquoted(word, outputs)));
            } else {
                out.add(value);
            }
        }
        return out;
    }

    /** Which characters of a word that does not split came from unquoted literal text. */
    private boolean[] unquoted(Word word, Map<Word.Part, String> outputs) {
        return unquoted(word, outputs, false);
    }

    /** As above; with {@code expansions}, unquoted variables and substitutions count too, as in a case pattern. */
    private boolean[] unquoted(Word word, Map<Word.Part, String> outputs, boolean expansions) {
        StringBuilder mask = new StringBuilder();
        for (Word.Part part : word.parts()) {
            String text = new Word(List.of(part)).expand(this::lookup, p -> outputs.getOrDefault(p, ""));
            boolean literal = !part.quoted() && (expansions || !part.variable() && part.command() == null
                    && !part.arithmetic());
            mask.append(String.valueOf(literal ? 'y' : 'n').repeat(text.length()));
        }
        boolean[] active = new boolean[mask.length()];
        for (int i = 0; i < active.length; i++) {
            active[i] = mask.charAt(i) == 'y';
        }
        return active;
    }

    /**
     * Runs the command substitutions of these words, one after the other, each in a subshell whose
     * output (without its trailing newlines) replaces it; {@code $?} is then the last one's status.
     */
    private void substitute(List<Word> words, Io io, java.util.function.Consumer<Map<Word.Part, String>> then) {
        List<Word.Part> commands = new ArrayList<>();
        for (Word word : words) {
            for (Word.Part part : word.parts()) {
                if (part.command() != null) {
                    commands.add(part);
                }
            }
        }
        Map<Word.Part, String> outputs = new java.util.IdentityHashMap<>();
        if (commands.isEmpty()) {
            then.accept(outputs);
            return;
        }
        substitute(commands, 0, resolve(io), outputs, then);
    }

    private void substitute(List<Word.Part> commands, int index, Io io, Map<Word.Part, String> outputs,
            java.util.function.Consumer<Map<Word.Part, String>> then) {
        if (index >= commands.size()) {
            then.accept(outputs);
            return;
        }
        Word.Part part = commands.get(index);
        Io.Buffer buffer = new Io.Buffer();
        Io inner = new Io(io.in(), buffer, io.err());
        ShellEvaluator subshell = new ShellEvaluator(host, new HashMap<>(vars), status -> {
            if (!finished) {
                buffer.reportOverflow(io.err());
                String text = new String(buffer.bytes(), StandardCharsets.UTF_8).replaceFirst("\n+$", "");
                outputs.put(part, text);
                lastStatus = status;
                substitute(commands, index + 1, io, outputs, then);
            }
        });
        subshell.functions.putAll(functions);
        subshell.root(inner);
        subshell.eval(part.command(), inner, subshell::finish);
    }

    private String lookup(String name) {
        if (name.equals("?")) {
            return Integer.toString(lastStatus);
        }
        if (name.equals("$")) {
            return Integer.toString(host.pid());
        }
        if (name.equals("0")) {
            return vars.getOrDefault("0", "sh");
        }
        if (name.equals("#")) {
            return vars.getOrDefault("#", "0");
        }
        return vars.getOrDefault(name, "");
    }

    // ---- redirections

    private void redirected(ShellNode.Redirected node, Io io, IntConsumer k) {
        substitute(node.redirects().stream().map(ShellNode.Redirect::target).toList(), io,
                outputs -> redirected(node, io, outputs, k));
    }

    private void redirected(ShellNode.Redirected node, Io io, Map<Word.Part, String> outputs, IntConsumer k) {
        Io current = resolve(io);
        for (ShellNode.Redirect r : node.redirects()) {
            String target = r.target().expand(this::lookup, part -> outputs.getOrDefault(part, ""));
            try {
                current = redirect(current, r, target);
            } catch (FsException e) {
                String verb = r.op().startsWith("<") ? "can't open" : "can't create";
                io.err().write("sh: " + verb + " " + target + ": " + message(e, r.op()) + "\n");
                lastStatus = r.op().startsWith("<") ? 1 : 2;
                k.accept(lastStatus);
                return;
            }
        }
        if (node.command() instanceof ShellNode.Simple simple && simple.words().size() == 1
                && "exec".equals(simple.words().get(0).keyword())) {
            // exec without a command redirects the shell's own streams from here on
            shellOut = current.out();
            shellErr = current.err();
            lastStatus = 0;
            k.accept(0);
            return;
        }
        eval(node.command(), current, k);
    }

    private static String message(FsException e, String op) {
        return e.getMessage().equals(FsException.NO_ENTRY) && !op.startsWith("<") ? "nonexistent directory"
                : e.getMessage().equals(FsException.NO_ENTRY) ? "no such file" : e.getMessage();
    }

    private Io redirect(Io io, ShellNode.Redirect r, String target) throws FsException {
        switch (r.op()) {
            case ">&", "<&" -> {
                if (target.equals("-")) {
                    return r.fd() == 2 ? io.withErr(Io.DISCARD) : io.withOut(Io.DISCARD);
                }
                Io.Sink to = target.equals("2") ? io.err() : target.equals("1") ? io.out() : null;
                if (to == null) {
                    return io;
                }
                return r.fd() == 2 ? io.withErr(to) : r.fd() == 1 ? io.withOut(to) : io;
            }
            case "<" -> {
                return io.withIn(readFile(target));
            }
            case "<<" -> {
                return r.fd() == 0 ? io.withIn(target.getBytes(StandardCharsets.UTF_8)) : io;
            }
            default -> {
                Io.Sink sink = openForWrite(target, r.op().equals(">>"));
                if (r.op().equals("&>")) {
                    return new Io(io.in(), sink, sink);
                }
                return r.fd() == 2 ? io.withErr(sink) : r.fd() == 1 ? io.withOut(sink) : io;
            }
        }
    }

    byte[] readFile(String target) throws FsException {
        if (target.equals("/dev/null")) {
            return new byte[0];
        }
        ContainerFs fs = requireFs();
        return fs.read(path(target));
    }

    /** A file opened for writing: truncated now (unless appending), each write then appended to it. */
    Io.Sink openForWrite(String target, boolean append) throws FsException {
        if (target.equals("/dev/null")) {
            return Io.DISCARD;
        }
        if (target.equals("/dev/stdout") || target.equals("/dev/stderr")) {
            return target.endsWith("out") ? host::writeBytes
                    : data -> host.writeError(new String(data, StandardCharsets.UTF_8));
        }
        ContainerFs fs = requireFs();
        String file = path(target);
        if (append && fs.exists(file)) {
            if (fs.stat(file).directory()) {
                throw new FsException(FsException.IS_DIR);
            }
        } else {
            fs.write(file, new byte[0], false);
        }
        return data -> {
            try {
                fs.write(file, data, true);
            } catch (FsException e) {
                host.writeError("sh: write error: " + e.getMessage() + "\n");
            }
        };
    }

    ContainerFs requireFs() throws FsException {
        ContainerFs fs = host.fs();
        if (fs == null) {
            throw new FsException(FsException.READ_ONLY);
        }
        return fs;
    }

    /** An operand made absolute against the shell's directory. */
    private ContainerFs.Stat statOrNull(String operand) {
        ContainerFs fs = host.fs();
        if (fs == null) {
            return null;
        }
        try {
            return fs.stat(path(operand));
        } catch (FsException e) {
            return null;
        }
    }

    String path(String operand) {
        return ContainerFs.normalize(vars.getOrDefault("PWD", "/"), operand);
    }

    // ---- commands

    private void simple(ShellNode.Simple simple, Io io, IntConsumer k) {
        substitute(simple.words(), io, outputs -> simple(simple, outputs, io, k));
    }

    private void simple(ShellNode.Simple simple, Map<Word.Part, String> outputs, Io io, IntConsumer k) {
        List<String> argv;
        try {
            argv = words(simple.words(), outputs);
        } catch (Arithmetic.Error e) {
            // an expansion error ends a shell that runs a script, with status 2
            resolve(io).err().write("sh: " + e.getMessage() + "\n");
            lastStatus = 2;
            finish(2);
            return;
        }
        int assignments = 0;
        while (assignments < argv.size() && argv.get(assignments).matches("[A-Za-z_][A-Za-z0-9_]*=.*")) {
            assignments++;
        }
        for (int i = 0; i < assignments; i++) {
            String a = argv.get(i);
            vars.put(a.substring(0, a.indexOf('=')), a.substring(a.indexOf('=') + 1));
        }
        List<String> command = argv.subList(assignments, argv.size());
        IntConsumer done = status -> {
            lastStatus = status;
            k.accept(status);
        };
        if (command.isEmpty()) {
            // an assignment alone takes the status of its last command substitution
            done.accept(outputs.isEmpty() ? 0 : lastStatus);
            return;
        }
        command(new ArrayList<>(command), io, done);
    }

    void command(List<String> argv, Io given, IntConsumer k) {
        Io io = resolve(given);
        String name = argv.get(0);
        String base = name.substring(name.lastIndexOf('/') + 1);
        List<String> args = argv.subList(1, argv.size());
        ShellNode function = functions.get(name);
        if (function != null) {
            call(function, new ArrayList<>(args), io, k);
            return;
        }
        switch (base) {
            case "return" -> {
                returning = true;
                k.accept(args.isEmpty() ? lastStatus : number(args.get(0), 2) & 0xff);
            }
            case "exit" -> finish(args.isEmpty() ? lastStatus : number(args.get(0), 2) & 0xff);
            case "true", ":" -> k.accept(0);
            case "false" -> k.accept(1);
            case "echo" -> {
                io.out().write(Echo.echo(args));
                k.accept(0);
            }
            case "printf" -> {
                if (args.isEmpty()) {
                    io.err().write("printf: usage: printf format [arguments]\n");
                    k.accept(2);
                } else {
                    io.out().write(Printf.format(args.get(0), args.subList(1, args.size())));
                    k.accept(0);
                }
            }
            case "sleep" -> sleep(args, io, k);
            case "break" -> {
                breaking = true;
                k.accept(0);
            }
            case "continue" -> {
                continuing = true;
                k.accept(0);
            }
            case "cd" -> cd(args, io, k);
            case "pwd" -> {
                io.out().write(vars.getOrDefault("PWD", "/") + "\n");
                k.accept(0);
            }
            case "exec", "command", "nohup", "time", "timeout" -> {
                List<String> rest = new ArrayList<>(args);
                if (base.equals("timeout") && !rest.isEmpty()) {
                    rest.remove(0);
                }
                if (rest.isEmpty()) {
                    k.accept(0);
                } else {
                    command(rest, io, k);
                }
            }
            case "sh", "bash", "ash", "dash", "zsh" -> shell(args, io, k);
            case "test" -> k.accept(Test.evaluate(args, this::statOrNull));
            case "[" -> k.accept(args.isEmpty() || !args.get(args.size() - 1).equals("]") ? 2
                    : Test.evaluate(args.subList(0, args.size() - 1), this::statOrNull));
            default -> {
                if (base.equals("local")) {
                    local(args);
                    k.accept(0);
                } else if (NO_OPS.contains(base)) {
                    if (base.equals("export") || base.equals("readonly")) {
                        for (String a : args) {
                            int eq = a.indexOf('=');
                            if (eq > 0) {
                                vars.put(a.substring(0, eq), a.substring(eq + 1));
                            }
                        }
                    }
                    k.accept(0);
                } else if (!Commands.run(this, base, args, io, k)) {
                    program(name, args, io, k);
                }
            }
        }
    }

    /**
     * A name the shell does not implement: a script file of the container runs as a script, a program the
     * image has runs until it is stopped, and anything else is not found.
     */
    private void program(String name, List<String> args, Io io, IntConsumer k) {
        ContainerFs fs = host.fs();
        if (fs != null && name.contains("/")) {
            try {
                byte[] script = fs.read(path(name));
                shell(List.of("-c", new String(script, StandardCharsets.UTF_8)), io, k);
                return;
            } catch (FsException e) {
                // not a file of the container: maybe a program of its image
            }
        }
        if (Servers.run(this, name, args, io, k)) {
            return;
        }
        if (host.hasProgram(name)) {
            host.listenOnDeclaredPorts();
            return;
        }
        io.err().write("sh: " + name + ": not found\n");
        k.accept(127);
    }

    private void cd(List<String> args, Io io, IntConsumer k) {
        String target = args.isEmpty() ? vars.getOrDefault("HOME", "/") : args.get(0);
        String dir = path(target);
        ContainerFs fs = host.fs();
        if (fs != null) {
            try {
                if (!fs.stat(dir).directory()) {
                    io.err().write("sh: cd: can't cd to " + target + ": Not a directory\n");
                    k.accept(2);
                    return;
                }
            } catch (FsException e) {
                io.err().write("sh: cd: can't cd to " + target + ": No such file or directory\n");
                k.accept(2);
                return;
            }
        }
        vars.put("PWD", dir);
        k.accept(0);
    }

    private void sleep(List<String> args, Io io, IntConsumer k) {
        if (args.isEmpty()) {
            io.err().write("sleep: missing operand\n");
            k.accept(1);
            return;
        }
        Duration total = Duration.ZERO;
        for (String arg : args) {
            if (arg.equals("infinity") || arg.equals("inf")) {
                return;
            }
            Duration d = SleepDuration.parse(arg);
            if (d == null) {
                io.err().write("sleep: invalid number '" + arg + "'\n");
                k.accept(1);
                return;
            }
            total = total.plus(d);
        }
        after(total, () -> k.accept(0));
    }

    private void shell(List<String> args, Io io, IntConsumer k) {
        int c = args.indexOf("-c");
        String source;
        if (c >= 0 && c + 1 < args.size()) {
            source = args.get(c + 1);
        } else if (!args.isEmpty() && !args.get(0).startsWith("-") && host.fs() != null) {
            try {
                source = new String(readFile(args.get(0)), StandardCharsets.UTF_8);
            } catch (FsException e) {
                io.err().write("sh: can't open '" + args.get(0) + "': " + e.getMessage() + "\n");
                k.accept(2);
                return;
            }
        } else if (io.in() != null) {
            source = new String(io.in(), StandardCharsets.UTF_8);
        } else {
            // A shell without a script reads its input: a terminal nobody types into, or one that is closed.
            host.readInput(input -> shell(List.of("-c", new String(input, StandardCharsets.UTF_8)), io, k));
            return;
        }
        if (source.isBlank()) {
            k.accept(0);
            return;
        }
        ShellNode script;
        try {
            script = ShellParser.parse(source);
        } catch (ShellSyntaxException e) {
            io.err().write("sh: syntax error: " + e.getMessage() + "\n");
            k.accept(2);
            return;
        }
        Map<String, String> inner = new HashMap<>(vars);
        inner.keySet().removeIf(key -> key.matches("[0-9]+|[#@*]"));
        if (c >= 0 && c + 2 < args.size()) {
            // sh -c script name args...: the name is $0, the rest the positional parameters
            inner.put("0", args.get(c + 2));
            setPositional(inner, args.subList(c + 3, args.size()), null);
        }
        ShellEvaluator nested = new ShellEvaluator(host, inner, status -> {
            if (!finished) {
                k.accept(status);
            }
        });
        nested.root(io);
        nested.eval(script, io, nested::finish);
    }

    static int number(String text, int fallback) {
        try {
            return Integer.parseInt(text.trim());
        } catch (NumberFormatException e) {
            return fallback;
        }
    }

    /** {@code sleep}'s operands: a decimal number with an optional s, m, h or d suffix. */
    static final class SleepDuration {

        private SleepDuration() {
        }

        static Duration parse(String text) {
            if (!text.matches("[0-9]*\\.?[0-9]+[smhd]?")) {
                return null;
            }
            char last = text.charAt(text.length() - 1);
            char unit = Character.isLetter(last) ? last : 's';
            String number = Character.isLetter(last) ? text.substring(0, text.length() - 1) : text;
            BigDecimal seconds = new BigDecimal(number);
            seconds = switch (unit) {
                case 'm' -> seconds.multiply(BigDecimal.valueOf(60));
                case 'h' -> seconds.multiply(BigDecimal.valueOf(3600));
                case 'd' -> seconds.multiply(BigDecimal.valueOf(86400));
                default -> seconds;
            };
            return Duration.ofMillis(seconds.multiply(BigDecimal.valueOf(1000)).longValue());
        }
    }
}
