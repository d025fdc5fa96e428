package io.kubeling.controllers.kubelet.shell;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.IntConsumer;

/**
 * Runs a parsed script against a {@link ShellHost}, in continuation-passing style so that
 * {@code sleep} and loops wait on the host's timers rather than on a thread. A command it does not
 * know blocks forever, as a server process would; so does a script that never reaches its end.
 * {@code exit N} ends the script at once.
 */
public final class ShellEvaluator {

    private static final Duration BUSY_LOOP_TICK = Duration.ofSeconds(1);
    private static final Set<String> NO_OPS = Set.of("cd", "mkdir", "touch", "rm", "cp", "mv", "chmod", "chown", "ln",
            "set", "wait", "trap", "ulimit", "umask", "unset", "sync", "shift", "source", ".", "export", "readonly",
            "local", "declare");
    private static final Set<String> FILTERS = Set.of("grep", "egrep", "head", "tail", "tee", "cat", "wc", "sort",
            "uniq", "awk", "sed", "tr", "cut", "xargs", "base64", "jq");
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("EEE MMM d HH:mm:ss 'UTC' yyyy",
            Locale.ROOT);

    private final ShellHost host;
    private final Map<String, String> vars;
    private final IntConsumer onExit;
    private boolean finished;
    private int lastStatus;
    private long waits;
    private boolean breaking;
    private boolean continuing;

    private ShellEvaluator(ShellHost host, Map<String, String> vars, IntConsumer onExit) {
        this.host = host;
        this.vars = vars;
        this.onExit = onExit;
    }

    /** Runs a script; {@code onExit} gets its status when it ends, and is never called if it does not. */
    public static void run(ShellNode script, ShellHost host, Map<String, String> env, IntConsumer onExit) {
        ShellEvaluator evaluator = new ShellEvaluator(host, new HashMap<>(env), onExit);
        evaluator.eval(script, evaluator::finish);
    }

    /** Runs one command given as words (a container's command and args), without parsing them. */
    public static void runCommand(List<String> argv, ShellHost host, Map<String, String> env, IntConsumer onExit) {
        List<Word> words = argv.stream().map(Word::literal).toList();
        run(new ShellNode.Simple(words), host, env, onExit);
    }

    private void finish(int status) {
        if (!finished) {
            finished = true;
            onExit.accept(status);
        }
    }

    private void eval(ShellNode node, IntConsumer k) {
        if (finished) {
            return;
        }
        if (node instanceof ShellNode.Simple simple) {
            simple(simple, k);
        } else if (node instanceof ShellNode.Sequence seq) {
            sequence(seq.items(), 0, 0, k);
        } else if (node instanceof ShellNode.AndOr andOr) {
            eval(andOr.left(), status -> {
                if (breaking || continuing || (andOr.and() ? status != 0 : status == 0)) {
                    k.accept(status);
                } else {
                    eval(andOr.right(), k);
                }
            });
        } else if (node instanceof ShellNode.Not not) {
            eval(not.command(), status -> k.accept(status == 0 ? 1 : 0));
        } else if (node instanceof ShellNode.Pipeline pipeline) {
            pipeline(pipeline.commands(), 0, k);
        } else if (node instanceof ShellNode.Background background) {
            eval(background.command(), status -> {
            });
            k.accept(0);
        } else if (node instanceof ShellNode.If ifNode) {
            branch(ifNode, 0, k);
        } else if (node instanceof ShellNode.Loop loop) {
            loop(loop, 0, k);
        } else if (node instanceof ShellNode.For forNode) {
            forLoop(forNode, words(forNode.items()), 0, 0, k);
        }
    }

    private void sequence(List<ShellNode> items, int index, int status, IntConsumer k) {
        if (index >= items.size() || breaking || continuing) {
            k.accept(status);
            return;
        }
        eval(items.get(index), s -> sequence(items, index + 1, s, k));
    }

