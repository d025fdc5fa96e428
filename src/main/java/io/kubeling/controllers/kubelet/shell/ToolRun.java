package io.kubeling.controllers.kubelet.shell;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.IntConsumer;

import io.kubeling.controllers.kubelet.fs.FsException;

/** One run of a tool: its name, streams and status, and what the tools share (reading inputs, reporting errors). */
abstract class ToolRun {

    final ShellEvaluator sh;
    final String name;
    final Io io;
    final boolean gnu;
    int status;

    ToolRun(ShellEvaluator sh, String name, Io io) {
        this.sh = sh;
        this.name = name;
        this.io = io;
        this.gnu = sh.host.tools().startsWith("gnu");
    }

    String removeText(String f) {
        return gnu ? "cannot remove '" + f + "'" : "can't remove '" + f + "'";
    }

    void error(String message) {
        io.err().write(name + ": " + message + "\n");
        status = 1;
    }

    void fail(String what, FsException e) {
        error(what + ": " + e.getMessage());
    }

    /** The whole standard input: the pipe's or redirection's, else the host's. */
    void input(Consumer<byte[]> then) {
        if (io.in() != null) {
            then.accept(io.in());
        } else {
            sh.host.readInput(then);
        }
    }

    /** Each named file's content in turn ({@code -} or none: the input), then the status. */
    void withInputs(List<String> files, Consumer<byte[]> each, IntConsumer k) {
        if (files.isEmpty() || (files.size() == 1 && files.get(0).equals("-"))) {
            input(data -> {
                each.accept(data);
                k.accept(status);
            });
            return;
        }
        for (String f : files) {
            byte[] data = readOrReport(f);
            if (data != null) {
                each.accept(data);
            }
        }
        k.accept(status);
    }

    byte[] readOrReport(String f) {
        try {
            return sh.readFile(f);
        } catch (FsException e) {
            if (name.equals("cat") && !gnu) {
                error("can't open '" + f + "': " + e.getMessage());
            } else if (name.equals("cat") || name.equals("wc")) {
                error(f + ": " + e.getMessage());
            } else {
                error((gnu ? "cannot open '" : "can't open '") + f + "'" + (gnu ? " for reading" : "") + ": "
                        + e.getMessage());
            }
            return null;
        }
    }

    void lines(List<String> files, Consumer<List<String>> then, IntConsumer k) {
        List<String> all = new ArrayList<>();
        withInputs(files, data -> all.addAll(split(data)), status -> {
            then.accept(all);
            k.accept(status);
        });
    }

    static List<String> split(byte[] data) {
        String text = new String(data, StandardCharsets.UTF_8);
        if (text.isEmpty()) {
            return List.of();
        }
        List<String> lines = new ArrayList<>(Arrays.asList(text.split("\n", -1)));
        if (text.endsWith("\n")) {
            lines.remove(lines.size() - 1);
        }
        return lines;
    }

    void writeLines(List<String> lines) {
        StringBuilder out = new StringBuilder();
        lines.forEach(l -> out.append(l).append('\n'));
        io.out().write(out.toString());
    }
}
