package io.kubeling.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.context.ConfigurableApplicationContext;

import io.kubeling.KubelingApplication;
import io.kubeling.support.ServerOfItsOwn;

/** Writes through one application context, stops it, and reads everything back through a new one on the same file. */
@ServerOfItsOwn
class StorageDurabilityTest {

    @TempDir
    Path dataDir;

    private ConfigurableApplicationContext start() {
        SpringApplication app = new SpringApplication(KubelingApplication.class);
        app.setWebApplicationType(WebApplicationType.NONE);
        // the simulated nodes, and the controllers of the add-ons on each start, would write on their own and move
        // the revision on
        return app.run("--kubeling.data-dir=" + dataDir, "--spring.main.banner-mode=off",
                "--kubeling.simulation.enabled=false", "--kubeling.simulation.control-plane.enabled=false");
    }

    private static final List<String> SYSTEM_NAMESPACES =
            List.of("default", "kube-system", "kube-public", "kube-node-lease");

    @Test
    void everythingWrittenSurvivesARestart() {
        long lastRevision;
        long deletedAt;
        try (ConfigurableApplicationContext first = start()) {
            KeyValueStore store = first.getBean(KeyValueStore.class);
            // the service accounts controller writes each system namespace's default account on its own
            for (String namespace : SYSTEM_NAMESPACES) {
                await().atMost(Duration.ofSeconds(30)).until(
                        () -> store.get("/registry/serviceaccounts/" + namespace + "/default").isPresent());
            }
            KeyValue a = store.create("/registry/durable/a", "one".getBytes(StandardCharsets.UTF_8));
            store.update("/registry/durable/a", a.revision(), "two".getBytes(StandardCharsets.UTF_8));
            KeyValue b = store.create("/registry/durable/b", "bee".getBytes(StandardCharsets.UTF_8));
            deletedAt = store.delete("/registry/durable/b", b.revision()).revision();
            lastRevision = store.currentRevision();
        }
        try (ConfigurableApplicationContext second = start()) {
            KeyValueStore store = second.getBean(KeyValueStore.class);
            assertThat(store.currentRevision()).isEqualTo(lastRevision);
            assertThat(new String(store.get("/registry/durable/a").orElseThrow().value(), StandardCharsets.UTF_8))
                    .isEqualTo("two");
            assertThat(store.get("/registry/durable/b")).isEmpty();
            assertThat(store.eventsAfter(0, 1000)).filteredOn(e -> e.key().startsWith("/registry/durable/"))
                    .extracting(StorageEvent::type)
                    .containsExactly(StorageEvent.Type.CREATED, StorageEvent.Type.UPDATED, StorageEvent.Type.CREATED,
                            StorageEvent.Type.DELETED);
            KeyValue next = store.create("/registry/durable/c", "c".getBytes(StandardCharsets.UTF_8));
            assertThat(next.revision()).isEqualTo(lastRevision + 1).isGreaterThan(deletedAt);
        }
    }
}
