package io.kubeling.api;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

import org.springframework.http.HttpHeaders;

/**
 * Warning headers as kube-apiserver's warning recorder writes them: each text once, and once the texts
 * pass 4096 runes in all, each cut to 256 runes and no more added past 4096, so that however many or
 * long the warnings, the answer's headers stay small.
 */
final class WarningHeaders {

    static final int TRUNCATE_AT_TOTAL_RUNES = 4 * 1024;
    static final int TRUNCATE_ITEM_RUNES = 256;

    private WarningHeaders() {
    }

    static void add(HttpHeaders headers, List<String> warnings) {
        if (warnings.isEmpty()) {
            return;
        }
        for (String value : values(warnings)) {
            headers.add("Warning", value);
        }
    }

    /** The Warning header values for the texts, in order, added one by one as kube's recorder adds them. */
    static List<String> values(List<String> warnings) {
        List<String> recorded = new ArrayList<>();
        List<String> values = new ArrayList<>();
        int written = 0;
        boolean truncating = false;
        for (String text : new LinkedHashSet<>(warnings)) {
            if (text.isEmpty() || text.codePoints().anyMatch(Character::isISOControl)) {
                continue;
            }
            if (truncating && written >= TRUNCATE_AT_TOTAL_RUNES) {
                break;
            }
            recorded.add(text);
            String shown = truncating ? truncate(text) : text;
            if (written + runes(shown) <= TRUNCATE_AT_TOTAL_RUNES || truncating) {
                written += runes(shown);
                values.add(header(shown));
                continue;
            }
            // over the limit: from now on every text is cut, those already written too
            truncating = true;
            written = 0;
            values.clear();
            for (String earlier : recorded) {
                String cut = truncate(earlier);
                written += runes(cut);
                values.add(header(cut));
            }
        }
        return values;
    }

    private static int runes(String text) {
        return text.codePointCount(0, text.length());
    }

    private static String truncate(String text) {
        if (runes(text) <= TRUNCATE_ITEM_RUNES) {
            return text;
        }
        return text.substring(0, text.offsetByCodePoints(0, TRUNCATE_ITEM_RUNES));
    }

    /**
     * {@code 299 - "text"}, escaped as Go quotes it and carried as UTF-8 bytes, which the servlet
     * container writes unchanged only when each byte is one ISO-8859-1 character.
     */
    private static String header(String text) {
        String value = "299 - \"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
        return new String(value.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
    }
}
