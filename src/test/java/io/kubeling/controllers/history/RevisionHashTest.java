package io.kubeling.controllers.history;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

class RevisionHashTest {

    @Test
    void fnv1OfTheDataSpelledInKubesAlphabet() {
        // FNV-1 32 of "a" is 0x050c5d7e = 84696446
        assertThat(RevisionHash.of("a".getBytes(StandardCharsets.UTF_8), null))
                .isEqualTo(RevisionHash.safeEncode("84696446"));
        assertThat(RevisionHash.safeEncode("84696446")).matches("[bcdfghjklmnpqrstvwxz2456789]{8}");
    }

    @Test
    void aCollisionCountGivesAnotherName() {
        byte[] data = "{\"spec\":{}}".getBytes(StandardCharsets.UTF_8);
        assertThat(RevisionHash.of(data, 0)).isNotEqualTo(RevisionHash.of(data, null))
                .isNotEqualTo(RevisionHash.of(data, 1));
        assertThat(RevisionHash.of(data, 1)).isEqualTo(RevisionHash.of(data, 1));
    }
}
