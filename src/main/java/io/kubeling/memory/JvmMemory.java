package io.kubeling.memory;

/** What the server asks of the JVM about its own memory, behind an interface so that the policy is tested apart. */
interface JvmMemory {

    /** The process's CPU time, a monotonic wall time and the heap the collector has committed. */
    record Sample(long cpuNanos, long wallNanos, long heapCommitted) {
    }

    Sample sample();

    /**
     * Sets how much of the heap the collector keeps free after a full collection, each ratio only if the command
     * line left it at its default; returns what was set, for the log.
     */
    String keepFreeRatiosUnlessSet(int minFreePercent, int maxFreePercent);

    /** Full collections until the collector has sized the heap by those ratios. */
    void collect();

    /** Gives the C heap's free memory back to the operating system where the JVM can; returns its report. */
    String trimNativeHeap();
}
