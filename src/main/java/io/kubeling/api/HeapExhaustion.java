package io.kubeling.api;

import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.annotation.PreDestroy;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Whether the heap has run out. After an OutOfMemoryError nothing is sure to work again (the embedded
 * database closes itself, a thread that died holds no work), so from then on the health endpoints fail
 * and a supervisor restarts the process, rather than it answering every write with a 500 while it
 * claims to be healthy. Errors are noticed where requests fail and where any thread dies of one.
 */
@Component
class HeapExhaustion {

    private static final Logger log = LoggerFactory.getLogger(HeapExhaustion.class);

    private final AtomicBoolean exhausted = new AtomicBoolean();
    private final Thread.UncaughtExceptionHandler previous;
    private final Thread.UncaughtExceptionHandler handler;

    HeapExhaustion() {
        previous = Thread.getDefaultUncaughtExceptionHandler();
        handler = (thread, e) -> {
            notice(e);
            // types and frames only: a message may quote an object, and objects hold secrets
            Throwable shown = StatusErrorHandler.withoutMessages(e);
            if (previous != null) {
                previous.uncaughtException(thread, shown);
            } else {
                // as the JVM reports it with no handler; the thread group would call this handler again
                System.err.print("Exception in thread \"" + thread.getName() + "\" ");
                shown.printStackTrace(System.err);
            }
        };
        Thread.setDefaultUncaughtExceptionHandler(handler);
    }

    boolean exhausted() {
        return exhausted.get();
    }

    /** Records an OutOfMemoryError among the causes of {@code failure}; whether there was one. */
    boolean notice(Throwable failure) {
        Throwable t = failure;
        for (int depth = 0; t != null && depth < 32; depth++, t = t.getCause()) {
            if (t instanceof OutOfMemoryError) {
                if (exhausted.compareAndSet(false, true)) {
                    log.error("the heap ran out: /livez and /readyz fail from now on, restart the server", t);
                }
                return true;
            }
        }
        return false;
    }

    @PreDestroy
    void uninstall() {
        if (Thread.getDefaultUncaughtExceptionHandler() == handler) {
            Thread.setDefaultUncaughtExceptionHandler(previous);
        }
    }
}
