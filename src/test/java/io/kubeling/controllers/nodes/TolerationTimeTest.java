package io.kubeling.controllers.nodes;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.Taint;
import io.fabric8.kubernetes.api.model.Toleration;

class TolerationTimeTest {

    private static final Taint NOT_READY = new Taint("NoExecute", "node.kubernetes.io/not-ready", null, null);
    private static final Taint NO_SCHEDULE = new Taint("NoSchedule", "node.kubernetes.io/not-ready", null, null);

    private static Toleration tolerating(String key, Long seconds) {
        return new Toleration("NoExecute", key, "Exists", seconds, null);
    }

    @Test
    void anUntoleratedNoExecuteTaintEvictsAtOnce() {
        assertThat(TolerationTime.of(List.of(), List.of(NOT_READY))).contains(Duration.ZERO);
    }

    @Test
    void theShortestTolerationSecondsCounts() {
        assertThat(TolerationTime.of(List.of(tolerating("node.kubernetes.io/not-ready", 300L),
                tolerating(null, 20L)), List.of(NOT_READY))).contains(Duration.ofSeconds(20));
        assertThat(TolerationTime.of(List.of(tolerating("node.kubernetes.io/not-ready", -5L)), List.of(NOT_READY)))
                .contains(Duration.ZERO);
    }

    @Test
    void aTolerationWithoutSecondsAndNoNoExecuteTaintsMeanForEver() {
        assertThat(TolerationTime.of(List.of(tolerating("node.kubernetes.io/not-ready", null)), List.of(NOT_READY)))
                .isEqualTo(Optional.empty());
        assertThat(TolerationTime.of(List.of(), List.of(NO_SCHEDULE))).isEmpty();
    }
}
