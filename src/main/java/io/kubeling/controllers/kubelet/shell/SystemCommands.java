package io.kubeling.controllers.kubelet.shell;

import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.IntConsumer;

import io.kubeling.controllers.kubelet.fs.FsException;

/** The tools that show the process and its container: environment, identity, processes, kernel settings. */
final class SystemCommands {

    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("EEE MMM ppd HH:mm:ss 'UTC' yyyy",
            Locale.ROOT);
    /** Kernel parameters a container reads, with the values a default node has. */
    private static final Map<String, String> SYSCTLS = Map.of("vm.swappiness", "60", "net.core.somaxconn", "4096",
            "net.ipv4.ip_forward", "1", "kernel.hostname", "", "fs.file-max", "9223372036854775807",
            "net.ipv4.ip_local_port_range", "32768\t60999", "vm.max_map_count", "65530", "kernel.pid_max", "4194304");

    private SystemCommands() {
    }

    static void run(ShellEvaluator sh, String name, List<String> args, Io io, IntConsumer k) {
        ShellHost host = sh.host;
        switch (name) {
            case "env", "printenv" -> {
                if (name.equals("printenv") && !args.isEmpty()) {
                    String value = sh.vars.get(args.get(0));
                    if (value != null) {
                        io.out().write(value + "\n");
                    }
                    k.accept(value == null ? 1 : 0);
                } else if (name.equals("env") && !args.isEmpty()) {
                    int i = 0;
                    while (i < args.size() && args.get(i).contains("=")) {
                        String a = args.get(i++);
                        sh.vars.put(a.substring(0, a.indexOf('=')), a.substring(a.indexOf('=') + 1));
                    }
                    if (i >= args.size()) {
                        printEnv(sh, io);
                        k.accept(0);
                    } else {
                        sh.command(new java.util.ArrayList<>(args.subList(i, args.size())), io, k);
                    }
                } else {
                    printEnv(sh, io);
                    k.accept(0);
                }
            }
            case "hostname" -> {
                io.out().write(hostname(sh) + "\n");
                k.accept(0);
            }
            case "date" -> {
                ZonedDateTime now = host.now().atZone(ZoneOffset.UTC);
                String format = args.stream().filter(a -> a.startsWith("+")).findFirst().orElse(null);
                io.out().write((format == null ? DATE.format(now) : strftime(format.substring(1), now)) + "\n");
                k.accept(0);
            }
            case "id" -> id(sh, args, io, k);
            case "whoami" -> {
                String user = names(sh, "/etc/passwd").get(host.identity().uid());
                if (user == null) {
                    boolean gnu = "gnu".equals(host.tools());
                    io.err().write(gnu ? "whoami: cannot find name for user ID " + host.identity().uid() + "\n"
                            : "whoami: unknown uid " + host.identity().uid() + "\n");
                    k.accept(1);
                } else {
                    io.out().write(user + "\n");
                    k.accept(0);
                }
            }
            case "ps" -> {
                StringBuilder out = new StringBuilder("PID   USER     TIME  COMMAND\n");
                int last = 0;
                for (ShellHost.Process p : host.processes()) {
                    out.append(String.format("%5d root      0:00 %s", p.pid(), p.command()).stripTrailing()).append('\n');
                    last = Math.max(last, p.pid());
                }
                // ps itself, unless it is the exec'd command listed already
                boolean listed = host.processes().stream().anyMatch(p -> p.pid() == host.pid()
                        && p.command().equals(String.join(" ", java.util.stream.Stream.concat(
                                java.util.stream.Stream.of(name), args.stream()).toList())));
                if (!listed) {
                    out.append(String.format("%5d root      0:00 ps %s", last + 1, String.join(" ", args))
                            .stripTrailing()).append('\n');
                }
                io.out().write(out.toString());
                k.accept(0);
            }
            case "kill" -> kill(host, args, io, k);
            case "stty" -> stty(host, args, io, k);
            case "sysctl" -> sysctl(sh, args, io, k);
            case "uname" -> {
                String out = args.contains("-a") ? "Linux " + hostname(sh) + " 6.8.0-49-generic #49-Ubuntu SMP "
                        + "x86_64 GNU/Linux" : args.contains("-n") ? hostname(sh) : args.contains("-r") ? "6.8.0-49-generic" : args.contains("-m")
                                ? "x86_64" : "Linux";
                io.out().write(out + "\n");
                k.accept(0);
            }
            case "which" -> {
                int status = 0;
                for (String a : args) {
                    if (Commands.knows(a) || host.hasProgram(a)) {
                        io.out().write((a.startsWith("/") ? a : "/usr/bin/" + a) + "\n");
                    } else {
                        status = 1;
                    }
                }
                k.accept(status);
            }
            case "nproc" -> {
                io.out().write("2\n");
                k.accept(0);
            }
            case "uptime" -> {
                io.out().write(" " + DateTimeFormatter.ofPattern("HH:mm:ss", Locale.ROOT)
                        .format(host.now().atZone(ZoneOffset.UTC)) + " up 1 day,  0:00,  0 users,  load average: "
                        + "0.08, 0.03, 0.01\n");
                k.accept(0);
            }
            case "free" -> {
                io.out().write("              total        used        free      shared  buff/cache   available\n"
                        + "Mem:        8039924     1843112     3912784        3324     2284028     5924924\n"
                        + "Swap:             0           0           0\n");
                k.accept(0);
            }
            case "yes" -> {
                String word = args.isEmpty() ? "y" : String.join(" ", args);
                io.out().write((word + "\n").repeat(Math.max(1, 65536 / (word.length() + 1))));
                k.accept(0);
            }
            default -> k.accept(127);
        }
    }

