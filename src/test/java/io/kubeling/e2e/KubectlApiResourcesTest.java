package io.kubeling.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.springframework.boot.test.web.server.LocalServerPort;

import io.kubeling.support.Kubectl;
import io.kubeling.support.KubelingTest;

/**
 * {@code kubectl api-resources} on Kubeling against what it prints on a kube-apiserver 1.32 (test data): every
 * built-in resource served there is served here with the same short names, version, scope and kind, but for those
 * marked as coming later, which may be absent; nothing more is served in those groups. Other groups (metrics.k8s.io,
 * the custom resources other tests define) are not compared.
 */
@KubelingTest
@Execution(ExecutionMode.CONCURRENT)
class KubectlApiResourcesTest {

    @LocalServerPort
    int port;

    private record Row(String name, String shortNames, String apiVersion, String namespaced, String kind) {

        String group() {
            return apiVersion.contains("/") ? apiVersion.substring(0, apiVersion.indexOf('/')) : "";
        }

        String key() {
            return name + "." + group();
        }
    }

    @Test
    void theResourcesAre132sLessThoseThatComeLater() throws Exception {
        Map<String, Row> expected = new LinkedHashMap<>();
        Set<String> later = new TreeSet<>();
        for (String line : expected().lines().toList()) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] f = line.trim().split("\\s+");
            Row row = new Row(f[0], f[1].equals("-") ? "" : f[1], f[2], f[3], f[4]);
            expected.put(row.key(), row);
            if (f.length > 5 && f[5].equals("later")) {
                later.add(row.key());
            }
        }
        Set<String> groups = new TreeSet<>();
        expected.values().forEach(r -> groups.add(r.group()));

        Map<String, Row> served = new LinkedHashMap<>();
        for (Row row : parse(new Kubectl(port).ok("api-resources").out())) {
            if (groups.contains(row.group())) {
                served.put(row.key(), row);
            }
        }
        List<String> missing = new ArrayList<>();
        for (Map.Entry<String, Row> e : expected.entrySet()) {
            Row got = served.get(e.getKey());
            if (got == null) {
                if (!later.contains(e.getKey())) {
                    missing.add(e.getKey());
                }
                continue;
            }
            assertThat(got).as(e.getKey()).isEqualTo(e.getValue());
        }
        assertThat(missing).as("served by kube 1.32 and not here").isEmpty();
        assertThat(new TreeSet<>(served.keySet())).as("served here and not by kube 1.32")
                .isSubsetOf(expected.keySet());
    }

    /** kubectl's table, cut at the header's column starts (short names may be empty). */
    private static List<Row> parse(String table) {
        List<String> lines = table.lines().toList();
        String header = lines.get(0);
        int shortNames = header.indexOf("SHORTNAMES");
        int apiVersion = header.indexOf("APIVERSION");
        int namespaced = header.indexOf("NAMESPACED");
        int kind = header.indexOf("KIND");
        List<Row> rows = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            rows.add(new Row(line.substring(0, shortNames).trim(), line.substring(shortNames, apiVersion).trim(),
                    line.substring(apiVersion, namespaced).trim(), line.substring(namespaced, kind).trim(),
                    line.substring(kind).trim()));
        }
        return rows;
    }

    private static String expected() throws IOException {
        try (InputStream in = KubectlApiResourcesTest.class.getResourceAsStream("api-resources-1.32.txt")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
