package io.kubeling.memory;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class IdleMemoryTest {

    private static final long SECOND = 1_000_000_000L;
    private static final long MIB = 1L << 20;

    private final FakeJvm jvm = new FakeJvm();
    private final IdleMemory idle = new IdleMemory(jvm, Duration.ofHours(1));

    @Test
    void leavesTheCollectorsRatiosAloneUntilIdle() {
        idle.start();
        idle.destroy();

        assertThat(jvm.calls).containsExactly("sample");
    }

    @Test
    void collectsAndTrimsWhenIdleAndNotWhenBusy() {
        idle.start();
        idle.destroy();
        jvm.calls.clear();

        jvm.advance(5 * SECOND, 10 * SECOND, 200 * MIB);
        assertThat(idle.check()).as("busy").isFalse();
        assertThat(jvm.calls).containsExactly("sample");

        jvm.calls.clear();
        jvm.advance(SECOND / 100, 10 * SECOND, 200 * MIB);
        assertThat(idle.check()).as("idle").isTrue();
        assertThat(jvm.calls).containsExactly("sample", "sample", "collect 10 30", "trim", "sample");
        assertThat(jvm.committed).isEqualTo(80 * MIB);

        jvm.calls.clear();
        jvm.advance(SECOND / 100, 10 * SECOND, 80 * MIB);
        assertThat(idle.check()).as("idle, nothing grown").isFalse();
        assertThat(jvm.calls).containsExactly("sample");
    }

    @Test
    void aServerThatDoesNotOwnItsProcessLeavesTheJvmAlone() {
        IdleMemory embedded = new IdleMemory(false, Duration.ofSeconds(1));
        embedded.start();
        embedded.destroy();

        assertThat(embedded.check()).isFalse();
    }

    private static final class FakeJvm implements JvmMemory {
        final List<String> calls = new ArrayList<>();
        long cpu;
        long wall = 1;
        long committed = 100 * MIB;

        void advance(long cpuNanos, long wallNanos, long committedBytes) {
            cpu += cpuNanos;
            wall += wallNanos;
            committed = committedBytes;
        }

        @Override
        public Sample sample() {
            calls.add("sample");
            return new Sample(cpu, wall, committed);
        }

        @Override
        public String collect(int minFreePercent, int maxFreePercent) {
            calls.add("collect " + minFreePercent + " " + maxFreePercent);
            cpu += SECOND / 5;
            committed = 80 * MIB;
            return "";
        }

        @Override
        public String trimNativeHeap() {
            calls.add("trim");
            return "";
        }
    }
}
