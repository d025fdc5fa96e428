package io.kubeling.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;

/** The in-memory bounds not set follow the heap, so that a small heap gets small bounds. */
class KubelingPropertiesTest {

    private static final long MIB = 1 << 20;

    @Test
    void theHistorysBytesAreASixteenthOfTheHeapUpTo64MiBUnlessSet() {
        KubelingProperties.History unset = new KubelingProperties.History(10000, Duration.ofMinutes(15),
                Duration.ofMinutes(1), 4096, null);
        assertThat(unset.memoryBytesOr(256 * MIB)).isEqualTo(16 * MIB);
        assertThat(unset.memoryBytesOr(4096 * MIB)).isEqualTo(64 * MIB);
        KubelingProperties.History set = new KubelingProperties.History(10000, Duration.ofMinutes(15),
                Duration.ofMinutes(1), 4096, DataSize.ofMegabytes(200));
        assertThat(set.memoryBytesOr(256 * MIB)).isEqualTo(200 * MIB);
    }

    @Test
    void theCachesBytesAreA64thOfTheHeapUpTo32MiBUnlessSet() {
        assertThat(new KubelingProperties.Cache(16384, null).decodedBytesOr(256 * MIB)).isEqualTo(4 * MIB);
        assertThat(new KubelingProperties.Cache(16384, null).decodedBytesOr(4096 * MIB)).isEqualTo(32 * MIB);
        assertThat(new KubelingProperties.Cache(16384, DataSize.ofMegabytes(1)).decodedBytesOr(4096 * MIB))
                .isEqualTo(MIB);
    }
}
