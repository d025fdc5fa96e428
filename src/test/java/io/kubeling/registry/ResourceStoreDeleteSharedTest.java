package io.kubeling.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.kubeling.controllers.StoppedCluster;

/**
 * A delete reads the object through a shallow copy of its revision's shared object, which watchers, controllers and
 * the gets of that revision hold: admission, the strategy, the write hooks and the delete's own revision go to the
 * copy, and the shared object encodes as before, whether the object goes, is held by finalizers, or waits out its
 * grace period.
 */
class ResourceStoreDeleteSharedTest {

    private final StoppedCluster cluster = new StoppedCluster();

    @AfterEach
    void close() {
        cluster.close();
    }

    private void namespace(String name) {
        cluster.registry.store(Namespace.class).create(null,
                new NamespaceBuilder().withNewMetadata().withName(name).endMetadata().build(), WriteOptions.DEFAULT);
    }

    /** Deletes the object after reading its shared object, and checks that the shared object did not change. */
    private <T extends HasMetadata> DeleteResult<T> deleteLeavingShared(Class<T> type, String ns, String name,
            DeleteOptions options, Consumer<T> more) {
        ResourceStore<T> store = cluster.registry.store(type);
        T shared = store.peek(ns, name);
        assertThat(store.peek(ns, name)).isSameAs(shared);
        String before = json(shared);

        DeleteResult<T> result = store.delete(ns, name, options);

        assertThat(json(shared)).isEqualTo(before);
        assertThat(result.object()).isNotSameAs(shared);
        assertThat(result.object().getMetadata()).isNotSameAs(shared.getMetadata());
        more.accept(shared);
        return result;
    }

    private String json(Object object) {
        return new String(cluster.codec.encode(object), StandardCharsets.UTF_8);
    }

    @Test
    void aDeletedConfigMapLeavesTheSharedObjectOfItsLastRevisionAsItWas() {
        namespace("del");
        ConfigMap created = cluster.registry.store(ConfigMap.class).create("del", new ConfigMapBuilder()
                .withNewMetadata().withName("cm").withLabels(Map.of("a", "b")).endMetadata()
                .withData(Map.of("k", "v")).build(), WriteOptions.DEFAULT);

        DeleteResult<ConfigMap> result = deleteLeavingShared(ConfigMap.class, "del", "cm", DeleteOptions.DEFAULT,
                shared -> assertThat(shared.getMetadata().getResourceVersion())
                        .isEqualTo(created.getMetadata().getResourceVersion()));

        assertThat(result.deleted()).isTrue();
        assertThat(Long.parseLong(result.object().getMetadata().getResourceVersion()))
                .isGreaterThan(Long.parseLong(created.getMetadata().getResourceVersion()));
    }

    @Test
    void aDeletedServiceReleasesItsAddressesFromACopy() {
        namespace("del");
        cluster.registry.store(Service.class).create("del", new ServiceBuilder().withNewMetadata().withName("svc")
                .endMetadata().withNewSpec().withType("NodePort").addNewPort().withPort(80).endPort().endSpec().build(),
                WriteOptions.DEFAULT);

        deleteLeavingShared(Service.class, "del", "svc", DeleteOptions.DEFAULT,
                shared -> assertThat(shared.getSpec().getType()).isEqualTo("NodePort"));
    }

    @Test
    void aPodHeldByAFinalizerOrAnOrphanPolicyIsMarkedOnACopy() {
        namespace("del");
        ResourceStore<Pod> pods = cluster.registry.store(Pod.class);
        for (String name : List.of("held", "orphaned")) {
            pods.create("del", new PodBuilder().withNewMetadata().withName(name)
                    .withFinalizers(name.equals("held") ? List.of("example.com/keep") : List.of()).endMetadata()
                    .withNewSpec().withNodeName("node-1").withTerminationGracePeriodSeconds(30L).addNewContainer()
                    .withName("c").withImage("nginx").endContainer().endSpec().build(), WriteOptions.DEFAULT);
        }

        DeleteResult<Pod> held = deleteLeavingShared(Pod.class, "del", "held", DeleteOptions.DEFAULT,
                shared -> assertThat(shared.getMetadata().getDeletionTimestamp()).isNull());
        DeleteResult<Pod> orphaned = deleteLeavingShared(Pod.class, "del", "orphaned",
                new DeleteOptions(false, 10L, null, null, "Orphan"),
                shared -> assertThat(shared.getMetadata().getFinalizers()).isEmpty());

        assertThat(held.deleted()).isFalse();
        assertThat(held.object().getMetadata().getDeletionTimestamp()).isNotNull();
        assertThat(orphaned.object().getMetadata().getFinalizers()).contains(DeletionFinalizers.ORPHAN);
        assertThat(orphaned.object().getMetadata().getDeletionGracePeriodSeconds()).isEqualTo(10L);
    }

    @Test
    void aNamespaceTurnsTerminatingOnACopy() {
        namespace("gone");

        DeleteResult<Namespace> result = deleteLeavingShared(Namespace.class, null, "gone", DeleteOptions.DEFAULT,
                shared -> assertThat(shared.getStatus() == null ? null : shared.getStatus().getPhase())
                        .isNotEqualTo("Terminating"));

        assertThat(result.object().getStatus().getPhase()).isEqualTo("Terminating");
    }
}
