package io.kubeling.resources.cronjobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** robfig/cron v3's ParseStandard and Next, which kube's validation and cronjob controller call. */
class CronScheduleTest {

    private static Instant next(String spec, String after) throws Exception {
        return CronSchedule.parse(spec, ZoneOffset.UTC).next(Instant.parse(after));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "*/5 * * * *        | 2026-01-01T00:03:10Z | 2026-01-01T00:05:00Z",
            "*/5 * * * *        | 2026-01-01T00:05:00Z | 2026-01-01T00:10:00Z",
            "0 * * * *          | 2026-01-01T00:00:00Z | 2026-01-01T01:00:00Z",
            "30 6-16/4 * * 1-5  | 2026-01-02T11:00:00Z | 2026-01-02T14:30:00Z",
            "30 6-16/4 * * 1-5  | 2026-01-02T15:00:00Z | 2026-01-05T06:30:00Z",
            "0 0 13 * FRI       | 2026-01-01T00:00:00Z | 2026-01-02T00:00:00Z",
            "0 0 13 * *         | 2026-01-01T00:00:00Z | 2026-01-13T00:00:00Z",
            "0 0 * jan,jul sun  | 2026-02-01T00:00:00Z | 2026-07-05T00:00:00Z",
            "5/20 * * * *       | 2026-01-01T00:26:00Z | 2026-01-01T00:45:00Z",
            "0 0 29 2 *         | 2026-01-01T00:00:00Z | 2028-02-29T00:00:00Z",
            "@hourly            | 2026-01-01T00:59:59Z | 2026-01-01T01:00:00Z",
            "@weekly            | 2026-01-01T00:00:00Z | 2026-01-04T00:00:00Z",
            "@yearly            | 2026-03-01T00:00:00Z | 2027-01-01T00:00:00Z",
            "@every 90s         | 2026-01-01T00:00:00.250Z | 2026-01-01T00:01:30Z",
            "*/61 * * * *       | 2026-01-01T00:00:00Z | 2026-01-01T01:00:00Z"})
    void nextTimeAsRobfigWalksIt(String spec, String after, String expected) throws Exception {
        assertThat(next(spec.strip(), after.strip())).isEqualTo(Instant.parse(expected.strip()));
    }

    @Test
    void aScheduleThatNeverFiresHasNoNextTime() throws Exception {
        assertThat(next("0 0 31 2 *", "2026-01-01T00:00:00Z")).isNull();
    }

    @Test
    void timeZonesMoveTheHourAndFollowDaylightSavingTime() throws Exception {
        CronSchedule paris = CronSchedule.parse("0 3 * * *", ZoneId.of("Europe/Paris"));
        assertThat(paris.next(Instant.parse("2026-01-10T00:00:00Z"))).isEqualTo(Instant.parse("2026-01-10T02:00:00Z"));
        assertThat(paris.next(Instant.parse("2026-07-10T00:00:00Z"))).isEqualTo(Instant.parse("2026-07-10T01:00:00Z"));
        CronSchedule prefixed = CronSchedule.parse("TZ=America/New_York 0 9 * * *", ZoneOffset.UTC);
        assertThat(prefixed.next(Instant.parse("2026-01-10T00:00:00Z"))).isEqualTo(Instant.parse("2026-01-10T14:00:00Z"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "61 * * * *       | end of range (61) above maximum (59): 61",
            "* * * *          | expected exactly 5 fields, found 4: [* * * *]",
            "* * * * * *      | expected exactly 5 fields, found 6: [* * * * * *]",
            "x * * * *        | failed to parse int from x: strconv.Atoi: parsing \"x\": invalid syntax",
            "5-2 * * * *      | beginning of range (5) beyond end of range (2): 5-2",
            "*/0 * * * *      | step of range should be a positive number: */0",
            "* * 0 * *        | beginning of range (0) below minimum (1): 0",
            "* * * * 7        | end of range (7) above maximum (6): 7",
            "1-2-3 * * * *    | too many hyphens: 1-2-3",
            "1/2/3 * * * *    | too many slashes: 1/2/3",
            "-5 * * * *       | failed to parse int from : strconv.Atoi: parsing \"\": invalid syntax",
            "@fortnightly     | unrecognized descriptor: @fortnightly",
            "@every 5x        | failed to parse duration @every 5x: time: unknown unit \"x\" in duration \"5x\"",
            "TZ=Mars/Olympus * * * * * | provided bad location Mars/Olympus: unknown time zone Mars/Olympus"})
    void errorsAreRobfigsMessages(String spec, String message) {
        assertThatThrownBy(() -> CronSchedule.parse(spec.strip(), ZoneOffset.UTC))
                .isInstanceOf(CronSchedule.InvalidSchedule.class).hasMessage(message.strip());
    }

    @Test
    void anEmptyScheduleIsRefused() {
        assertThatThrownBy(() -> CronSchedule.parse("", ZoneOffset.UTC)).hasMessage("empty spec string");
    }

    @Test
    void locationsAreTheTimeZoneDatabasesNames() {
        assertThat(CronSchedule.location("")).isEqualTo(ZoneOffset.UTC);
        assertThat(CronSchedule.location("UTC")).isEqualTo(ZoneOffset.UTC);
        assertThat(CronSchedule.location("Asia/Tokyo")).isEqualTo(ZoneId.of("Asia/Tokyo"));
        assertThat(CronSchedule.location("Europe/Pariss")).isNull();
        assertThat(CronSchedule.location("+01:00")).isNull();
    }
}
