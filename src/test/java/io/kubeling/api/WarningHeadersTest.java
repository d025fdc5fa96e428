package io.kubeling.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class WarningHeadersTest {

    private static String decoded(String header) {
        return new String(header.getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8);
    }

    @Test
    void warningsWithinTheLimitAreWrittenWholeOnceEachAndQuotedAsGoQuotes() {
        List<String> values = WarningHeaders.values(List.of("unknown field \"a\"", "back\\slash", "unknown field \"a\"",
                "line\nbreak", ""));
        assertThat(values).containsExactly("299 - \"unknown field \\\"a\\\"\"", "299 - \"back\\\\slash\"");
    }

    @Test
    void oneWarningPastTheTotalIsCutTo256Runes() {
        String field = "x".repeat(9000);
        List<String> values = WarningHeaders.values(List.of("unknown field \"" + field + "\""));
        assertThat(values).containsExactly("299 - \"unknown field \\\"" + "x".repeat(256 - 15) + "\"");
    }

    @Test
    void onceOverTheTotalEveryWarningIsCutAndNoneAddedPastIt() {
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            texts.add((char) ('a' + i) + "-".repeat(299));
        }
        List<String> values = WarningHeaders.values(texts);
        // 13 whole texts fit in 4096 runes; the 14th starts cutting, 16 cut ones reach 4096
        assertThat(values).hasSize(16);
        for (int i = 0; i < 16; i++) {
            assertThat(values.get(i)).isEqualTo("299 - \"" + (char) ('a' + i) + "-".repeat(255) + "\"");
        }
    }

    @Test
    void cutsFallOnRuneBoundariesAndTheHeaderCarriesUtf8() {
        String text = "Iñtërnâtiô".repeat(500);
        List<String> values = WarningHeaders.values(List.of(text));
        assertThat(values).hasSize(1);
        String shown = decoded(values.get(0));
        assertThat(shown).isEqualTo("299 - \"" + text.substring(0, 256) + "\"");
        assertThat(values.get(0).chars()).allMatch(c -> c <= 0xFF);
    }
}
