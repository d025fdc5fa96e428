package io.kubeling.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.bootstrap.DefaultBootstrapContext;
import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.boot.context.event.ApplicationFailedEvent;
import org.springframework.boot.context.logging.LoggingApplicationListener;
import org.springframework.context.ApplicationListener;
import org.springframework.core.annotation.AnnotationAwareOrderComparator;
import org.springframework.core.env.StandardEnvironment;

import io.kubeling.KubelingApplication;

class LoggingInitializationTest {

    private final SpringApplication application = new SpringApplication(KubelingApplication.class);
    private final ApplicationEnvironmentPreparedEvent prepared = new ApplicationEnvironmentPreparedEvent(
            new DefaultBootstrapContext(), application, new String[0], new StandardEnvironment());

    @Test
    void everyStartOfTheServerHasBootsLoggingListenerBetweenTheLockAndItsRelease() {
        List<ApplicationListener<?>> listeners = application.getListeners().stream()
                .sorted(AnnotationAwareOrderComparator.INSTANCE).toList();
        List<Class<?>> order = listeners.stream()
                .filter(listener -> listener instanceof LoggingInitialization.Before
                        || listener instanceof LoggingApplicationListener
                        || listener instanceof LoggingInitialization.After)
                .<Class<?>>map(Object::getClass).toList();

        assertThat(order).containsExactly(LoggingInitialization.Before.class, LoggingApplicationListener.class,
                LoggingInitialization.After.class);
    }

    @Test
    void aSecondStartWaitsUntilTheFirstHasInitialisedLogging() throws Exception {
        LoggingInitialization.Before before = new LoggingInitialization.Before();
        LoggingInitialization.After after = new LoggingInitialization.After();
        before.onApplicationEvent(prepared);

        CompletableFuture<Void> second = CompletableFuture.runAsync(() -> {
            before.onApplicationEvent(prepared);
            after.onApplicationEvent(prepared);
        });
        Thread.sleep(200);
        assertThat(second).isNotDone();

        after.onApplicationEvent(prepared);
        second.get(5, TimeUnit.SECONDS);
    }

    @Test
    void aStartThatFailsWhileInitialisingLoggingLetsTheNextOneThrough() throws Exception {
        LoggingInitialization.Before before = new LoggingInitialization.Before();
        LoggingInitialization.After after = new LoggingInitialization.After();
        before.onApplicationEvent(prepared);
        after.onApplicationEvent(new ApplicationFailedEvent(application, new String[0], null,
                new IllegalStateException("logging failed")));

        CompletableFuture<Void> next = CompletableFuture.runAsync(() -> {
            before.onApplicationEvent(prepared);
            after.onApplicationEvent(prepared);
        });
        next.get(5, TimeUnit.SECONDS);
        assertThat(next).isCompletedWithValue(null);
    }
}
