package io.kubeling.controllers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.kubeling.support.ManualClock;

class SimulatedTimeTest {

    private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");

    private final ExecutorService worker = Executors.newSingleThreadExecutor();
    private final List<String> ran = new CopyOnWriteArrayList<>();

    @AfterEach
    void stop() {
        worker.shutdownNow();
    }

    @Test
    void aStoppedClockMovesOnlyWhenAdvancedAndRunsWhatFallsDueInOrderAtItsOwnInstant() throws Exception {
        SimulatedTime time = new SimulatedTime(Clock.fixed(START, java.time.ZoneOffset.UTC), 0);
        time.schedule(Duration.ofSeconds(20), worker, () -> ran.add("b@" + time.now()));
        time.schedule(Duration.ofSeconds(10), worker, () -> ran.add("a@" + time.now()));
        Thread.sleep(50);
        assertThat(ran).isEmpty();
        assertThat(time.now()).isEqualTo(START);

        time.advance(Duration.ofSeconds(15));
        assertThat(ran).containsExactly("a@2026-01-01T00:00:10Z");
        assertThat(time.now()).isEqualTo(START.plusSeconds(15));

        time.advance(Duration.ofSeconds(5));
        assertThat(ran).containsExactly("a@2026-01-01T00:00:10Z", "b@2026-01-01T00:00:20Z");
        time.close();
    }

    @Test
    void whatADeadlineSchedulesWithinTheSpanRunsInTheSameAdvance() {
        SimulatedTime time = new SimulatedTime(Clock.fixed(START, java.time.ZoneOffset.UTC), 0);
        Runnable[] backOff = new Runnable[1];
        backOff[0] = () -> {
            ran.add(time.now().toString());
            time.schedule(Duration.ofSeconds(10L * ran.size()), worker, backOff[0]);
        };
        time.schedule(Duration.ofSeconds(10), worker, backOff[0]);

        time.advance(Duration.ofMinutes(1));

        assertThat(ran).containsExactly("2026-01-01T00:00:10Z", "2026-01-01T00:00:20Z", "2026-01-01T00:00:40Z");
        assertThat(time.pending()).isEqualTo(1);
        time.close();
    }

    @Test
    void periodicWorkRunsOncePerPeriodPassedAndStopsWhenCancelled() {
        SimulatedTime time = new SimulatedTime(Clock.fixed(START, java.time.ZoneOffset.UTC), 0);
        SimulatedTime.Cancellable beat = time.every(Duration.ofSeconds(10), worker, () -> ran.add("beat"));

        time.advance(Duration.ofSeconds(35));
        assertThat(ran).hasSize(3);

        beat.cancel();
        time.advance(Duration.ofMinutes(5));
        assertThat(ran).hasSize(3);
        assertThat(time.pending()).isZero();
        time.close();
    }

    @Test
    void aRunningClockFiresOnItsOwnAndJumpsWhenAdvanced() throws Exception {
        ManualClock base = new ManualClock(START);
        SimulatedTime time = new SimulatedTime(base, 1.0);
        java.util.concurrent.CountDownLatch fired = new java.util.concurrent.CountDownLatch(1);
        time.schedule(Duration.ofMillis(1), worker, fired::countDown);
        base.advance(Duration.ofSeconds(1));
        assertThat(fired.await(5, java.util.concurrent.TimeUnit.SECONDS)).isTrue();

        time.schedule(Duration.ofHours(1), worker, () -> ran.add("later"));
        time.advance(Duration.ofHours(1));
        assertThat(ran).containsExactly("later");
        assertThat(time.now()).isEqualTo(START.plusSeconds(1).plus(Duration.ofHours(1)));
        time.close();
    }

    @Test
    void aDeadlineLessThanAMillisecondAwayIsWaitedForRatherThanPolled() {
        assertThat(SimulatedTime.untilMillis(START, START.plusNanos(300_000))).isEqualTo(1);
        assertThat(SimulatedTime.untilMillis(START, START.plusMillis(1))).isEqualTo(1);
        assertThat(SimulatedTime.untilMillis(START, START.plusNanos(1_200_000))).isEqualTo(2);
        assertThat(SimulatedTime.untilMillis(START, START)).isZero();
        assertThat(SimulatedTime.untilMillis(START, START.minusMillis(5))).isZero();
    }

    @Test
    void theScaleMultipliesDelaysAndAStoppedClockKeepsThem() {
        assertThat(new SimulatedTime(Clock.systemUTC(), 0.1).scaled(Duration.ofSeconds(10)))
                .isEqualTo(Duration.ofSeconds(1));
        assertThat(new SimulatedTime(Clock.systemUTC(), 0).scaled(Duration.ofSeconds(10)))
                .isEqualTo(Duration.ofSeconds(10));
        assertThatThrownBy(() -> new SimulatedTime(Clock.systemUTC(), -1))
                .hasMessageContaining("kubeling.simulation.time-scale must be 0");
        assertThatThrownBy(() -> new SimulatedTime(Clock.systemUTC(), 0).advance(Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
