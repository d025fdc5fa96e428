package io.kubeling.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A server's JVM waits for the build's training run where the run still writes the archive it would use. */
class ChildJvmTest {

    @TempDir
    Path layout;

    @Test
    void aServerWaitsUntilTheTrainingRunHasRemovedItsMark() throws Exception {
        Path mark = Files.createFile(layout.resolve(ChildJvm.TRAINING_MARK));
        Thread training = new Thread(() -> {
            try {
                Thread.sleep(300);
                Files.delete(mark);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        long start = System.nanoTime();
        training.start();
        ChildJvm.awaitTraining(mark, Duration.ofSeconds(30));
        long waited = Duration.ofNanos(System.nanoTime() - start).toMillis();
        training.join();

        assertThat(mark).doesNotExist();
        assertThat(waited).isBetween(300L, 20_000L);
    }

    @Test
    void aMarkLeftByABuildThatWasKilledHoldsNoServerForLong() throws Exception {
        Path mark = Files.createFile(layout.resolve(ChildJvm.TRAINING_MARK));
        long start = System.nanoTime();
        ChildJvm.awaitTraining(mark, Duration.ofMillis(200));

        assertThat(Duration.ofNanos(System.nanoTime() - start).toMillis()).isBetween(200L, 20_000L);
    }

    @Test
    void withoutATrainingRunNothingWaits() {
        long start = System.nanoTime();
        ChildJvm.awaitTraining(layout.resolve(ChildJvm.TRAINING_MARK), Duration.ofSeconds(30));

        assertThat(Duration.ofNanos(System.nanoTime() - start).toMillis()).isLessThan(5_000L);
    }
}
