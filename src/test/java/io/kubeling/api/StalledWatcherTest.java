package io.kubeling.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;

import io.kubeling.KubelingApplication;
import io.kubeling.storage.KeyValueStore;
import io.kubeling.support.HttpApi;
import io.kubeling.support.ServerOfItsOwn;
import io.kubeling.support.WatchClient;
import tools.jackson.databind.JsonNode;

/**
 * A watcher that stops reading neither blocks writers nor other watchers: its buffer fills, its
 * stream ends, and it must list and watch again.
 */
@SpringBootTest(classes = KubelingApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"spring.datasource.url=jdbc:h2:mem:kubeling-stalled;DB_CLOSE_DELAY=-1",
                "kubeling.data-dir=target/test-data-stalled", "kubeling.watch.buffer-size=200"})
@DirtiesContext
@ServerOfItsOwn
class StalledWatcherTest {

    private static final int WRITES = 600;

    @LocalServerPort
    int port;

    @Autowired
    KeyValueStore kv;

    @Test
    void aStalledWatcherIsCutOffWhileEveryoneElseGoesOn() throws Exception {
        HttpApi api = new HttpApi(port);
        String cms = "/api/v1/namespaces/default/configmaps";
        String big = "x".repeat(24 * 1024);
        long start = kv.currentRevision();
        try (Socket stalled = new Socket();
                WatchClient healthy = new WatchClient(port, cms + "?watch=true&resourceVersion=" + start)) {
            stalled.setReceiveBufferSize(4096);
            stalled.connect(new InetSocketAddress("127.0.0.1", port));
            OutputStream request = stalled.getOutputStream();
            request.write(("GET " + cms + "?watch=true&resourceVersion=" + start + " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            request.flush();
            assertThat(healthy.status()).isEqualTo(200);

            String name = "big-" + UUID.randomUUID().toString().substring(0, 8);
            assertThat(api.post(cms, "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"" + name
                    + "\"}}").code()).isEqualTo(201);
            for (int i = 1; i < WRITES; i++) {
                assertThat(api.patch(cms + "/" + name, "application/merge-patch+json",
                        "{\"data\":{\"k\":\"" + i + big + "\"}}").code()).isEqualTo(200);
            }
            List<JsonNode> all = healthy.changes(WRITES, Duration.ofSeconds(120));
            assertThat(all).extracting(WatchClient::revision).isSorted().doesNotHaveDuplicates();

            stalled.setSoTimeout(20_000);
            BufferedReader reader = new BufferedReader(new InputStreamReader(stalled.getInputStream(),
                    StandardCharsets.UTF_8));
            int events = 0;
            String line;
            while ((line = reader.readLine()) != null) {
                if (line.startsWith("{\"type\":")) {
                    events++;
                }
                if (line.equals("0")) {
                    break;
                }
            }
            assertThat(events).isPositive().isLessThan(WRITES);
        }
    }
}
