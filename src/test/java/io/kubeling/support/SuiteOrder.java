package io.kubeling.support;

import java.util.Comparator;

import org.junit.jupiter.api.ClassDescriptor;
import org.junit.jupiter.api.ClassOrderer;
import org.junit.jupiter.api.ClassOrdererContext;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

/**
 * The order the suite's classes start in, so that the slow ones start first and the classes that have the
 * shared server to themselves do not stop the others halfway through. Classes marked to run concurrently are
 * handed to the other threads first, in this order, those with no part in the shared server (a server of their
 * own in another JVM, killed and restarted for minutes) before those on it; the main thread meanwhile runs the
 * classes that share the server or need none, and last those that have the server to themselves
 * ({@link SharedServerLocks}). Such a class waits until no other class is on the server; placed among the others
 * it would hold back every class behind it until the longest one running had ended, each time.
 */
public final class SuiteOrder implements ClassOrderer {

    @Override
    public void orderClasses(ClassOrdererContext context) {
        context.getClassDescriptors().sort(Comparator.comparingInt(SuiteOrder::rank));
    }

    private static int rank(ClassDescriptor descriptor) {
        boolean concurrent = descriptor.findAnnotation(Execution.class)
                .map(e -> e.value() == ExecutionMode.CONCURRENT).orElse(false);
        boolean onTheServer = descriptor.isAnnotated(KubelingTest.class);
        if (concurrent) {
            return onTheServer ? 1 : 0;
        }
        return onTheServer && SharedServerLocks.exclusive(descriptor.getTestClass()) ? 3 : 2;
    }
}
