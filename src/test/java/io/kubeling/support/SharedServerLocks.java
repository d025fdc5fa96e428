package io.kubeling.support;

import java.util.Set;

import org.junit.jupiter.api.parallel.ResourceAccessMode;
import org.junit.jupiter.api.parallel.ResourceLocksProvider;

/**
 * Who may run alongside whom on the one shared server. A class on it runs its methods one after another and
 * relies on the server's shared state (nodes Ready and schedulable, history not compacted under its watches),
 * so classes marked to run concurrently share the server; a class marked {@link AloneOnTheServer}, or one that
 * drives the simulation's controllers, has the server to itself.
 */
public final class SharedServerLocks implements ResourceLocksProvider {

    static final String STATE = "io.kubeling.shared-server";

    @Override
    public Set<Lock> provideForClass(Class<?> testClass) {
        return Set.of(new Lock(STATE, exclusive(testClass) ? ResourceAccessMode.READ_WRITE : ResourceAccessMode.READ));
    }

    /** Whether a class on the shared server has it to itself. */
    static boolean exclusive(Class<?> testClass) {
        return testClass.isAnnotationPresent(AloneOnTheServer.class)
                || testClass.getPackageName().startsWith("io.kubeling.controllers");
    }
}
