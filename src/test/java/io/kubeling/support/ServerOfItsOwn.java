package io.kubeling.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.api.parallel.ResourceAccessMode;
import org.junit.jupiter.api.parallel.ResourceLock;

/**
 * A class that starts Spring applications of its own in the tests' JVM: it runs alongside the others, its own
 * servers on their own databases and data directories, but never beside a class that reads the log
 * ({@link SharedServerLocks#readsTheLog}), since each start reconfigures the JVM's one logging system.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Execution(ExecutionMode.CONCURRENT)
@ResourceLock(value = ServerOfItsOwn.LOGGING, mode = ResourceAccessMode.READ)
public @interface ServerOfItsOwn {

    /** The JVM's logging system: read by the classes that check the log, reconfigured by each start. */
    String LOGGING = "io.kubeling.logging";
}
