package io.kubeling.memory;

/**
 * When to give memory back: at a check on which the process used under {@code idleCpuShare} of one core since the
 * check before (idle, as JEP 346's periodic collection of G1 asks of the system's load) and the heap the collector
 * holds has grown by {@code growthBytes} or more since the last time memory was given back (the first idle check
 * after the start gives it back once). A busy server is left alone, and so is an idle one whose heap has not grown,
 * so an idle server pays for one full collection after each burst of work.
 */
final class IdleCollection {

    private final double idleCpuShare;
    private final long growthBytes;
    private JvmMemory.Sample last;
    private long committedAfterCollection = -1;

    IdleCollection(double idleCpuShare, long growthBytes) {
        this.idleCpuShare = idleCpuShare;
        this.growthBytes = growthBytes;
    }

    /** Whether to collect now, given this check's sample; the first sample only sets the baseline. */
    boolean shouldCollect(JvmMemory.Sample now) {
        JvmMemory.Sample before = last;
        last = now;
        if (before == null || now.wallNanos() <= before.wallNanos()) {
            return false;
        }
        double cpuShare = (double) (now.cpuNanos() - before.cpuNanos()) / (now.wallNanos() - before.wallNanos());
        boolean grown = committedAfterCollection < 0 || now.heapCommitted() - committedAfterCollection >= growthBytes;
        return cpuShare < idleCpuShare && grown;
    }

    /** After a collection: its own CPU is not the server's work, and the heap it left is the new baseline. */
    void collected(JvmMemory.Sample after) {
        last = after;
        committedAfterCollection = after.heapCommitted();
    }
}