    /** {@code id}: the uid, gid and groups the container's securityContext gives, named from its files. */
    private static void id(ShellEvaluator sh, List<String> args, Io io, IntConsumer k) {
        ShellHost.Identity who = sh.host.identity();
        Map<Long, String> users = names(sh, "/etc/passwd");
        Map<Long, String> groups = names(sh, "/etc/group");
        String flags = String.join("", args).replace("-", "");
        boolean named = flags.contains("n");
        if (flags.contains("u") || flags.contains("g") || flags.contains("G")) {
            List<Long> ids = flags.contains("u") ? List.of(who.uid()) : flags.contains("G") ? who.groups()
                    : List.of(who.gid());
            Map<Long, String> names = flags.contains("u") ? users : groups;
            StringBuilder out = new StringBuilder();
            for (long id : ids) {
                out.append(out.isEmpty() ? "" : " ").append(named && names.containsKey(id) ? names.get(id) : id);
            }
            io.out().write(out + "\n");
            k.accept(0);
            return;
        }
        StringBuilder out = new StringBuilder("uid=").append(named(who.uid(), users))
                .append(" gid=").append(named(who.gid(), groups)).append(" groups=");
        for (int i = 0; i < who.groups().size(); i++) {
            out.append(i == 0 ? "" : ",").append(named(who.groups().get(i), groups));
        }
        io.out().write(out + "\n");
        k.accept(0);
    }

    private static String named(long id, Map<Long, String> names) {
        return names.containsKey(id) ? id + "(" + names.get(id) + ")" : Long.toString(id);
    }

    /** The names a passwd or group file gives its ids; root's and group 0's when the file is missing. */
    private static Map<Long, String> names(ShellEvaluator sh, String file) {
        Map<Long, String> names = new java.util.HashMap<>();
        try {
            for (String line : new String(sh.readFile(file), StandardCharsets.UTF_8).split("\n")) {
                String[] f = line.split(":", -1);
                if (f.length >= 3 && f[2].matches("\\d+")) {
                    names.putIfAbsent(Long.parseLong(f[2]), f[0]);
                }
            }
        } catch (FsException e) {
            names.put(0L, "root");
        }
        return names;
    }

    private static void printEnv(ShellEvaluator sh, Io io) {
        StringBuilder out = new StringBuilder();
        new TreeMap<>(sh.vars).forEach((key, value) -> {
            if (!key.equals("PWD") || !value.equals("/")) {
                out.append(key).append('=').append(value).append('\n');
            }
        });
        io.out().write(out.toString());
    }

    /** The container's hostname: its /etc/hostname, else {@code HOSTNAME}. */
    static String hostname(ShellEvaluator sh) {
        if (sh.host.fs() != null) {
            try {
                return new String(sh.host.fs().read("/etc/hostname"), StandardCharsets.UTF_8).trim();
            } catch (FsException e) {
                // no such file in this container
            }
        }
        return sh.vars.getOrDefault("HOSTNAME", "localhost");
    }

    /** Signal names busybox's kill takes, with or without {@code SIG}. */
    private static final java.util.Map<String, Integer> SIGNALS = java.util.Map.ofEntries(
            java.util.Map.entry("HUP", 1), java.util.Map.entry("INT", 2), java.util.Map.entry("QUIT", 3),
            java.util.Map.entry("KILL", 9), java.util.Map.entry("USR1", 10), java.util.Map.entry("USR2", 12),
            java.util.Map.entry("PIPE", 13), java.util.Map.entry("ALRM", 14), java.util.Map.entry("TERM", 15),
            java.util.Map.entry("CONT", 18), java.util.Map.entry("STOP", 19));

    private static int signal(String name) {
        if (name.matches("\\d+")) {
            int n = Integer.parseInt(name);
            return n <= 64 ? n : -1;
        }
        String upper = name.toUpperCase(java.util.Locale.ROOT);
        return SIGNALS.getOrDefault(upper.startsWith("SIG") ? upper.substring(3) : upper, -1);
    }

