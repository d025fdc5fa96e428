package io.kubeling.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.sun.management.HotSpotDiagnosticMXBean;
import com.sun.management.VMOption;

/** Against this test JVM's own management beans; the ratios are put back as they were. */
class HotSpotMemoryTest {

    private final HotSpotDiagnosticMXBean diagnostic = ManagementFactory.getPlatformMXBean(
            HotSpotDiagnosticMXBean.class);
    private final List<String> collections = new ArrayList<>();
    // no real collection: shrinking the heap of the JVM that runs the suite would slow every test after this one
    private final HotSpotMemory memory = new HotSpotMemory(() -> collections.add(
            diagnostic.getVMOption("MinHeapFreeRatio").getValue() + "/"
                    + diagnostic.getVMOption("MaxHeapFreeRatio").getValue()));
    @Test
    void samplesTheProcessCpuAndTheCommittedHeap() {
        JvmMemory.Sample first = memory.sample();
        JvmMemory.Sample second = memory.sample();

        assertThat(first.cpuNanos()).isPositive();
        assertThat(first.heapCommitted()).isPositive();
        assertThat(second.wallNanos()).isGreaterThanOrEqualTo(first.wallNanos());
    }

    @Test
    void collectsWithTheRatiosAskedThenPutsTheJvmsBack() {
        VMOption min = diagnostic.getVMOption("MinHeapFreeRatio");
        VMOption max = diagnostic.getVMOption("MaxHeapFreeRatio");
        assumeTrue(min.getOrigin() == VMOption.Origin.DEFAULT && max.getOrigin() == VMOption.Origin.DEFAULT,
                "ratios set on this JVM's command line");

        assertThat(memory.collect(10, 30)).isEqualTo("MinHeapFreeRatio=10 MaxHeapFreeRatio=30");

        assertThat(collections).isNotEmpty().containsOnly("10/30");
        assertThat(diagnostic.getVMOption("MinHeapFreeRatio").getValue()).isEqualTo(min.getValue());
        assertThat(diagnostic.getVMOption("MaxHeapFreeRatio").getValue()).isEqualTo(max.getValue());
    }

    @Test
    void trimsTheCHeapOnLinux() {
        assumeTrue(System.getProperty("os.name").startsWith("Linux"), "glibc's malloc_trim");
        assumeTrue(Runtime.version().compareToIgnoreOptional(Runtime.Version.parse("17.0.9")) >= 0,
                "System.trim_native_heap came with 17.0.9");

        assertThat(memory.trimNativeHeap()).startsWith("Trim native heap");
    }
}
