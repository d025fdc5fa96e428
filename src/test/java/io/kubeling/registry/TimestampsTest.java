package io.kubeling.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import org.junit.jupiter.api.Test;

class TimestampsTest {

    @Test
    void formatsAtSecondPrecisionLikeMetav1Time() {
        assertThat(Timestamps.format(Instant.parse("2026-11-22T09:20:31.987654Z"))).isEqualTo("2026-11-22T09:20:31Z");
        assertThat(Timestamps.format(Instant.parse("2026-11-22T09:20:31Z"))).isEqualTo("2026-11-22T09:20:31Z");
        assertThat(Timestamps.format(Instant.parse("1969-12-31T23:59:59.5Z"))).isEqualTo("1969-12-31T23:59:59Z");
    }

    @Test
    void eachSecondGetsItsOwnTextWhateverTheOrderOfCalls() {
        Instant t = Instant.parse("2026-11-22T09:20:31.100Z");
        assertThat(Timestamps.format(t)).isEqualTo("2026-11-22T09:20:31Z");
        assertThat(Timestamps.format(t.plusSeconds(1))).isEqualTo("2026-11-22T09:20:32Z");
        assertThat(Timestamps.format(t.minusSeconds(3600))).isEqualTo("2026-11-22T08:20:31Z");
        assertThat(Timestamps.format(t.plusMillis(800))).isEqualTo("2026-11-22T09:20:31Z");
    }

    @Test
    void parsesWhatItFormatsAndNothingFromNothing() {
        assertThat(Timestamps.parse("2026-11-22T09:20:31Z")).isEqualTo(Instant.parse("2026-11-22T09:20:31Z"));
        assertThat(Timestamps.parse("")).isNull();
        assertThat(Timestamps.parse(null)).isNull();
    }
}
