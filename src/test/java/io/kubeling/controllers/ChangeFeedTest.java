package io.kubeling.controllers;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.kubeling.registry.DeleteOptions;
import io.kubeling.registry.Registry;
import io.kubeling.registry.StoredChange;
import io.kubeling.registry.WriteOptions;
import io.kubeling.support.HttpApi;
import io.kubeling.support.KubelingTest;
import io.kubeling.support.ReadyPods;

@KubelingTest
class ChangeFeedTest {

    @Autowired
    ChangeFeed feed;

    @Autowired
    Registry registry;

    @LocalServerPort
    int port;

    @Test
    void aMetadataSubscriberSeesEachChangesMetadataAndADeletionsLastState() {
        String ns = new HttpApi(port).newNamespace("feed");
        List<Change<ObjectMeta>> seen = new CopyOnWriteArrayList<>();
        try (ChangeFeed.Subscription ignored = feed.subscribeMetadata(ConfigMap.class, change -> {
            if (ns.equals(change.object().getNamespace())) {
                seen.add(change);
            }
        })) {
            ConfigMap created = registry.store(ConfigMap.class).create(ns, new ConfigMapBuilder().withNewMetadata()
                    .withName("settings").addToLabels("app", "web").endMetadata().addToData("k", "v").build(),
                    WriteOptions.DEFAULT);
            registry.store(ConfigMap.class).update(ns, "settings", null, current -> {
                current.getMetadata().getLabels().put("app", "api");
                return current;
            }, WriteOptions.DEFAULT);
            registry.store(ConfigMap.class).delete(ns, "settings", DeleteOptions.DEFAULT);

            assertThat(ReadyPods.await(Duration.ofSeconds(10), () -> seen.size() == 3)).isTrue();
        }
        assertThat(seen).extracting(Change::type).containsExactly(StoredChange.Type.CREATED,
                StoredChange.Type.UPDATED, StoredChange.Type.DELETED);
        assertThat(seen.get(0).object().getName()).isEqualTo("settings");
        assertThat(seen.get(0).object().getUid()).isNotEmpty();
        assertThat(seen.get(0).object().getLabels()).containsEntry("app", "web");
        assertThat(seen.get(0).previous()).isNull();
        assertThat(seen.get(1).object().getLabels()).containsEntry("app", "api");
        assertThat(seen.get(1).previous().getLabels()).containsEntry("app", "web");
        assertThat(Long.parseLong(seen.get(1).object().getResourceVersion()))
                .isGreaterThan(Long.parseLong(seen.get(1).previous().getResourceVersion()));
        assertThat(seen.get(2).object().getLabels()).containsEntry("app", "api");
        assertThat(seen.get(2).object().getUid()).isEqualTo(seen.get(0).object().getUid());
    }
}
