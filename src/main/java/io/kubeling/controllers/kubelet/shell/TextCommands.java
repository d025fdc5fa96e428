package io.kubeling.controllers.kubelet.shell;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.IntConsumer;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

import io.kubeling.controllers.kubelet.fs.ContainerFs;
import io.kubeling.controllers.kubelet.fs.FsException;

/** The text tools: they read files or their input and write what they make of it. */
final class TextCommands extends ToolRun {

    private static final Duration FOLLOW_INTERVAL = Duration.ofSeconds(1);

    private TextCommands(ShellEvaluator sh, String name, Io io) {
        super(sh, name, io);
    }

    static void run(ShellEvaluator sh, String name, List<String> args, Io io, IntConsumer k) {
        new TextCommands(sh, name, io).dispatch(args, k);
    }

    private void dispatch(List<String> args, IntConsumer k) {
        Commands.Parsed p = Commands.Parsed.of(args);
        ContainerFs fs = sh.host.fs();
        if (fs == null && !p.operands().isEmpty() && !List.of("basename", "dirname", "seq", "tr", "tee", "xargs")
                .contains(name)) {
            error("Read-only file system");
            k.accept(1);
            return;
        }
        switch (name) {
            case "cat" -> withInputs(p.operands(), data -> {
                io.out().write(data);
            }, k);
            case "head", "tail" -> headTail(fs, args, k);
            case "grep", "egrep", "fgrep" -> grep(args, k);
            case "wc" -> withInputs(p.operands(), data -> {
                String text = new String(data, StandardCharsets.UTF_8);
                long lines = text.chars().filter(ch -> ch == '\n').count();
                long words = Arrays.stream(text.trim().split("\\s+")).filter(w -> !w.isEmpty()).count();
                String out;
                if (p.has('l')) {
                    out = Long.toString(lines);
                } else if (p.has('w')) {
                    out = Long.toString(words);
                } else if (p.has('c')) {
                    out = Long.toString(data.length);
                } else {
                    out = String.format("%7d %7d %7d", lines, words, data.length);
                }
                io.out().write(out + (p.operands().size() == 1 ? " " + p.operands().get(0) : "") + "\n");
            }, k);
            case "tee" -> input(data -> {
                io.out().write(data);
                for (String f : p.operands()) {
                    try {
                        sh.openForWrite(f, p.has('a')).write(data);
                    } catch (FsException e) {
                        fail(f, e);
                    }
                }
                k.accept(status);
            });
            case "sort" -> lines(p.operands(), lines -> {
                List<String> sorted = new ArrayList<>(lines);
                if (p.has('n')) {
                    sorted.sort((a, b) -> Double.compare(leadingNumber(a), leadingNumber(b)));
                } else {
                    sorted.sort(null);
                }
                if (p.has('r')) {
                    java.util.Collections.reverse(sorted);
                }
                if (p.has('u')) {
                    sorted = new ArrayList<>(new LinkedHashSet<>(sorted));
                }
                writeLines(sorted);
            }, k);
            case "uniq" -> lines(p.operands(), lines -> {
                List<String> out = new ArrayList<>();
                for (String line : lines) {
                    if (out.isEmpty() || !out.get(out.size() - 1).equals(line)) {
                        out.add(line);
                    }
                }
                writeLines(out);
            }, k);
            case "rev" -> lines(p.operands(),
                    lines -> writeLines(lines.stream().map(l -> new StringBuilder(l).reverse().toString()).toList()),
                    k);
            case "cut" -> cut(args, k);
            case "tr" -> input(data -> {
                List<String> ops = p.operands();
                String text = new String(data, StandardCharsets.UTF_8);
                if (p.has('d') && !ops.isEmpty()) {
                    String set = ranges(ops.get(0));
                    // -c: the set's complement, so tr -dc a-z keeps only the letters
                    boolean complement = p.has('c') || p.has('C');
                    StringBuilder out = new StringBuilder();
                    text.chars().filter(ch -> (set.indexOf(ch) < 0) != complement).forEach(ch -> out.append((char) ch));
                    text = out.toString();
                } else if (ops.size() >= 2) {
                    String from = ranges(ops.get(0));
                    String to = ranges(ops.get(1));
                    StringBuilder out = new StringBuilder();
                    for (char ch : text.toCharArray()) {
                        int i = from.indexOf(ch);
                        out.append(i < 0 ? ch : to.charAt(Math.min(i, to.length() - 1)));
                    }
                    text = out.toString();
                }
                io.out().write(text);
                k.accept(0);
            });
            case "base64" -> withInputs(p.operands(), data -> {
                if (p.has('d')) {
                    try {
                        io.out().write(Base64.getMimeDecoder().decode(data));
                    } catch (IllegalArgumentException e) {
                        error("invalid input");
                    }
                } else {
                    String encoded = Base64.getEncoder().encodeToString(data);
                    StringBuilder out = new StringBuilder();
                    for (int i = 0; i < encoded.length(); i += 76) {
                        out.append(encoded, i, Math.min(encoded.length(), i + 76)).append('\n');
                    }
                    io.out().write(out.toString());
                }
            }, k);
            case "basename" -> {
                String path = p.operands().isEmpty() ? "" : p.operands().get(0);
                String trimmed = path.replaceAll("/+$", "");
                String base = trimmed.isEmpty() ? "/" : trimmed.substring(trimmed.lastIndexOf('/') + 1);
                if (p.operands().size() > 1 && base.endsWith(p.operands().get(1))) {
                    base = base.substring(0, base.length() - p.operands().get(1).length());
                }
                io.out().write(base + "\n");
                k.accept(0);
            }
            case "dirname" -> {
                String path = p.operands().isEmpty() ? "." : p.operands().get(0).replaceAll("/+$", "");
                int slash = path.lastIndexOf('/');
                io.out().write((slash < 0 ? "." : slash == 0 ? "/" : path.substring(0, slash)) + "\n");
                k.accept(0);
            }
            case "seq" -> {
                List<String> ops = p.operands();
                int first = ops.size() >= 2 ? ShellEvaluator.number(ops.get(0), 1) : 1;
                int last = ops.isEmpty() ? 0 : ShellEvaluator.number(ops.get(ops.size() - 1), 0);
                int step = ops.size() == 3 ? ShellEvaluator.number(ops.get(1), 1) : 1;
                StringBuilder out = new StringBuilder();
                for (int i = first; step > 0 ? i <= last : i >= last; i += step) {
                    out.append(i).append('\n');
                    if (out.length() > Io.Buffer.LIMIT) {
                        break;
                    }
                }
                io.out().write(out.toString());
                k.accept(0);
            }
            case "xargs" -> input(data -> {
                List<String> argv = new ArrayList<>(p.operands().isEmpty() ? List.of("echo") : p.operands());
                for (String w : new String(data, StandardCharsets.UTF_8).trim().split("\\s+")) {
                    if (!w.isEmpty()) {
                        argv.add(w);
                    }
                }
                sh.command(argv, io.withIn(new byte[0]), k);
            });
            default -> k.accept(127);
        }
    }

