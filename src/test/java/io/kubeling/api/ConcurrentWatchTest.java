package io.kubeling.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import io.kubeling.storage.KeyValueStore;
import io.kubeling.storage.StorageEvent;
import io.kubeling.support.HttpApi;
import io.kubeling.support.KubelingTest;
import io.kubeling.support.WatchClient;
import tools.jackson.databind.JsonNode;

/** Many writers and many watchers at once: every watcher sees exactly the log, in order, once. */
@KubelingTest
@Execution(ExecutionMode.CONCURRENT)
class ConcurrentWatchTest {

    private static final int WRITERS = 4;
    private static final int UPDATES = 40;
    private static final int WATCHERS = 12;

    @LocalServerPort
    int port;

    @Autowired
    KeyValueStore kv;

    @Test
    void everyWatcherSeesTheSameSequenceAsTheLog() throws Exception {
        HttpApi api = new HttpApi(port);
        String ns = "cw-" + UUID.randomUUID().toString().substring(0, 8);
        api.post("/api/v1/namespaces", ApiBehaviourTest.namespace(ns));
        String cms = "/api/v1/namespaces/" + ns + "/configmaps";
        long start = kv.currentRevision();

        List<WatchClient> watchers = new ArrayList<>();
        for (int i = 0; i < WATCHERS; i++) {
            WatchClient w = new WatchClient(port, cms + "?watch=true&resourceVersion=" + start);
            assertThat(w.status()).isEqualTo(200);
            watchers.add(w);
        }
        ExecutorService pool = Executors.newFixedThreadPool(WRITERS);
        List<Future<?>> writes = new ArrayList<>();
        for (int t = 0; t < WRITERS; t++) {
            String name = "cm-" + t;
            writes.add(pool.submit(() -> {
                assertThat(api.post(cms, "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\""
                        + name + "\"}}").code()).isEqualTo(201);
                for (int i = 0; i < UPDATES; i++) {
                    HttpApi.Reply r = api.patch(cms + "/" + name, "application/merge-patch+json",
                            "{\"data\":{\"i\":\"" + i + "\"}}");
                    assertThat(r.code()).isEqualTo(200);
                }
            }));
        }
        for (Future<?> f : writes) {
            f.get(120, TimeUnit.SECONDS);
        }
        pool.shutdown();

        List<Long> logged = new ArrayList<>();
        for (StorageEvent e : kv.eventsAfter(start, 100_000)) {
            if (e.key().startsWith("/registry/configmaps/" + ns + "/")) {
                logged.add(e.revision());
            }
        }
        int expected = WRITERS * (UPDATES + 1);
        assertThat(logged).hasSize(expected);
        for (WatchClient w : watchers) {
            List<JsonNode> events = w.changes(expected, Duration.ofSeconds(30));
            assertThat(events).extracting(WatchClient::revision).containsExactlyElementsOf(logged);
            assertThat(w.nextChange(Duration.ofMillis(200))).isNull();
            w.close();
        }
    }
}
