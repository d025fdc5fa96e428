package io.kubeling.controllers.kubelet.shell;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.IntConsumer;
import java.util.regex.Pattern;

import io.kubeling.controllers.kubelet.fs.ContainerFs;
import io.kubeling.controllers.kubelet.fs.FsException;

/** The file tools, on the container's filesystem, with busybox's or coreutils' messages. */
final class FileCommands extends ToolRun {

    private static final DateTimeFormatter LS_TIME = DateTimeFormatter.ofPattern("MMM ppd HH:mm", Locale.ROOT);

    private FileCommands(ShellEvaluator sh, String name, Io io) {
        super(sh, name, io);
    }

    static void run(ShellEvaluator sh, String name, List<String> args, Io io, IntConsumer k) {
        new FileCommands(sh, name, io).dispatch(args, k);
    }

    private void dispatch(List<String> args, IntConsumer k) {
        Commands.Parsed p = Commands.Parsed.of(args);
        ContainerFs fs = sh.host.fs();
        if (fs == null) {
            error("Read-only file system");
            k.accept(1);
            return;
        }
        switch (name) {
            case "ls" -> ls(fs, p, k);
            case "mkdir" -> {
                for (String d : p.operands()) {
                    try {
                        if (p.has('p')) {
                            fs.mkdirs(sh.path(d));
                        } else {
                            fs.mkdir(sh.path(d));
                        }
                    } catch (FsException e) {
                        fail(gnu ? "cannot create directory '" + d + "'" : "can't create directory '" + d + "'", e);
                    }
                }
                k.accept(status);
            }
            case "rmdir" -> {
                for (String d : p.operands()) {
                    try {
                        fs.removeEmptyDir(sh.path(d));
                    } catch (FsException e) {
                        fail(gnu ? "failed to remove '" + d + "'" : "'" + d + "'", e);
                    }
                }
                k.accept(status);
            }
            case "touch" -> {
                for (String f : p.operands()) {
                    try {
                        fs.touch(sh.path(f));
                    } catch (FsException e) {
                        fail(gnu ? "cannot touch '" + f + "'" : f, e);
                    }
                }
                k.accept(status);
            }
            case "rm" -> {
                for (String f : p.operands()) {
                    try {
                        String path = sh.path(f);
                        if (!fs.exists(path)) {
                            if (!p.has('f')) {
                                fail(removeText(f), new FsException(FsException.NO_ENTRY));
                            }
                            continue;
                        }
                        boolean recursive = p.has('r') || p.has('R');
                        if (!recursive && fs.stat(path).directory()) {
                            fail(removeText(f), new FsException(FsException.IS_DIR));
                            continue;
                        }
                        fs.remove(path, recursive);
                    } catch (FsException e) {
                        fail(removeText(f), e);
                    }
                }
                k.accept(status);
            }
            case "cp", "mv" -> copyOrMove(fs, p, k);
            case "stat" -> {
                for (String f : p.operands()) {
                    try {
                        ContainerFs.Stat st = fs.stat(sh.path(f));
                        io.out().write("  File: " + f + "\n  Size: " + st.size() + "\t" + (st.directory() ? "directory"
                                : st.device() != null ? "character special file"
                                : st.size() == 0 ? "regular empty file" : "regular file") + "\n");
                    } catch (FsException e) {
                        fail(gnu ? "cannot stat '" + f + "'" : "can't stat '" + f + "'", e);
                    }
                }
                k.accept(status);
            }
            case "find" -> {
                String start = p.operands().isEmpty() ? "." : p.operands().get(0);
                String pattern = null;
                int nameAt = args.indexOf("-name");
                if (nameAt >= 0 && nameAt + 1 < args.size()) {
                    pattern = glob(args.get(nameAt + 1));
                }
                find(fs, start, sh.path(start), pattern == null ? null : Pattern.compile(pattern));
                k.accept(status);
            }
            case "du", "df" -> {
                io.out().write(name.equals("df") ? "Filesystem           1K-blocks      Used Available Use% Mounted on\n"
                        + "overlay               61202244  12345678  45724322  21% /\n" : "4\t.\n");
                k.accept(0);
            }
            default -> k.accept(127);
        }
    }

    private static String glob(String glob) {
        StringBuilder re = new StringBuilder();
        for (char c : glob.toCharArray()) {
            re.append(c == '*' ? ".*" : c == '?' ? "." : Pattern.quote(String.valueOf(c)));
        }
        return re.toString();
    }