    private static double leadingNumber(String s) {
        java.util.regex.Matcher m = Pattern.compile("^\\s*(-?\\d+(\\.\\d+)?)").matcher(s);
        return m.find() ? Double.parseDouble(m.group(1)) : 0;
    }

    private static String ranges(String set) {
        String named = set.replace("[:lower:]", "a-z").replace("[:upper:]", "A-Z").replace("[:digit:]", "0-9")
                .replace("[:space:]", " \t\n");
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < named.length(); i++) {
            char c = named.charAt(i);
            if (i + 2 < named.length() && named.charAt(i + 1) == '-') {
                for (char x = c; x <= named.charAt(i + 2); x++) {
                    out.append(x);
                }
                i += 2;
            } else if (c == '\\' && i + 1 < named.length()) {
                char e = named.charAt(++i);
                out.append(e == 'n' ? '\n' : e == 't' ? '\t' : e);
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    private void headTail(ContainerFs fs, List<String> args, IntConsumer k) {
        int count = 10;
        boolean follow = false;
        boolean fromStart = false;
        List<String> files = new ArrayList<>();
        boolean bytes = false;
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if ((a.equals("-n") || a.equals("-c")) && i + 1 < args.size()) {
                bytes = a.equals("-c");
                String n = args.get(++i);
                fromStart = n.startsWith("+");
                count = ShellEvaluator.number(n.replace("+", ""), 10);
            } else if (a.matches("-c\\+?\\d+")) {
                bytes = true;
                fromStart = a.contains("+");
                count = ShellEvaluator.number(a.substring(2).replace("+", ""), 10);
            } else if (a.matches("-n\\+?\\d+")) {
                fromStart = a.contains("+");
                count = ShellEvaluator.number(a.substring(2).replace("+", ""), 10);
            } else if (a.matches("-\\d+")) {
                count = ShellEvaluator.number(a.substring(1), 10);
            } else if (a.equals("-f") || a.equals("-F") || a.equals("--follow")) {
                follow = true;
            } else if (!a.startsWith("-") || a.equals("-")) {
                files.add(a);
            }
        }
        int n = count;
        boolean start = fromStart;
        boolean head = name.equals("head");
        if (follow && !files.isEmpty() && fs != null) {
            String path = sh.path(files.get(0));
            byte[] data = readOrReport(files.get(0));
            if (data == null) {
                k.accept(1);
                return;
            }
            writeLines(pick(split(data), n, false, false));
            follow(fs, path, data.length);
            return;
        }
        if (follow && files.isEmpty()) {
            // following a pipe or a terminal: waits for what never comes
            return;
        }
        if (bytes) {
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            withInputs(files, all::writeBytes, status -> {
                byte[] data = all.toByteArray();
                int from = head ? 0 : start ? Math.min(Math.max(0, n - 1), data.length) : Math.max(0, data.length - n);
                int to = head ? Math.min(n, data.length) : data.length;
                io.out().write(Arrays.copyOfRange(data, from, to));
                k.accept(status);
            });
            return;
        }
        lines(files, lines -> writeLines(pick(lines, n, head, start)), k);
    }

    private static List<String> pick(List<String> lines, int n, boolean head, boolean fromStart) {
        if (head) {
            return lines.subList(0, Math.min(n, lines.size()));
        }
        if (fromStart) {
            return lines.subList(Math.min(Math.max(0, n - 1), lines.size()), lines.size());
        }
        return lines.subList(Math.max(0, lines.size() - n), lines.size());
    }

    /** {@code tail -f}: what is appended to the file is written as it comes, until the process is stopped. */
    private void follow(ContainerFs fs, String path, int seen) {
        sh.after(FOLLOW_INTERVAL, () -> {
            int next = seen;
            try {
                byte[] data = fs.read(path);
                if (data.length > seen) {
                    io.out().write(Arrays.copyOfRange(data, seen, data.length));
                }
                next = data.length;
            } catch (FsException e) {
                // the file went away: tail goes on waiting for it
            }
            follow(fs, path, next);
        });
    }

    private void grep(List<String> args, IntConsumer k) {
        String flags = "";
        String pattern = null;
        List<String> files = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (a.equals("-e") && i + 1 < args.size()) {
                pattern = args.get(++i);
            } else if (a.startsWith("-") && a.length() > 1 && pattern == null || a.startsWith("-") && a.length() > 1
                    && files.isEmpty() && !a.equals("-")) {
                flags += a.substring(1);
            } else if (pattern == null) {
                pattern = a;
            } else {
                files.add(a);
            }
        }
        if (pattern == null) {
            io.err().write("Usage: grep [OPTIONS] PATTERN [FILE]...\n");
            k.accept(2);
            return;
        }
        boolean fixed = name.equals("fgrep") || flags.contains("F");
        Pattern re;
        try {
            String source = fixed ? Pattern.quote(pattern) : basicToJava(pattern, name.equals("egrep")
                    || flags.contains("E"));
            re = Pattern.compile(source, flags.contains("i") ? Pattern.CASE_INSENSITIVE : 0);
        } catch (PatternSyntaxException e) {
            io.err().write("grep: bad regex '" + pattern + "'\n");
            k.accept(2);
            return;
        }
        String f = flags;
        boolean many = files.size() > 1;
        int[] matched = {0};
        StringBuilder out = new StringBuilder();
        Consumer<String[]> scan = named -> {
            for (String line : split(named[1].getBytes(StandardCharsets.UTF_8))) {
                boolean hit = re.matcher(line).find() != f.contains("v");
                if (hit) {
                    matched[0]++;
                    if (!f.contains("q") && !f.contains("c") && !f.contains("l")) {
                        out.append(many ? named[0] + ":" : "").append(line).append('\n');
                    }
                }
            }
        };
        IntConsumer finish = s -> {
            if (f.contains("c")) {
                out.append(matched[0]).append('\n');
            }
            io.out().write(out.toString());
            k.accept(status != 0 && matched[0] == 0 ? 2 : matched[0] > 0 ? 0 : 1);
        };
        if (files.isEmpty()) {
            input(data -> {
                scan.accept(new String[] {"(standard input)", new String(data, StandardCharsets.UTF_8)});
                finish.accept(0);
            });
            return;
        }
        for (String file : files) {
            byte[] data = readOrReport(file);
            if (data != null) {
                scan.accept(new String[] {file, new String(data, StandardCharsets.UTF_8)});
            }
        }
        finish.accept(status);
    }

