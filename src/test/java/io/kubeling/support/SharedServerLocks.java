package io.kubeling.support;

import java.util.Arrays;
import java.util.Set;

import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.parallel.ResourceAccessMode;
import org.junit.jupiter.api.parallel.ResourceLocksProvider;
import org.junit.platform.commons.support.AnnotationSupport;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * Who may run alongside whom on the shared servers. A class on one runs its methods one after another and
 * relies on the server's shared state (nodes Ready and schedulable, history not compacted under its watches),
 * so classes marked to run concurrently share the first server; a class marked {@link AloneOnTheServer}, or one
 * that drives the simulation's controllers, has the second server to itself ({@link SharedServers}).
 */
public final class SharedServerLocks implements ResourceLocksProvider {

    static final String STATE = "io.kubeling.shared-server";
    static final String ALONE = "io.kubeling.shared-server.alone";

    @Override
    public Set<Lock> provideForClass(Class<?> testClass) {
        Lock server = exclusive(testClass) ? new Lock(ALONE, ResourceAccessMode.READ_WRITE)
                : new Lock(STATE, ResourceAccessMode.READ);
        return readsTheLog(testClass)
                ? Set.of(server, new Lock(ServerOfItsOwn.LOGGING, ResourceAccessMode.READ_WRITE))
                : Set.of(server);
    }

    /** Whether a class checks what the log holds, which no start of a server of its own may reconfigure meanwhile. */
    static boolean readsTheLog(Class<?> testClass) {
        return AnnotationSupport.findRepeatableAnnotations(testClass, ExtendWith.class).stream()
                .anyMatch(extension -> Arrays.asList(extension.value()).contains(OutputCaptureExtension.class));
    }

    /** Whether a class on a shared server has it to itself: the second one. */
    static boolean exclusive(Class<?> testClass) {
        // a nested class is on its enclosing class's server
        for (Class<?> type = testClass; type != null; type = type.getEnclosingClass()) {
            if (type.isAnnotationPresent(AloneOnTheServer.class)) {
                return true;
            }
        }
        return testClass.getPackageName().startsWith("io.kubeling.controllers");
    }
}