    private void ls(ContainerFs fs, Commands.Parsed p, IntConsumer k) {
        List<String> targets = p.operands().isEmpty() ? List.of(".") : p.operands();
        boolean headers = targets.size() > 1;
        StringBuilder out = new StringBuilder();
        for (String t : targets) {
            String path = sh.path(t);
            try {
                ContainerFs.Stat st = fs.stat(path);
                if (!st.directory() || p.has('d')) {
                    out.append(p.has('l') ? longLine(st, t) : t).append('\n');
                    continue;
                }
                if (headers) {
                    out.append(t).append(":\n");
                }
                List<String> names = new ArrayList<>();
                if (p.has('a')) {
                    names.add(".");
                    names.add("..");
                }
                for (String n : fs.list(path)) {
                    if (p.has('a') || p.has('A') || !n.startsWith(".")) {
                        names.add(n);
                    }
                }
                if (p.has('l')) {
                    out.append("total ").append(names.size() * 4L).append('\n');
                }
                for (String n : names) {
                    if (p.has('l')) {
                        out.append(longLine(fs.stat(ContainerFs.normalize(path, n)), n)).append('\n');
                    } else {
                        out.append(n).append('\n');
                    }
                }
            } catch (FsException e) {
                error(gnu ? "cannot access '" + t + "': " + e.getMessage() : t + ": " + e.getMessage());
                status = gnu ? 2 : 1;
            }
        }
        io.out().write(out.toString());
        k.accept(status);
    }

    private static String longLine(ContainerFs.Stat st, String name) {
        String mode = (st.directory() ? "d" : st.device() != null ? "c" : "-") + permissions(st.mode());
        String time = LS_TIME.format(Instant.ofEpochMilli(st.mtime()).atOffset(ZoneOffset.UTC));
        String size = st.device() != null ? st.device().numbers() : String.format("%8d", st.size());
        return String.format("%s    1 root     root     %s %s %s", mode, size, time, name);
    }

    private static String permissions(int mode) {
        StringBuilder out = new StringBuilder();
        for (int shift = 6; shift >= 0; shift -= 3) {
            int bits = (mode >> shift) & 7;
            out.append((bits & 4) != 0 ? 'r' : '-').append((bits & 2) != 0 ? 'w' : '-').append((bits & 1) != 0 ? 'x' : '-');
        }
        return out.toString();
    }

    private void copyOrMove(ContainerFs fs, Commands.Parsed p, IntConsumer k) {
        List<String> ops = p.operands();
        if (ops.size() < 2) {
            error("missing file operand");
            k.accept(1);
            return;
        }
        String target = sh.path(ops.get(ops.size() - 1));
        boolean targetIsDir = fs.exists(target) && statQuietly(fs, target);
        for (String source : ops.subList(0, ops.size() - 1)) {
            String from = sh.path(source);
            String base = from.substring(from.lastIndexOf('/') + 1);
            String to = targetIsDir ? ContainerFs.normalize(target, base) : target;
            try {
                if (name.equals("cp")) {
                    if (fs.stat(from).directory() && !(p.has('r') || p.has('R') || p.has('a'))) {
                        error(gnu ? "-r not specified; omitting directory '" + source + "'" : "omitting directory '"
                                + source + "'");
                        continue;
                    }
                    fs.copy(from, to);
                } else {
                    fs.rename(from, to);
                }
            } catch (FsException e) {
                fail(gnu ? "cannot stat '" + source + "'" : "can't stat '" + source + "'", e);
            }
        }
        k.accept(status);
    }

    private static boolean statQuietly(ContainerFs fs, String path) {
        try {
            return fs.stat(path).directory();
        } catch (FsException e) {
            return false;
        }
    }

    private void find(ContainerFs fs, String shown, String path, Pattern name) {
        String base = path.substring(path.lastIndexOf('/') + 1);
        if (name == null || name.matcher(base).matches()) {
            io.out().write(shown + "\n");
        }
        try {
            if (fs.stat(path).directory()) {
                for (String child : fs.list(path)) {
                    find(fs, shown.endsWith("/") ? shown + child : shown + "/" + child,
                            ContainerFs.normalize(path, child), name);
                }
            }
        } catch (FsException e) {
            fail("'" + shown + "'", e);
        }
    }
}
