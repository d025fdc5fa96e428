package io.kubeling.controllers.kubelet.shell;

import java.util.List;
import java.util.function.IntConsumer;

/** The programs the shell implements itself, by name; each family has its class. */
final class Commands {

    private Commands() {
    }

    /** Runs {@code name} if the shell implements it; false when it does not. */
    static boolean run(ShellEvaluator sh, String name, List<String> args, Io io, IntConsumer k) {
        Command command = of(name);
        if (command == null) {
            return false;
        }
        command.run(sh, name, args, io, k);
        return true;
    }

    /** Whether the shell implements a program of this name. */
    static boolean knows(String name) {
        return of(name) != null || List.of("sh", "echo", "printf", "sleep", "test", "true", "false").contains(name);
    }

    private static Command of(String name) {
        return switch (name) {
            case "ls", "mkdir", "rmdir", "touch", "rm", "cp", "mv", "stat", "find", "du", "df" -> FileCommands::run;
            case "cat", "head", "tail", "grep", "egrep", "fgrep", "wc", "tee", "sort", "uniq", "tr", "cut", "base64",
                    "basename", "dirname", "seq", "rev", "xargs" -> TextCommands::run;
            case "tar" -> Tar::run;
            case "env", "printenv", "hostname", "date", "id", "whoami", "ps", "kill", "stty", "sysctl", "uname",
                    "which", "nproc", "uptime", "free", "yes" -> SystemCommands::run;
            case "wget", "curl", "nslookup", "host", "dig", "getent", "nc", "ncat", "netcat" ->
                    NetCommands::run;
            default -> null;
        };
    }

    @FunctionalInterface
    interface Command {
        void run(ShellEvaluator sh, String name, List<String> args, Io io, IntConsumer k);
    }

    /** Options (leading {@code -x} words, split into letters) and operands of a command line. */
    record Parsed(String flags, List<String> operands) {

        static Parsed of(List<String> args) {
            StringBuilder flags = new StringBuilder();
            List<String> operands = new java.util.ArrayList<>();
            boolean ended = false;
            for (String a : args) {
                if (!ended && a.equals("--")) {
                    ended = true;
                } else if (!ended && a.startsWith("-") && a.length() > 1 && !a.matches("-\\d+")) {
                    flags.append(a.startsWith("--") ? "" : a.substring(1));
                } else {
                    operands.add(a);
                }
            }
            return new Parsed(flags.toString(), operands);
        }

        boolean has(char flag) {
            return flags.indexOf(flag) >= 0;
        }
    }
}
