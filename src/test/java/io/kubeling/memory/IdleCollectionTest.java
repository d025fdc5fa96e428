package io.kubeling.memory;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class IdleCollectionTest {

    private static final long SECOND = 1_000_000_000L;
    private static final long MIB = 1L << 20;

    private final IdleCollection policy = new IdleCollection(0.1, 8 * MIB);

    @Test
    void theFirstSampleOnlySetsTheBaseline() {
        assertThat(policy.shouldCollect(sample(0, 0, 100))).isFalse();
    }

    @Test
    void collectsOnceAtTheFirstIdleCheck() {
        policy.shouldCollect(sample(0, 0, 100));

        assertThat(policy.shouldCollect(sample(SECOND / 20, 10 * SECOND, 100))).isTrue();
        policy.collected(sample(SECOND / 10, 10 * SECOND, 60));
        assertThat(policy.shouldCollect(sample(SECOND / 10 + SECOND / 20, 20 * SECOND, 60))).isFalse();
    }

    @Test
    void aBusyServerIsLeftAlone() {
        policy.shouldCollect(sample(0, 0, 100));

        assertThat(policy.shouldCollect(sample(2 * SECOND, 10 * SECOND, 200))).isFalse();
        assertThat(policy.shouldCollect(sample(3 * SECOND, 20 * SECOND, 200))).isFalse();
    }

    @Test
    void collectsAgainOnlyOnceTheHeapHasGrownAndTheServerIsIdleAgain() {
        policy.shouldCollect(sample(0, 0, 100));
        policy.shouldCollect(sample(0, 10 * SECOND, 100));
        policy.collected(sample(0, 10 * SECOND, 60));

        assertThat(policy.shouldCollect(sample(0, 20 * SECOND, 60 + 7))).as("grown by less than 8 MiB").isFalse();
        assertThat(policy.shouldCollect(sample(8 * SECOND, 30 * SECOND, 60 + 40))).as("a burst of work").isFalse();
        assertThat(policy.shouldCollect(sample(8 * SECOND + SECOND / 2, 40 * SECOND, 60 + 40))).as("idle after it")
                .isTrue();
    }

    @Test
    void theCollectionsOwnCpuDoesNotCountAsWork() {
        policy.shouldCollect(sample(0, 0, 100));
        policy.shouldCollect(sample(0, 10 * SECOND, 100));
        // a collection that took 2 s of CPU, then an idle interval in which the heap grew again
        policy.collected(sample(2 * SECOND, 12 * SECOND, 60));

        assertThat(policy.shouldCollect(sample(2 * SECOND + SECOND / 10, 22 * SECOND, 200))).isTrue();
    }

    private static JvmMemory.Sample sample(long cpuNanos, long wallNanos, long committedMiB) {
        return new JvmMemory.Sample(cpuNanos, wallNanos, committedMiB * MIB);
    }
}
