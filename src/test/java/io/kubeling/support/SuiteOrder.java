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
 * order: first those marked {@link StartsEarly}, then the longest first, as a run of the suite timed them
 * (suite-durations.txt, from target/suite-timeline.txt), so that the suite does not end waiting for one long
 * class that started late. The thread that starts the suite meanwhile runs the classes that run one at a time:
 * those on the first shared server, then those that have a shared server to themselves, which take the second
 * one ({@link SharedServers}) in turn and so wait for no class on the first, and last those that read the log,
 * which wait for every running class with a server of its own ({@link ServerOfItsOwn}): by then those have ended.
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
            return descriptor.isAnnotated(StartsEarly.class) ? 0 : 1;
        }
        if (SharedServerLocks.readsTheLog(descriptor.getTestClass())) {
            return 4;
        }
        boolean onTheServer = descriptor.isAnnotated(KubelingTest.class);
        return onTheServer && SharedServerLocks.exclusive(descriptor.getTestClass()) ? 3 : 2;
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
