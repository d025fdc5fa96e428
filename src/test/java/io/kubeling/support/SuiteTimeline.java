package io.kubeling.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.support.descriptor.ClassSource;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;

/**
 * When each test class started and ended, and on which thread, written to target/suite-timeline.txt: what
 * ran alongside what, and which thread the suite waited for, which the reports' times alone do not tell; and
 * where the JVM's CPU went, to target/suite-cpu.txt ({@link SuiteCpu}).
 */
public final class SuiteTimeline implements TestExecutionListener {

    private record Run(long start, String thread) {
    }

    private final Map<String, Run> running = new ConcurrentHashMap<>();
    private final List<String> lines = new ArrayList<>();
    private long origin;

    @Override
    public void testPlanExecutionStarted(TestPlan testPlan) {
        origin = System.nanoTime();
    }

    @Override
    public void executionStarted(TestIdentifier identifier) {
        if (isClass(identifier)) {
            running.put(identifier.getUniqueId(), new Run(System.nanoTime(), Thread.currentThread().getName()));
        }
    }

    @Override
    public void executionFinished(TestIdentifier identifier, TestExecutionResult result) {
        Run run = running.remove(identifier.getUniqueId());
        if (run == null) {
            return;
        }
        long end = System.nanoTime();
        String line = "%7.1f %7.1f %6.1f %-24s %s".formatted(seconds(run.start - origin), seconds(end - origin),
                seconds(end - run.start), run.thread, ((ClassSource) identifier.getSource().orElseThrow()).getClassName());
        synchronized (lines) {
            lines.add(line);
        }
    }

    @Override
    public void testPlanExecutionFinished(TestPlan testPlan) {
        List<String> sorted;
        synchronized (lines) {
            sorted = new ArrayList<>(lines);
        }
        sorted.sort(null);
        sorted.add(0, "  start     end   time thread                   class");
        try {
            Path target = Path.of("target");
            if (Files.isDirectory(target)) {
                Files.write(target.resolve("suite-timeline.txt"), sorted);
                Files.write(target.resolve("suite-cpu.txt"), SuiteCpu.report());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean isClass(TestIdentifier identifier) {
        return identifier.isContainer() && identifier.getSource().filter(ClassSource.class::isInstance).isPresent()
                && identifier.getParentId().isPresent();
    }

    private static double seconds(long nanos) {
        return nanos / 1e9;
    }
}
