package io.kubeling.controllers.namespaces;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.kubeling.config.KubelingProperties;
import io.kubeling.controllers.ChangeFeed;
import io.kubeling.registry.DeleteOptions;
import io.kubeling.registry.DeleteResult;
import io.kubeling.registry.ListOptions;
import io.kubeling.registry.NameGenerator;
import io.kubeling.registry.ObjectCodec;
import io.kubeling.registry.Registry;
import io.kubeling.registry.ResourceStore;
import io.kubeling.registry.WriteOptions;
import io.kubeling.resources.configmaps.ConfigMapResource;
import io.kubeling.resources.namespaces.NamespaceResource;
import io.kubeling.support.InMemoryStorage;
import io.kubeling.support.ManualClock;

/** The store, the registry with two kinds' strategies and the namespace controller, built with their constructors. */
class NamespaceControllerWithoutSpringTest {

    @Test
    void aDeletedNamespaceIsEmptiedAndGoes() {
        ManualClock clock = new ManualClock(Instant.parse("2026-03-01T10:00:00Z"));
        try (InMemoryStorage storage = InMemoryStorage.open(clock)) {
            Registry registry = new Registry(
                    List.of(new NamespaceResource().namespaces(), new ConfigMapResource().configmaps()),
                    storage.store(), new ObjectCodec(), clock, new NameGenerator(), List.of(), List.of(), List.of(),
                    new KubelingProperties.Cache(1024, null));
            ResourceStore<Namespace> namespaces = registry.store(Namespace.class);
            ResourceStore<ConfigMap> configMaps = registry.store(ConfigMap.class);
            NamespaceController controller = new NamespaceController(registry, new ChangeFeed(registry), clock);
            controller.start();
            try {
                Namespace created = namespaces.create(null,
                        new NamespaceBuilder().withNewMetadata().withName("team").endMetadata().build(),
                        WriteOptions.DEFAULT);
                assertThat(created.getSpec().getFinalizers()).containsExactly("kubernetes");
                assertThat(created.getMetadata().getCreationTimestamp()).isEqualTo("2026-03-01T10:00:00Z");
                for (String name : List.of("a", "b")) {
                    configMaps.create("team", new ConfigMapBuilder().withNewMetadata().withName(name).endMetadata()
                            .addToData("k", "v").build(), WriteOptions.DEFAULT);
                }

                clock.advance(Duration.ofMinutes(5));
                DeleteResult<Namespace> deleting = namespaces.delete(null, "team", DeleteOptions.DEFAULT);

                assertThat(deleting.deleted()).isFalse();
                assertThat(deleting.object().getMetadata().getDeletionTimestamp()).isEqualTo("2026-03-01T10:05:00Z");
                await().atMost(Duration.ofSeconds(20)).until(() -> namespaces.list(null, ListOptions.ALL).items().stream()
                        .noneMatch(ns -> ns.getMetadata().getName().equals("team")));
                assertThat(configMaps.list("team", ListOptions.ALL).items()).isEmpty();
            } finally {
                controller.stop();
            }
        }
    }
}
