package io.kubeling.support;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.ClassDescriptor;
import org.junit.jupiter.api.ClassOrderer;
import org.junit.jupiter.api.ClassOrdererContext;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

/**
 * The order the suite's classes start in. Classes that run concurrently are handed to the other threads in this
 * order: first those marked {@link StartsEarly}, then those with servers of their own ({@link ServerOfItsOwn}),
 * then the others; within each, the longest first, as a run of the suite timed them (suite-durations.txt, from
 * target/suite-timeline.txt), so that the suite does not end waiting for one long class that started late. The
 * thread that starts the suite meanwhile runs the classes that run one at a time: those on the first shared
 * server, then those that have a shared server to themselves, which take the second one ({@link SharedServers})
 * in turn and so wait for no class on the first, and last those that read the log, which no start of a server
 * of its own may overlap: by then those have all started and ended, and none waits for them.
 */
public final class SuiteOrder implements ClassOrderer {

    private static final Map<String, Double> SECONDS = durations();

    @Override
    public void orderClasses(ClassOrdererContext context) {
        boolean concurrentByDefault = context.getConfigurationParameter(
                "junit.jupiter.execution.parallel.mode.classes.default").map("concurrent"::equalsIgnoreCase)
                .orElse(false);
        context.getClassDescriptors().sort(Comparator.<ClassDescriptor>comparingInt(d -> rank(d, concurrentByDefault))
                .thenComparing(d -> -SECONDS.getOrDefault(d.getTestClass().getName(), 0.0)));
    }

    private static int rank(ClassDescriptor descriptor, boolean concurrentByDefault) {
        boolean concurrent = descriptor.findAnnotation(Execution.class)
                .map(e -> e.value() == ExecutionMode.CONCURRENT).orElse(concurrentByDefault);
        if (concurrent) {
            if (descriptor.isAnnotated(StartsEarly.class)) {
                return 0;
            }
            return descriptor.isAnnotated(ServerOfItsOwn.class) ? 1 : 2;
        }
        if (SharedServerLocks.readsTheLog(descriptor.getTestClass())) {
            return 5;
        }
        boolean onTheServer = descriptor.isAnnotated(KubelingTest.class);
        return onTheServer && SharedServerLocks.exclusive(descriptor.getTestClass()) ? 4 : 3;
    }

    private static Map<String, Double> durations() {
        Map<String, Double> seconds = new HashMap<>();
        try (InputStream in = SuiteOrder.class.getResourceAsStream("/suite-durations.txt")) {
            if (in == null) {
                return seconds;
            }
            new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).lines()
                    .filter(line -> !line.isBlank() && !line.startsWith("#")).map(line -> line.trim().split("\\s+"))
                    .forEach(fields -> seconds.put(fields[1], Double.parseDouble(fields[0])));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return seconds;
    }
}
