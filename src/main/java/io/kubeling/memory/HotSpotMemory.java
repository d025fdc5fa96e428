package io.kubeling.memory;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;

import javax.management.JMException;
import javax.management.ObjectName;

import com.sun.management.HotSpotDiagnosticMXBean;
import com.sun.management.OperatingSystemMXBean;
import com.sun.management.VMOption;

/** {@link JvmMemory} through the platform's management beans, as {@code jcmd} would do it from outside. */
final class HotSpotMemory implements JvmMemory {

    private static final String MIN_FREE = "MinHeapFreeRatio";
    private static final String MAX_FREE = "MaxHeapFreeRatio";
    /** Whether the command line left each ratio at its default, read before this class ever changes one. */
    private static final boolean MIN_FREE_AT_START = atDefault(MIN_FREE);
    private static final boolean MAX_FREE_AT_START = atDefault(MAX_FREE);

    private final OperatingSystemMXBean os = ManagementFactory.getPlatformMXBean(OperatingSystemMXBean.class);
    private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    private final HotSpotDiagnosticMXBean diagnostic = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
    private final Runnable fullCollection;

    HotSpotMemory() {
        this(Runtime.getRuntime()::gc);
    }

    /** With {@code fullCollection} in place of {@code System.gc()}, for a test whose JVM must keep its heap. */
    HotSpotMemory(Runnable fullCollection) {
        this.fullCollection = fullCollection;
    }

    private static boolean atDefault(String option) {
        return ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class).getVMOption(option).getOrigin()
                == VMOption.Origin.DEFAULT;
    }

    @Override
    public Sample sample() {
        return new Sample(os.getProcessCpuTime(), System.nanoTime(), memory.getHeapMemoryUsage().getCommitted());
    }

    @Override
    public String collect(int minFreePercent, int maxFreePercent) {
        VMOption min = diagnostic.getVMOption(MIN_FREE);
        VMOption max = diagnostic.getVMOption(MAX_FREE);
        int newMin = MIN_FREE_AT_START ? minFreePercent : Integer.parseInt(min.getValue());
        int newMax = MAX_FREE_AT_START ? maxFreePercent : Integer.parseInt(max.getValue());
        boolean tighten = (MIN_FREE_AT_START || MAX_FREE_AT_START) && newMin <= newMax;
        if (tighten) {
            // the JVM checks min <= max at each change: lower the minimum before the maximum
            diagnostic.setVMOption(MIN_FREE, Integer.toString(newMin));
            diagnostic.setVMOption(MAX_FREE, Integer.toString(newMax));
        }
        try {
            collectUntilSized();
        } finally {
            if (tighten) {
                // and raise the maximum before the minimum
                diagnostic.setVMOption(MAX_FREE, max.getValue());
                diagnostic.setVMOption(MIN_FREE, min.getValue());
            }
        }
        return tighten ? MIN_FREE + "=" + newMin + " " + MAX_FREE + "=" + newMax
                : "left as set: " + MIN_FREE + "=" + min.getValue() + " " + MAX_FREE + "=" + max.getValue();
    }

    /**
     * With {@code ShrinkHeapInSteps} (the default) the serial and parallel collectors give back none of the old
     * generation's excess at the first full collection in a row, a tenth at the second, 40% at the third and all of
     * it at the fourth, so that a program calling {@code System.gc()} between phases does not have to grow the heap
     * again: four in a row, then.
     */
    private void collectUntilSized() {
        int collections = Boolean.parseBoolean(diagnostic.getVMOption("ShrinkHeapInSteps").getValue()) ? 4 : 1;
        for (int i = 0; i < collections; i++) {
            fullCollection.run();
        }
    }

    @Override
    public String trimNativeHeap() {
        try {
            Object report = ManagementFactory.getPlatformMBeanServer().invoke(
                    new ObjectName("com.sun.management:type=DiagnosticCommand"), "systemTrimNativeHeap",
                    new Object[] {new String[0]}, new String[] {String[].class.getName()});
            return String.valueOf(report).trim();
        } catch (JMException | RuntimeException e) {
            // a JVM without the command (before 17.0.9) or a C library without malloc_trim
            return "not available: " + e;
        }
    }
}
