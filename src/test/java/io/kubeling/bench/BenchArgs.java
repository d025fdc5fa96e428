package io.kubeling.bench;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** A benchmark's {@code name=value} arguments, as {@code -Dbench.args} passes them. */
final class BenchArgs {

    private final Map<String, String> values;

    private BenchArgs(Map<String, String> values) {
        this.values = values;
    }

    static BenchArgs parse(String[] args) {
        Map<String, String> opts = new HashMap<>();
        for (String a : String.join(" ", args).trim().split("\\s+")) {
            if (a.contains("=")) {
                opts.put(a.substring(0, a.indexOf('=')), a.substring(a.indexOf('=') + 1));
            }
        }
        return new BenchArgs(opts);
    }

    int number(String name, int otherwise) {
        return values.containsKey(name) ? Integer.parseInt(values.get(name)) : otherwise;
    }

    String text(String name, String otherwise) {
        return values.getOrDefault(name, otherwise);
    }

    /** The server's heap: {@code heap=}, 2g unless given. */
    String heap() {
        return text("heap", "2g");
    }

    /**
     * The server's database: the embedded H2 file database, its default; with {@code db=fsync} the
     * same, each write waiting for the disk ({@code kubeling.storage.fsync}); or with {@code db=mem}
     * an in-memory one that keeps nothing.
     */
    List<String> databaseArgs() {
        String db = text("db", "file");
        return switch (db) {
            case "file" -> List.of();
            case "fsync" -> List.of("--kubeling.storage.fsync=true");
            case "mem" -> List.of("--spring.datasource.url=jdbc:h2:mem:bench;DB_CLOSE_DELAY=-1");
            default -> throw new IllegalArgumentException("db= is file, fsync or mem, not " + db);
        };
    }

    /** The server's options: those of {@code db=}, then {@code server=}'s, separated by {@code ;}. */
    List<String> serverArgs() {
        List<String> args = new java.util.ArrayList<>(databaseArgs());
        if (!text("server", "").isEmpty()) {
            args.addAll(Arrays.asList(text("server", "").split(";")));
        }
        return args;
    }

    /** Options for the server's JVM: {@code jvm=}, separated by {@code ;}. */
    List<String> jvm() {
        return values.containsKey("jvm") ? Arrays.asList(values.get("jvm").split(";")) : List.of();
    }
}