    /** {@code kill [-SIG | -s SIG] pid...}: TERM unless told; a PID no process has fails as ash says. */
    private static void kill(ShellHost host, List<String> args, Io io, IntConsumer k) {
        int signal = 15;
        int i = 0;
        if (i < args.size() && args.get(i).equals("-l")) {
            io.out().write("HUP INT QUIT ILL TRAP ABRT BUS FPE KILL USR1 SEGV USR2 PIPE ALRM TERM STKFLT CHLD CONT "
                    + "STOP TSTP TTIN TTOU URG XCPU XFSZ VTALRM PROF WINCH POLL PWR SYS\n");
            k.accept(0);
            return;
        }
        if (i < args.size() && (args.get(i).equals("-s") || args.get(i).equals("-n")) && i + 1 < args.size()) {
            signal = signal(args.get(i + 1));
            if (signal < 0) {
                io.err().write("sh: bad signal name '" + args.get(i + 1) + "'\n");
                k.accept(1);
                return;
            }
            i += 2;
        } else if (i < args.size() && args.get(i).startsWith("-") && !args.get(i).equals("--")) {
            signal = signal(args.get(i).substring(1));
            if (signal < 0) {
                io.err().write("sh: bad signal name '" + args.get(i).substring(1) + "'\n");
                k.accept(1);
                return;
            }
            i++;
        } else if (i < args.size() && args.get(i).equals("--")) {
            i++;
        }
        if (i >= args.size()) {
            io.err().write("kill: usage: kill [-s sigspec | -signum | -sigspec] [pid | job]... or\nkill -l "
                    + "[exitstatus]\n");
            k.accept(2);
            return;
        }
        int status = 0;
        for (String a : args.subList(i, args.size())) {
            int pid = ShellEvaluator.number(a, -1);
            if (pid < 0) {
                io.err().write("sh: invalid number '" + a + "'\n");
                status = 1;
            } else if (!host.kill(pid, signal)) {
                io.err().write("sh: can't kill pid " + a + ": No such process\n");
                status = 1;
            }
        }
        k.accept(status);
    }

    /** {@code stty size} (rows and columns) on a terminal; without one, the error stty gives. */
    private static void stty(ShellHost host, List<String> args, Io io, IntConsumer k) {
        int[] size = host.terminalSize();
        if (size == null) {
            io.err().write("stty: standard input: Inappropriate ioctl for device\n");
            k.accept(1);
            return;
        }
        if (args.contains("size")) {
            io.out().write(size[0] + " " + size[1] + "\n");
        } else if (args.isEmpty()) {
            io.out().write("speed 38400 baud; line = 0;\n-brkint -imaxbel\n");
        }
        k.accept(0);
    }

    private static void sysctl(ShellEvaluator sh, List<String> args, Io io, IntConsumer k) {
        boolean write = args.contains("-w");
        boolean quiet = args.contains("-q") || args.contains("-n");
        int status = 0;
        StringBuilder out = new StringBuilder();
        for (String a : args) {
            if (a.startsWith("-")) {
                continue;
            }
            int eq = a.indexOf('=');
            if (eq > 0 || write) {
                if (eq < 0) {
                    io.err().write("sysctl: error: '" + a + "' must be of the form name=value\n");
                    status = 1;
                    continue;
                }
                String key = a.substring(0, eq).trim();
                String value = a.substring(eq + 1).trim();
                if (sh.host.sysctl(key, value)) {
                    if (!quiet) {
                        out.append(key).append(" = ").append(value).append('\n');
                    }
                } else {
                    io.err().write("sysctl: error setting key '" + key + "': Read-only file system\n");
                    status = 1;
                }
            } else {
                String value = SYSCTLS.get(a);
                if (value == null) {
                    io.err().write("sysctl: error: '" + a + "' is an unknown key\n");
                    status = 1;
                } else {
                    out.append(quiet ? value : a + " = " + value).append('\n');
                }
            }
        }
        io.out().write(out.toString());
        k.accept(status);
    }

    /** The common {@code date +FORMAT} directives. */
    private static String strftime(String format, ZonedDateTime t) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < format.length(); i++) {
            char c = format.charAt(i);
            if (c != '%' || i + 1 >= format.length()) {
                out.append(c);
                continue;
            }
            char d = format.charAt(++i);
            out.append(switch (d) {
                case 'Y' -> String.format("%04d", t.getYear());
                case 'm' -> String.format("%02d", t.getMonthValue());
                case 'd' -> String.format("%02d", t.getDayOfMonth());
                case 'H' -> String.format("%02d", t.getHour());
                case 'M' -> String.format("%02d", t.getMinute());
                case 'S' -> String.format("%02d", t.getSecond());
                case 's' -> Long.toString(t.toEpochSecond());
                case 'F' -> String.format("%04d-%02d-%02d", t.getYear(), t.getMonthValue(), t.getDayOfMonth());
                case 'T' -> String.format("%02d:%02d:%02d", t.getHour(), t.getMinute(), t.getSecond());
                case 'N' -> String.format("%09d", t.getNano());
                case 'Z' -> "UTC";
                case '%' -> "%";
                default -> "%" + d;
            });
        }
        return out.toString();
    }
}
