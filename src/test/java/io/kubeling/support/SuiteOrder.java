package io.kubeling.support;

import java.util.Comparator;

import org.junit.jupiter.api.ClassDescriptor;
import org.junit.jupiter.api.ClassOrderer;
import org.junit.jupiter.api.ClassOrdererContext;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

/**
 * The order the suite's classes start in. Classes that run concurrently are handed to the other threads in this
 * order: first those marked {@link StartsEarly}, then those on the shared server (the end-to-end classes, which
 * take longest), which must all have ended before a class that has the server to itself can start, then the
 * Spring-free classes, which can run beside that one. The thread that starts the suite meanwhile runs the
 * classes that run one at a time: those on the shared server or with a server of their own in the JVM, and last
 * those that have the shared server to themselves ({@link SharedServerLocks}). Such a class waits until no other
 * class is on the server; placed among the others it would hold back every class behind it until the longest
 * one running had ended, each time.
 */
public final class SuiteOrder implements ClassOrderer {

    @Override
    public void orderClasses(ClassOrdererContext context) {
        boolean concurrentByDefault = context.getConfigurationParameter(
                "junit.jupiter.execution.parallel.mode.classes.default").map("concurrent"::equalsIgnoreCase)
                .orElse(false);
        context.getClassDescriptors().sort(Comparator.comparingInt(d -> rank(d, concurrentByDefault)));
    }

    private static int rank(ClassDescriptor descriptor, boolean concurrentByDefault) {
        boolean concurrent = descriptor.findAnnotation(Execution.class)
                .map(e -> e.value() == ExecutionMode.CONCURRENT).orElse(concurrentByDefault);
        boolean onTheServer = descriptor.isAnnotated(KubelingTest.class);
        if (concurrent) {
            if (descriptor.isAnnotated(StartsEarly.class)) {
                return 0;
            }
            return onTheServer ? 1 : 2;
        }
        return onTheServer && SharedServerLocks.exclusive(descriptor.getTestClass()) ? 4 : 3;
    }
}
