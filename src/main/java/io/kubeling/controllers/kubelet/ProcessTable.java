package io.kubeling.controllers.kubelet;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.IntPredicate;

/**
 * The processes a container instance runs beside its main process (PID 1): each exec session, with
 * the PID it gets, its command line, and what a signal sent to it does. PIDs grow as a runtime's do,
 * each exec taking a few (its runc helpers took the ones between).
 */
final class ProcessTable {

    private static final int PIDS_PER_EXEC = 6;

    /** One process: {@code signal} delivers a signal and says whether the process took it. */
    record Entry(int pid, int generation, String command, IntPredicate signal) {
    }

    private final Map<Integer, Entry> entries = new TreeMap<>();
    private int last = 1;

    /** Registers a process of the instance {@code generation}; its PID. */
    synchronized int add(int generation, String command, IntPredicate signal) {
        last += PIDS_PER_EXEC;
        entries.put(last, new Entry(last, generation, command, signal));
        return last;
    }

    synchronized void remove(int pid) {
        entries.remove(pid);
    }

    /** The instance's processes, by PID. */
    synchronized List<Entry> list(int generation) {
        List<Entry> out = new ArrayList<>();
        for (Entry e : entries.values()) {
            if (e.generation() == generation) {
                out.add(e);
            }
        }
        return out;
    }

    synchronized Entry find(int pid, int generation) {
        Entry e = entries.get(pid);
        return e != null && e.generation() == generation ? e : null;
    }

    /** The next PID, which a command the shell runs now (ps) would get. */
    synchronized int next() {
        return last + 1;
    }
}
