package io.kubeling.controllers.serviceaccounts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.kubeling.controllers.StoppedCluster;
import io.kubeling.registry.DeleteOptions;
import io.kubeling.registry.StatusException;
import io.kubeling.registry.WriteOptions;

class RootCaPublisherTest {

    private static final String CA = "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n";

    private static ConfigMap find(StoppedCluster cluster, String namespace) {
        try {
            return cluster.get(ConfigMap.class, namespace, RootCaPublisher.NAME);
        } catch (StatusException e) {
            return null;
        }
    }

    @Test
    void everyNamespaceHoldsTheClusterCaAndGetsItBackWhenItIsDeletedOrChanged() {
        try (StoppedCluster cluster = new StoppedCluster()) {
            cluster.create(new NamespaceBuilder().withNewMetadata().withName("before").endMetadata().build());
            cluster.start(new RootCaPublisher(cluster.registry, cluster.feed, CA, true));
            cluster.create(new NamespaceBuilder().withNewMetadata().withName("after").endMetadata().build());
            await().atMost(java.time.Duration.ofSeconds(10)).until(() -> find(cluster, "before") != null && find(cluster, "after") != null);
            ConfigMap published = find(cluster, "after");
            assertThat(published.getData()).isEqualTo(Map.of("ca.crt", CA));
            assertThat(published.getMetadata().getAnnotations()).containsEntry("kubernetes.io/description",
                    RootCaPublisher.DESCRIPTION);

            cluster.store(ConfigMap.class).delete("after", RootCaPublisher.NAME, DeleteOptions.DEFAULT);
            await().atMost(java.time.Duration.ofSeconds(10)).until(() -> find(cluster, "after") != null);

            cluster.store(ConfigMap.class).update("before", RootCaPublisher.NAME, null, current -> {
                ConfigMap changed = new io.fabric8.kubernetes.api.model.ConfigMapBuilder(current)
                        .withData(Map.of("ca.crt", "tampered")).build();
                return changed;
            }, WriteOptions.DEFAULT);
            await().atMost(java.time.Duration.ofSeconds(10)).until(() -> CA.equals(find(cluster, "before").getData().get("ca.crt")));
        }
    }
}
