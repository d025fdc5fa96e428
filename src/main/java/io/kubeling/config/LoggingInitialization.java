package io.kubeling.config;

import java.util.concurrent.locks.ReentrantLock;

import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.boot.context.event.ApplicationFailedEvent;
import org.springframework.boot.context.logging.LoggingApplicationListener;
import org.springframework.context.ApplicationEvent;
import org.springframework.context.event.GenericApplicationListener;
import org.springframework.core.ResolvableType;

/**
 * Spring Boot initialises the JVM's one logging system (Logback's context, whose properties are a plain map) when an
 * application's environment is ready. Servers started at once in one JVM, as parallel test classes start them, would
 * initialise it together and fail on each other's changes; these two listeners, on either side of Boot's own, let one
 * start at a time through that step.
 */
final class LoggingInitialization {

    private static final ReentrantLock LOCK = new ReentrantLock();

    private LoggingInitialization() {
    }

    /** Takes the lock just before Boot's logging listener initialises the logging system. */
    static final class Before implements GenericApplicationListener {

        @Override
        public boolean supportsEventType(ResolvableType eventType) {
            return ApplicationEnvironmentPreparedEvent.class.isAssignableFrom(eventType.toClass());
        }

        @Override
        public void onApplicationEvent(ApplicationEvent event) {
            LOCK.lock();
        }

        @Override
        public int getOrder() {
            return LoggingApplicationListener.DEFAULT_ORDER - 1;
        }
    }

    /** Gives the lock back just after, or when the start failed in between. */
    static final class After implements GenericApplicationListener {

        @Override
        public boolean supportsEventType(ResolvableType eventType) {
            Class<?> type = eventType.toClass();
            return ApplicationEnvironmentPreparedEvent.class.isAssignableFrom(type)
                    || ApplicationFailedEvent.class.isAssignableFrom(type);
        }

        @Override
        public void onApplicationEvent(ApplicationEvent event) {
            if (LOCK.isHeldByCurrentThread()) {
                LOCK.unlock();
            }
        }

        @Override
        public int getOrder() {
            return LoggingApplicationListener.DEFAULT_ORDER + 1;
        }
    }
}
