package io.kubeling.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

import io.kubeling.KubelingApplication;
import io.kubeling.support.HttpApi;
import io.kubeling.support.ServerOfItsOwn;
import io.kubeling.support.WatchClient;
import tools.jackson.databind.JsonNode;

/** A watch from a revision written before a restart resumes after it with no gap, from the log on disk. */
@ServerOfItsOwn
class WatchResumeAfterRestartTest {

    @TempDir
    Path dataDir;

    private ConfigurableApplicationContext start() {
        return new SpringApplication(KubelingApplication.class).run("--kubeling.data-dir=" + dataDir,
                "--kubeling.port=0");
    }

    private static int port(ConfigurableApplicationContext context) {
        return Integer.parseInt(context.getEnvironment().getProperty("local.server.port"));
    }

    @Test
    void aWatchResumesAcrossARestart() {
        String cms = "/api/v1/namespaces/default/configmaps";
        long from;
        long[] revisions = new long[3];
        try (ConfigurableApplicationContext first = start()) {
            HttpApi api = new HttpApi(port(first));
            from = Long.parseLong(api.post(cms, "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"r\"}}")
                    .json().at("/metadata/resourceVersion").asString());
            for (int i = 0; i < 3; i++) {
                revisions[i] = Long.parseLong(api.patch(cms + "/r", "application/merge-patch+json",
                        "{\"data\":{\"i\":\"" + i + "\"}}").json().at("/metadata/resourceVersion").asString());
            }
        }
        try (ConfigurableApplicationContext second = start();
                WatchClient w = new WatchClient(port(second), cms + "?watch=true&resourceVersion=" + from)) {
            List<JsonNode> events = w.changes(3, Duration.ofSeconds(10));
            assertThat(events).extracting(WatchClient::revision).containsExactly(revisions[0], revisions[1], revisions[2]);
            assertThat(events).extracting(WatchClient::type).containsOnly("MODIFIED");
            assertThat(events.get(2).at("/object/data/i").asString()).isEqualTo("2");
            HttpApi api = new HttpApi(port(second));
            long after = Long.parseLong(api.patch(cms + "/r", "application/merge-patch+json",
                    "{\"data\":{\"i\":\"live\"}}").json().at("/metadata/resourceVersion").asString());
            assertThat(WatchClient.revision(w.nextChange(Duration.ofSeconds(5)))).isEqualTo(after);
        }
    }
}
