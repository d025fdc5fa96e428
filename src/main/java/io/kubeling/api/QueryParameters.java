package io.kubeling.api;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Query parameters as Go's url.ParseQuery reads them for kube-apiserver: a pair with a malformed
 * escape or a semicolon is dropped, the others are kept.
 */
final class QueryParameters {

    private QueryParameters() {
    }

    static Map<String, String[]> parse(String query) {
        Map<String, List<String>> values = new LinkedHashMap<>();
        if (query != null) {
            for (String pair : query.split("&")) {
                if (pair.isEmpty() || pair.indexOf(';') >= 0) {
                    continue;
                }
                int eq = pair.indexOf('=');
                String key = unescape(eq < 0 ? pair : pair.substring(0, eq));
                String value = unescape(eq < 0 ? "" : pair.substring(eq + 1));
                if (key != null && value != null) {
                    values.computeIfAbsent(key, k -> new ArrayList<>()).add(value);
                }
            }
        }
        Map<String, String[]> result = new LinkedHashMap<>();
        values.forEach((key, list) -> result.put(key, list.toArray(String[]::new)));
        return Collections.unmodifiableMap(result);
    }

    private static String unescape(String text) {
        try {
            return URLDecoder.decode(text, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
