package io.kubeling.resources.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The AGE cells: duration.HumanDuration and ShortHumanDuration at the edges of each unit. */
class AgesTableTest {

    private static final Instant NOW = Instant.parse("2024-05-01T12:00:00Z");

    @ParameterizedTest(name = "{0}s -> {1}")
    @CsvSource({
            "0, 0s",
            "-1, 0s",
            "-2, <invalid>",
            "1, 1s",
            "59, 59s",
            "60, 60s",
            "119, 119s",
            "120, 2m",
            "125, 2m5s",
            "599, 9m59s",
            "600, 10m",
            "630, 10m",
            "10799, 179m",
            "10800, 3h",
            "11100, 3h5m",
            "28740, 7h59m",
            "28800, 8h",
            "28860, 8h",
            "172799, 47h",
            "172800, 2d",
            "183600, 2d3h",
            "691200, 8d",
            "687600, 7d23h",
            "705600, 8d",
            "62985600, 729d",
            "63072000, 2y",
            "63158400, 2y1d",
            "252201600, 7y364d",
            "252288000, 8y",
            "260928000, 8y",
    })
    void humanDurationAtEachBoundary(long seconds, String expected) {
        assertThat(Ages.human(Duration.ofSeconds(seconds))).isEqualTo(expected);
    }

    @Test
    void humanDurationTruncatesTowardZeroLikeGo() {
        assertThat(Ages.human(Duration.ofMillis(-1999))).isEqualTo("0s");
        assertThat(Ages.human(Duration.ofMillis(-2000))).isEqualTo("<invalid>");
        assertThat(Ages.human(Duration.ofMillis(119_999))).isEqualTo("119s");
        assertThat(Ages.human(Duration.ofMillis(125_900))).isEqualTo("2m5s");
    }

    @Test
    void humanDurationSaturatesAtGosLongestDuration() {
        // time.Since of a timestamp centuries ago is clamped to math.MaxInt64 nanoseconds, about 292 years.
        assertThat(Ages.since("1500-01-01T00:00:00Z", NOW)).isEqualTo("292y");
        assertThat(Ages.since("2500-01-01T00:00:00Z", NOW)).isEqualTo("<invalid>");
    }

    @ParameterizedTest(name = "{0}s -> {1}")
    @CsvSource({
            "-2, <invalid>",
            "-1, 0s",
            "0, 0s",
            "59, 59s",
            "60, 1m",
            "3599, 59m",
            "3600, 1h",
            "86399, 23h",
            "86400, 1d",
            "31535999, 364d",
            "31536000, 1y",
            "94608000, 3y",
    })
    void shortHumanDurationAtEachBoundary(long seconds, String expected) {
        assertThat(Ages.shortHuman(Duration.ofSeconds(seconds))).isEqualTo(expected);
    }

    @Test
    void ageOfATimestampAtTheGivenInstant() {
        assertThat(Ages.since("2024-05-01T11:57:58Z", NOW)).isEqualTo("2m2s");
        assertThat(Ages.since("2024-04-28T09:00:00Z", NOW)).isEqualTo("3d3h");
        assertThat(Ages.since("2024-05-01T12:00:01Z", NOW)).isEqualTo("0s");
        assertThat(Ages.since("2024-05-01T12:00:05Z", NOW)).isEqualTo("<invalid>");
    }

    @Test
    void missingTimestampsAreUnknown() {
        assertThat(Ages.since((String) null, NOW)).isEqualTo("<unknown>");
        assertThat(Ages.since("", NOW)).isEqualTo("<unknown>");
        assertThat(Ages.since("0001-01-01T00:00:00Z", NOW)).isEqualTo("<unknown>");
        assertThat(Ages.since((Instant) null, NOW)).isEqualTo("<unknown>");
    }
}
