package io.kubeling.controllers.gc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.kubeling.config.KubelingProperties;
import io.kubeling.controllers.ChangeFeed;
import io.kubeling.registry.DeleteOptions;
import io.kubeling.registry.NameGenerator;
import io.kubeling.registry.ObjectCodec;
import io.kubeling.registry.Registry;
import io.kubeling.registry.ResourceStore;
import io.kubeling.registry.StatusException;
import io.kubeling.registry.WriteOptions;
import io.kubeling.resources.configmaps.ConfigMapResource;
import io.kubeling.support.InMemoryStorage;
import io.kubeling.support.ManualClock;

/**
 * As kube's graph builder, the collector looks at a dependent and its owners only when the dependent's references,
 * deletion or finalizers change: a Lease renewed every ten seconds by each of a thousand kubelets costs it nothing.
 */
class GarbageCollectorQuietChangesTest {

    ManualClock clock = new ManualClock(Instant.parse("2026-03-01T10:00:00Z"));
    InMemoryStorage storage;
    Registry registry;
    GarbageCollector collector;
    ResourceStore<ConfigMap> configMaps;
    final List<String> synced = new CopyOnWriteArrayList<>();

    @BeforeEach
    void setUp() {
        storage = InMemoryStorage.open(clock);
        registry = new Registry(List.of(new ConfigMapResource().configmaps()), storage.store(), new ObjectCodec(),
                clock, new NameGenerator(), List.of(), List.of(), List.of(), new KubelingProperties.Cache(1024, null));
        configMaps = registry.store(ConfigMap.class);
        collector = new GarbageCollector(registry, new ChangeFeed(registry), sync -> key -> {
            synced.add(key);
            sync.accept(key);
        });
        collector.start();
    }

    @AfterEach
    void tearDown() {
        collector.stop();
        storage.close();
    }

    private ConfigMap configMap(String name, ConfigMap owner) {
        ConfigMapBuilder builder = new ConfigMapBuilder().withNewMetadata().withName(name).endMetadata();
        if (owner != null) {
            builder.editMetadata().withOwnerReferences(new OwnerReferenceBuilder().withApiVersion("v1")
                    .withKind("ConfigMap").withName(owner.getMetadata().getName())
                    .withUid(owner.getMetadata().getUid()).build()).endMetadata();
        }
        return configMaps.create("default", builder.build(), WriteOptions.DEFAULT);
    }

    private boolean syncedKeyOf(String name) {
        return synced.stream().anyMatch(key -> key.endsWith("|default|" + name));
    }

    private boolean gone(String name) {
        try {
            configMaps.get("default", name);
            return false;
        } catch (StatusException e) {
            return e.code() == 404;
        }
    }

    @Test
    void changesThatLeaveReferencesAloneAreNotSynced() {
        ConfigMap owner = configMap("owner", null);
        configMap("dependent", owner);
        await().atMost(Duration.ofSeconds(10)).until(() -> syncedKeyOf("dependent"));
        synced.clear();

        for (int i = 0; i < 5; i++) {
            String value = Integer.toString(i);
            configMaps.update("default", "dependent", null, current -> {
                current.setData(Map.of("renewed", value));
                return current;
            }, WriteOptions.DEFAULT);
        }
        // a new dependent is synced: once it is, the updates before it have been through the collector
        configMap("sentinel", owner);
        await().atMost(Duration.ofSeconds(10)).until(() -> syncedKeyOf("sentinel"));
        assertThat(synced).filteredOn(key -> key.endsWith("|default|dependent")).isEmpty();

        // a change of the references is looked at: the owner named no longer exists
        configMaps.update("default", "dependent", null, current -> {
            current.getMetadata().setOwnerReferences(List.of(new OwnerReferenceBuilder().withApiVersion("v1")
                    .withKind("ConfigMap").withName("never").withUid("00000000-0000-0000-0000-000000000000")
                    .build()));
            return current;
        }, WriteOptions.DEFAULT);
        await().atMost(Duration.ofSeconds(10)).until(() -> gone("dependent"));

        configMaps.delete("default", "owner", DeleteOptions.DEFAULT);
        await().atMost(Duration.ofSeconds(10)).until(() -> gone("sentinel"));
    }
}
