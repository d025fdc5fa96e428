package io.kubeling.support;

import java.io.IOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Where the tests' JVM spent its CPU, read from Linux's /proc at the end of the suite: the JIT compiler threads,
 * the VM thread (which runs the serial collector's pauses), the other threads alive at the end, those that ended
 * before (the servers the classes stopped, their request and simulation threads), and the child processes the
 * JVM waited for (kubectl, python, node, servers in JVMs of their own, pg_ctl; not the PostgreSQL server, which
 * pg_ctl leaves running on its own). On two cores the suite is bound by CPU, so this says what to cut.
 */
final class SuiteCpu {

    // USER_HZ: the unit of /proc's times, 100 on every Linux architecture the JVM runs on
    private static final double TICKS_PER_SECOND = 100.0;

    private SuiteCpu() {
    }

    /** The report's lines, or none where there is no /proc. */
    static List<String> report() {
        Path self = Path.of("/proc/self");
        if (!Files.isDirectory(self.resolve("task"))) {
            return List.of();
        }
        long[] process = times(self.resolve("stat"));
        if (process.length == 0) {
            return List.of();
        }
        Map<String, Long> threads = new LinkedHashMap<>();
        threads.put("JIT compiler threads", 0L);
        threads.put("VM thread (serial GC pauses, safepoints)", 0L);
        threads.put("GC worker threads", 0L);
        threads.put("other threads alive at the end", 0L);
        try (Stream<Path> tasks = Files.list(self.resolve("task"))) {
            for (Path task : tasks.toList()) {
                long[] t = times(task.resolve("stat"));
                if (t.length == 0) {
                    continue;
                }
                threads.merge(kind(name(task)), t[0] + t[1], Long::sum);
            }
        } catch (IOException e) {
            return List.of();
        }
        long own = process[0] + process[1];
        long alive = threads.values().stream().mapToLong(Long::longValue).sum();
        long gcMillis = ManagementFactory.getGarbageCollectorMXBeans().stream()
                .mapToLong(GarbageCollectorMXBean::getCollectionTime).filter(t -> t > 0).sum();
        List<String> lines = new ArrayList<>();
        lines.add("CPU seconds: the tests' JVM %.1f (user %.1f, system %.1f); its children %.1f (user %.1f, system %.1f)"
                .formatted(s(own), s(process[0]), s(process[1]), s(process[2] + process[3]), s(process[2]),
                        s(process[3])));
        threads.forEach((kind, ticks) -> lines.add("  %-44s %7.1f".formatted(kind, s(ticks))));
        lines.add("  %-44s %7.1f".formatted("threads that ended before", s(Math.max(0, own - alive))));
        lines.add("  %-44s %7.1f".formatted("(collectors' pause time, wall)", gcMillis / 1000.0));
        return lines;
    }

    private static String kind(String thread) {
        if (thread.startsWith("C1 CompilerThre") || thread.startsWith("C2 CompilerThre")) {
            return "JIT compiler threads";
        }
        if (thread.equals("VM Thread")) {
            return "VM thread (serial GC pauses, safepoints)";
        }
        if (thread.startsWith("GC Thread") || thread.startsWith("G1 ") || thread.startsWith("VM Periodic")) {
            return "GC worker threads";
        }
        return "other threads alive at the end";
    }

    private static String name(Path task) {
        try {
            return Files.readString(task.resolve("comm")).strip();
        } catch (IOException e) {
            return "";
        }
    }

    /** utime, stime, cutime and cstime in ticks; empty if the task has gone. */
    private static long[] times(Path stat) {
        String line;
        try {
            line = Files.readString(stat);
        } catch (IOException e) {
            return new long[0];
        }
        // the command name may hold spaces: the fields after it start after its closing parenthesis
        String[] fields = line.substring(line.lastIndexOf(')') + 2).split(" ");
        // fields[0] is the state, field 3; utime is field 14
        return new long[] {Long.parseLong(fields[11]), Long.parseLong(fields[12]), Long.parseLong(fields[13]),
                Long.parseLong(fields[14])};
    }

    private static double s(long ticks) {
        return ticks / TICKS_PER_SECOND;
    }
}