    /** A basic regular expression as Java reads it: {@code \|}, {@code \(} and {@code \+} are the operators. */
    private static String basicToJava(String pattern, boolean extended) {
        if (extended) {
            return pattern;
        }
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            if (c == '\\' && i + 1 < pattern.length() && "|()+?{}".indexOf(pattern.charAt(i + 1)) >= 0) {
                out.append(pattern.charAt(++i));
            } else if ("|()+?{}".indexOf(c) >= 0) {
                out.append('\\').append(c);
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    private void cut(List<String> args, IntConsumer k) {
        String delimiter = "\t";
        String fields = null;
        List<String> files = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (a.equals("-d") && i + 1 < args.size()) {
                delimiter = args.get(++i);
            } else if (a.startsWith("-d")) {
                delimiter = a.substring(2);
            } else if (a.equals("-f") && i + 1 < args.size()) {
                fields = args.get(++i);
            } else if (a.startsWith("-f")) {
                fields = a.substring(2);
            } else {
                files.add(a);
            }
        }
        String d = delimiter;
        String fs = fields == null ? "1" : fields;
        lines(files, lines -> {
            List<String> out = new ArrayList<>();
            for (String line : lines) {
                String[] parts = line.split(Pattern.quote(d), -1);
                List<String> picked = new ArrayList<>();
                for (String f : fs.split(",")) {
                    int idx = ShellEvaluator.number(f, 1) - 1;
                    if (idx >= 0 && idx < parts.length) {
                        picked.add(parts[idx]);
                    }
                }
                out.add(parts.length == 1 ? line : String.join(d, picked));
            }
            writeLines(out);
        }, k);
    }
}
