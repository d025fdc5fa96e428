package io.kubeling.bench;

import java.util.HashMap;
import java.util.Map;

/** A benchmark's {@code name=value} arguments, as {@code -Dbench.args} passes them. */
final class BenchArgs {

    static Map<String, String> parse(String[] args) {
        Map<String, String> opts = new HashMap<>();
        for (String a : String.join(" ", args).trim().split("\\s+")) {
            if (a.contains("=")) {
                opts.put(a.substring(0, a.indexOf('=')), a.substring(a.indexOf('=') + 1));
            }
        }
        return opts;
    }

    private BenchArgs() {
    }
}
