package io.kubeling.controllers;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.ThreadFactory;

import org.junit.jupiter.api.Test;

class DaemonThreadsTest {

    @Test
    void namedThreadsAllCarryTheNameAndHoldNoJvmUp() {
        ThreadFactory factory = DaemonThreads.named("event-recorder");
        Thread first = factory.newThread(() -> { });
        Thread second = factory.newThread(() -> { });
        assertThat(first.getName()).isEqualTo("event-recorder");
        assertThat(second.getName()).isEqualTo("event-recorder");
        assertThat(first.isDaemon()).isTrue();
    }

    @Test
    void numberedThreadsCountFromOne() {
        ThreadFactory factory = DaemonThreads.numbered("scheduler-binder");
        assertThat(factory.newThread(() -> { }).getName()).isEqualTo("scheduler-binder-1");
        Thread second = factory.newThread(() -> { });
        assertThat(second.getName()).isEqualTo("scheduler-binder-2");
        assertThat(second.isDaemon()).isTrue();
    }
}
