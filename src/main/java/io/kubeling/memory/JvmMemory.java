package io.kubeling.memory;

/** What the server asks of the JVM about its own memory, behind an interface so that the policy is tested apart. */
interface JvmMemory {

    /** The process's CPU time, a monotonic wall time and the heap the collector has committed. */
    record Sample(long cpuNanos, long wallNanos, long heapCommitted) {
    }

    Sample sample();

    /**
     * Full collections until the collector has sized the heap keeping between {@code minFreePercent} and
     * {@code maxFreePercent} of it free, each ratio only where the command line left it at its default; the ratios
     * are the JVM's own again afterwards, so that the collections of a busy server size the heap for throughput.
     * Returns the ratios the collections ran with, for the log.
     */
    String collect(int minFreePercent, int maxFreePercent);

    /** Gives the C heap's free memory back to the operating system where the JVM can; returns its report. */
    String trimNativeHeap();
}