    private void pipeline(List<ShellNode> commands, int index, IntConsumer k) {
        if (index == commands.size() - 1) {
            eval(commands.get(index), k);
            return;
        }
        eval(commands.get(index), s -> pipeline(commands, index + 1, k));
    }

    private void branch(ShellNode.If ifNode, int index, IntConsumer k) {
        eval(ifNode.conditions().get(index), status -> {
            if (status == 0) {
                eval(ifNode.bodies().get(index), k);
            } else if (index + 1 < ifNode.conditions().size()) {
                branch(ifNode, index + 1, k);
            } else if (ifNode.otherwise() != null) {
                eval(ifNode.otherwise(), k);
            } else {
                k.accept(0);
            }
        });
    }

    /** One pass of a loop; the next goes through the host's timers so that a long loop does not grow the stack. */
    private void loop(ShellNode.Loop loop, int bodyStatus, IntConsumer k) {
        long mark = waits;
        eval(loop.condition(), status -> {
            boolean again = loop.until() ? status != 0 : status == 0;
            if (!again) {
                k.accept(bodyStatus);
                return;
            }
            eval(loop.body(), s -> {
                if (breaking) {
                    breaking = false;
                    k.accept(0);
                    return;
                }
                continuing = false;
                // A pass that waits for nothing would spin; the simulation lets it take a second.
                after(waits == mark ? BUSY_LOOP_TICK : Duration.ZERO, () -> loop(loop, s, k));
            });
        });
    }

    private void forLoop(ShellNode.For forNode, List<String> items, int index, int status, IntConsumer k) {
        if (index >= items.size()) {
            k.accept(status);
            return;
        }
        vars.put(forNode.variable(), items.get(index));
        eval(forNode.body(), s -> {
            if (breaking) {
                breaking = false;
                k.accept(0);
                return;
            }
            continuing = false;
            after(Duration.ZERO, () -> forLoop(forNode, items, index + 1, s, k));
        });
    }

    private void after(Duration delay, Runnable next) {
        waits++;
        host.after(delay, () -> {
            if (!finished) {
                next.run();
            }
        });
    }

    /** Expands words; an unquoted variable's value splits on blanks, as in a shell. */
    private List<String> words(List<Word> words) {
        List<String> out = new ArrayList<>();
        for (Word word : words) {
            boolean splits = word.parts().stream().anyMatch(p -> p.variable() && !p.quoted());
            String value = word.expand(this::lookup);
            if (splits) {
                for (String piece : value.trim().split("\\s+")) {
                    if (!piece.isEmpty()) {
                        out.add(piece);
                    }
                }
            } else {
                out.add(value);
            }
        }
        return out;
    }

    private String lookup(String name) {
        if (name.equals("?")) {
            return Integer.toString(lastStatus);
        }
        if (name.equals("$")) {
            return "1";
        }
        if (name.equals("0")) {
            return "sh";
        }
        return vars.getOrDefault(name, "");
    }

    // ---- commands

