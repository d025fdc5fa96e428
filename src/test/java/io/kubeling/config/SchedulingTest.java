package io.kubeling.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.scheduling.annotation.ScheduledAnnotationBeanPostProcessor;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;

class SchedulingTest {

    static class Ticking {
        final CountDownLatch ticks = new CountDownLatch(2);

        @Scheduled(fixedDelay = 10, timeUnit = TimeUnit.MILLISECONDS)
        void tick() {
            ticks.countDown();
        }
    }

    static class Inheriting extends Ticking {
    }

    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.METHOD)
    @Scheduled(fixedDelay = 10, timeUnit = TimeUnit.MILLISECONDS)
    @interface EveryTenMilliseconds {
    }

    static class Composed {
        @EveryTenMilliseconds
        void tick() {
        }
    }

    interface TicksByDefault {
        @Scheduled(fixedDelay = 10, timeUnit = TimeUnit.MILLISECONDS)
        default void tick() {
        }
    }

    static class Implementing implements TicksByDefault {
    }

    interface TicksByItsParent extends TicksByDefault {
    }

    static class ImplementingTheChild implements TicksByItsParent {
    }

    static class Repeated {
        @Scheduled(fixedDelay = 10, timeUnit = TimeUnit.MILLISECONDS)
        @Scheduled(fixedDelay = 20, timeUnit = TimeUnit.MILLISECONDS)
        void tick() {
        }
    }

    static class Idle {
        @Deprecated
        void annotatedButNotScheduled() {
        }

        void nothingScheduled() {
        }
    }

    @Test
    void knowsTheClassesThatDeclareOrInheritScheduledMethods() throws Exception {
        assertThat(Scheduling.ScheduledWhereDeclared.declaresScheduledMethods(Ticking.class)).isTrue();
        assertThat(Scheduling.ScheduledWhereDeclared.declaresScheduledMethods(Inheriting.class)).isTrue();
        assertThat(Scheduling.ScheduledWhereDeclared.declaresScheduledMethods(Class.forName("io.kubeling.storage.FileCompactor"))).isTrue();
        assertThat(Scheduling.ScheduledWhereDeclared.declaresScheduledMethods(Class.forName("io.kubeling.storage.HistoryCompactor"))).isTrue();
        assertThat(Scheduling.ScheduledWhereDeclared.declaresScheduledMethods(Class.forName("io.kubeling.resources.events.EventExpiry"))).isTrue();
        assertThat(Scheduling.ScheduledWhereDeclared.declaresScheduledMethods(Composed.class)).isTrue();
        assertThat(Scheduling.ScheduledWhereDeclared.declaresScheduledMethods(Implementing.class)).isTrue();
        assertThat(Scheduling.ScheduledWhereDeclared.declaresScheduledMethods(ImplementingTheChild.class)).isTrue();
        assertThat(Scheduling.ScheduledWhereDeclared.declaresScheduledMethods(Repeated.class)).isTrue();
        assertThat(Scheduling.ScheduledWhereDeclared.declaresScheduledMethods(Idle.class)).isFalse();
        assertThat(Scheduling.ScheduledWhereDeclared.declaresScheduledMethods(Object.class)).isFalse();
    }

    @Test
    void runsTheScheduledMethodsOfEveryContextInTheJvm() throws Exception {
        for (int context = 0; context < 2; context++) {
            try (AnnotationConfigApplicationContext spring = new AnnotationConfigApplicationContext()) {
                spring.register(Scheduling.class, Ticking.class, Inheriting.class, Idle.class);
                spring.registerBean("taskScheduler", ThreadPoolTaskScheduler.class);
                spring.refresh();
                assertThat(spring.getBean("schedulingTest.Ticking", Ticking.class).ticks.await(5, TimeUnit.SECONDS)).isTrue();
                assertThat(spring.getBean(Inheriting.class).ticks.await(5, TimeUnit.SECONDS)).isTrue();
                ScheduledAnnotationBeanPostProcessor processor = spring.getBean(ScheduledAnnotationBeanPostProcessor.class);
                assertThat(processor).isInstanceOf(Scheduling.ScheduledWhereDeclared.class);
                assertThat(processor.getScheduledTasks()).hasSize(2);
            }
        }
    }
}