    private void simple(ShellNode.Simple simple, IntConsumer k) {
        List<String> argv = words(simple.words());
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
            done.accept(0);
            return;
        }
        command(new ArrayList<>(command), done);
    }

    private void command(List<String> argv, IntConsumer k) {
        String name = argv.get(0);
        String base = name.substring(name.lastIndexOf('/') + 1);
        List<String> args = argv.subList(1, argv.size());
        switch (base) {
            case "exit" -> finish(args.isEmpty() ? lastStatus : number(args.get(0), 2) & 0xff);
            case "true", ":" -> k.accept(0);
            case "false" -> k.accept(1);
            case "echo" -> {
                host.write(Echo.echo(args));
                k.accept(0);
            }
            case "printf" -> {
                if (args.isEmpty()) {
                    k.accept(2);
                } else {
                    host.write(Printf.format(args.get(0), args.subList(1, args.size())));
                    k.accept(0);
                }
            }
            case "sleep" -> sleep(args, k);
            case "break" -> {
                breaking = true;
                k.accept(0);
            }
            case "continue" -> {
                continuing = true;
                k.accept(0);
            }
            case "exec", "command", "nohup", "time" -> {
                if (args.isEmpty()) {
                    k.accept(0);
                } else {
                    command(new ArrayList<>(args), k);
                }
            }
            case "sh", "bash", "ash", "dash", "zsh" -> shell(args, k);
            case "nslookup", "host", "dig" -> lookupName(base, firstOperand(args), k);
            case "getent" -> {
                if (args.size() >= 2 && (args.get(0).startsWith("hosts") || args.get(0).startsWith("ahosts"))) {
                    Optional<ShellHost.Resolved> found = host.resolve(args.get(1));
                    found.ifPresent(r -> host.write(r.address() + "     " + r.fqdn() + "\n"));
                    k.accept(found.isPresent() ? 0 : 2);
                } else {
                    k.accept(1);
                }
            }
            case "nc", "ncat", "netcat" -> netcat(args, k);
            case "wget" -> http(args, k, true);
            case "curl" -> http(args, k, false);
            case "test" -> k.accept(Test.evaluate(args));
            case "[" -> k.accept(args.isEmpty() || !args.get(args.size() - 1).equals("]") ? 2
                    : Test.evaluate(args.subList(0, args.size() - 1)));
            case "date" -> {
                host.write(DATE.format(host.now().atOffset(ZoneOffset.UTC)) + "\n");
                k.accept(0);
            }
            case "hostname" -> {
                host.write(vars.getOrDefault("HOSTNAME", "localhost") + "\n");
                k.accept(0);
            }
            case "env", "printenv" -> {
                if (args.isEmpty()) {
                    StringBuilder out = new StringBuilder();
                    vars.forEach((key, value) -> out.append(key).append('=').append(value).append('\n'));
                    host.write(out.toString());
                    k.accept(0);
                } else if (base.equals("printenv")) {
                    String value = vars.get(args.get(0));
                    if (value != null) {
                        host.write(value + "\n");
                    }
                    k.accept(value == null ? 1 : 0);
                } else {
                    command(new ArrayList<>(args), k);
                }
            }
            default -> {
                if (NO_OPS.contains(base)) {
                    if (base.equals("export") || base.equals("readonly") || base.equals("local")) {
                        for (String a : args) {
                            int eq = a.indexOf('=');
                            if (eq > 0) {
                                vars.put(a.substring(0, eq), a.substring(eq + 1));
                            }
                        }
                    }
                    k.accept(0);
                } else if (FILTERS.contains(base) && !blocksAsFilter(base, args)) {
                    k.accept(0);
                }
                // Anything else is taken for a process that runs until it is stopped.
            }
        }
    }

    /** A filter reading from nothing ends at once, except {@code tail -f} and a bare {@code cat}, which wait. */
    private static boolean blocksAsFilter(String base, List<String> args) {
        return (base.equals("tail") && (args.contains("-f") || args.contains("-F") || args.contains("--follow")))
                || (base.equals("cat") && args.isEmpty());
    }

    private void sleep(List<String> args, IntConsumer k) {
        if (args.isEmpty()) {
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
                host.write("sleep: invalid number '" + arg + "'\n");
                k.accept(1);
                return;
            }
            total = total.plus(d);
        }
        after(total, () -> k.accept(0));
    }

    private void shell(List<String> args, IntConsumer k) {
        int c = args.indexOf("-c");
        if (c < 0 || c + 1 >= args.size()) {
            // A shell without a script and without a terminal reads nothing and exits.
            k.accept(0);
            return;
        }
        ShellNode script;
        try {
            script = ShellParser.parse(args.get(c + 1));
        } catch (ShellSyntaxException e) {
            return;
        }
        Map<String, String> inner = new HashMap<>(vars);
        ShellEvaluator nested = new ShellEvaluator(host, inner, status -> {
            if (!finished) {
                k.accept(status);
            }
        });
        nested.eval(script, nested::finish);
    }

    private void lookupName(String command, String name, IntConsumer k) {
        if (name == null) {
            k.accept(1);
            return;
        }
        Optional<ShellHost.Resolved> found = host.resolve(name);
        if (command.equals("nslookup")) {
            StringBuilder out = new StringBuilder("Server:\t\t10.96.0.10\nAddress:\t10.96.0.10:53\n\n");
            if (found.isPresent()) {
                out.append("Name:\t").append(found.get().fqdn()).append("\nAddress: ").append(found.get().address())
                        .append("\n\n");
            } else {
                out.append("** server can't find ").append(name).append(": NXDOMAIN\n\n");
            }
            host.write(out.toString());
        } else if (found.isPresent()) {
            host.write(found.get().fqdn() + " has address " + found.get().address() + "\n");
        } else {
            host.write("Host " + name + " not found: 3(NXDOMAIN)\n");
        }
        k.accept(found.isPresent() ? 0 : 1);
    }

    private void netcat(List<String> args, IntConsumer k) {
        List<String> operands = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (a.equals("-w") || a.equals("-i") || a.equals("-p") || a.equals("-s")) {
                i++;
            } else if (!a.startsWith("-")) {
                operands.add(a);
            }
        }
        if (operands.size() < 2) {
            k.accept(1);
            return;
        }
        int port = number(operands.get(1), -1);
        k.accept(port > 0 && host.connects(operands.get(0), port) ? 0 : 1);
    }

    private static final Set<String> HTTP_OPTIONS_WITH_VALUE = Set.of("-O", "-o", "-T", "-H", "-X", "-d", "-m", "-U",
            "-u", "-A", "-e", "-w", "--timeout", "--header", "--max-time", "--connect-timeout", "--data",
            "--output", "--output-document", "--user-agent", "--tries", "-t", "--retry", "--request");

    private void http(List<String> args, IntConsumer k, boolean wget) {
        String url = null;
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (HTTP_OPTIONS_WITH_VALUE.contains(a)) {
                i++;
            } else if (!a.startsWith("-")) {
                url = a;
                break;
            }
        }
        if (url == null) {
            k.accept(wget ? 1 : 2);
            return;
        }
        Target target = Target.of(url);
        if (host.resolve(target.host()).isEmpty()) {
            host.write(wget ? "wget: bad address '" + target.host() + "'\n"
                    : "curl: (6) Could not resolve host: " + target.host() + "\n");
            k.accept(wget ? 4 : 6);
            return;
        }
        if (!host.connects(target.host(), target.port())) {
            host.write(wget ? "wget: can't connect to remote host: Connection refused\n"
                    : "curl: (7) Failed to connect to " + target.host() + " port " + target.port()
                            + ": Connection refused\n");
            k.accept(wget ? 4 : 7);
            return;
        }
        k.accept(0);
    }

    private static String firstOperand(List<String> args) {
        for (String a : args) {
            if (!a.startsWith("-")) {
                return a;
            }
        }
        return null;
    }

    private static int number(String text, int fallback) {
        try {
            return Integer.parseInt(text.trim());
        } catch (NumberFormatException e) {
            return fallback;
        }
    }

    /** The host and port of a URL, defaulting the port from the scheme. */
    private record Target(String host, int port) {

        static Target of(String url) {
            String rest = url;
            int defaultPort = 80;
            int scheme = rest.indexOf("://");
            if (scheme >= 0) {
                if (rest.substring(0, scheme).equalsIgnoreCase("https")) {
                    defaultPort = 443;
                }
                rest = rest.substring(scheme + 3);
            }
            int slash = rest.indexOf('/');
            if (slash >= 0) {
                rest = rest.substring(0, slash);
            }
            int colon = rest.lastIndexOf(':');
            if (colon > 0) {
                return new Target(rest.substring(0, colon), number(rest.substring(colon + 1), defaultPort));
            }
            return new Target(rest, defaultPort);
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
