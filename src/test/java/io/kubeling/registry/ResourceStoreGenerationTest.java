package io.kubeling.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.kubeling.config.KubelingProperties;
import io.kubeling.resources.configmaps.ConfigMapResource;
import io.kubeling.resources.deployments.DeploymentResource;
import io.kubeling.resources.pods.PodResource;
import io.kubeling.support.InMemoryStorage;
import io.kubeling.support.ManualClock;

/**
 * metadata.generation as kube-apiserver keeps it: the client's value on create for kinds whose strategy sets none,
 * the stored value on update, and one more when a deletion starts (BeforeDelete, markAsDeleting).
 */
class ResourceStoreGenerationTest {

    ManualClock clock = new ManualClock(Instant.parse("2026-03-01T10:00:00Z"));
    InMemoryStorage storage;
    ResourceStore<ConfigMap> configMaps;
    ResourceStore<Deployment> deployments;
    ResourceStore<Pod> pods;

    @BeforeEach
    void setUp() {
        storage = InMemoryStorage.open(clock);
        Registry registry = new Registry(List.of(new ConfigMapResource().configmaps(),
                new DeploymentResource().deployments(), new PodResource().pods()), storage.store(), new ObjectCodec(),
                clock, new NameGenerator(), List.of(), List.of(), List.of(), new KubelingProperties.Cache(1024, null));
        configMaps = registry.store(ConfigMap.class);
        deployments = registry.store(Deployment.class);
        pods = registry.store(Pod.class);
    }

    @AfterEach
    void tearDown() {
        storage.close();
    }

    private ConfigMap configMap(String name, Long generation, String... finalizers) {
        return configMaps.create("default", new ConfigMapBuilder().withNewMetadata().withName(name)
                .withGeneration(generation).withFinalizers(finalizers).endMetadata().withData(Map.of("k", "v"))
                .build(), WriteOptions.DEFAULT);
    }

    private Deployment deployment(String name, Long generation, String... finalizers) {
        return deployments.create("default", new DeploymentBuilder().withNewMetadata().withName(name)
                .withGeneration(generation).withFinalizers(finalizers).endMetadata().withNewSpec().withNewSelector()
                .withMatchLabels(Map.of("app", name)).endSelector().withNewTemplate().withNewMetadata()
                .withLabels(Map.of("app", name)).endMetadata().withNewSpec().addNewContainer().withName("c")
                .withImage("nginx").endContainer().endSpec().endTemplate().endSpec().build(), WriteOptions.DEFAULT);
    }

    @Test
    void aKindWithoutGenerationKeepsTheOneItsClientSetOnCreateAndUpdatesKeepTheStoredOne() {
        assertThat(configMap("kept", 7L).getMetadata().getGeneration()).isEqualTo(7L);

        ConfigMap updated = configMaps.update("default", "kept", null, cm -> {
            cm.getMetadata().setGeneration(9L);
            cm.setData(Map.of("k", "changed"));
            return cm;
        }, WriteOptions.DEFAULT).object();
        assertThat(updated.getMetadata().getGeneration()).isEqualTo(7L);
        ConfigMap cleared = configMaps.update("default", "kept", null, cm -> {
            cm.getMetadata().setGeneration(null);
            return cm;
        }, WriteOptions.DEFAULT).object();
        assertThat(cleared.getMetadata().getGeneration()).isEqualTo(7L);
        assertThat(configMaps.get("default", "kept").getMetadata().getGeneration()).isEqualTo(7L);

        assertThat(configMap("zero", 0L).getMetadata().getGeneration()).isNull();
        assertThat(configMap("none", null).getMetadata().getGeneration()).isNull();
    }

    @Test
    void aNegativeGenerationIsRefusedAsKubeValidatesObjectMeta() {
        assertThatThrownBy(() -> configMap("negative", -1L)).isInstanceOfSatisfying(StatusException.class, e -> {
            assertThat(e.code()).isEqualTo(422);
            assertThat(e.status().getMessage()).isEqualTo("ConfigMap \"negative\" is invalid: metadata.generation: "
                    + "Invalid value: -1: must be greater than or equal to 0");
        });
        assertThatThrownBy(() -> configMaps.get("default", "negative"))
                .isInstanceOfSatisfying(StatusException.class, e -> assertThat(e.code()).isEqualTo(404));
    }

    @Test
    void aKindThatTracksGenerationStartsAtOneWhateverItsClientSent() {
        assertThat(deployment("d", 7L).getMetadata().getGeneration()).isEqualTo(1L);
    }

    @Test
    void finalizersHoldingADeletionMoveTheGenerationOnOnceWhenTheDeletionStarts() {
        deployment("held", null, "example.com/hold");

        Deployment deleting = deployments.delete("default", "held", DeleteOptions.DEFAULT).object();
        assertThat(deleting.getMetadata().getDeletionTimestamp()).isNotNull();
        assertThat(deleting.getMetadata().getGeneration()).isEqualTo(2L);
        deployments.delete("default", "held", new DeleteOptions(false, null, null, null, "Foreground"));
        assertThat(deployments.get("default", "held").getMetadata().getGeneration()).isEqualTo(2L);
        Deployment relabelled = deployments.update("default", "held", null, d -> {
            d.getMetadata().setLabels(Map.of("more", "x"));
            return d;
        }, WriteOptions.DEFAULT).object();
        assertThat(relabelled.getMetadata().getGeneration()).isEqualTo(2L);

        deployment("foreground", null);
        Deployment foreground = deployments.delete("default", "foreground",
                new DeleteOptions(false, null, null, null, "Foreground")).object();
        assertThat(foreground.getMetadata().getFinalizers()).containsExactly("foregroundDeletion");
        assertThat(foreground.getMetadata().getGeneration()).isEqualTo(2L);
    }

    @Test
    void aDeletionMovesOnOnlyAGenerationThatIsSet() {
        configMap("unset", null, "example.com/hold");
        configMap("set", 3L, "example.com/hold");

        assertThat(configMaps.delete("default", "unset", DeleteOptions.DEFAULT).object().getMetadata()
                .getGeneration()).isNull();
        assertThat(configMaps.delete("default", "set", DeleteOptions.DEFAULT).object().getMetadata()
                .getGeneration()).isEqualTo(4L);
    }

    @Test
    void aGracefulDeletionMovesTheGenerationOnWhenItStartsNotWhenItIsShortened() {
        Pod pod = pods.create("default", new PodBuilder().withNewMetadata().withName("p").withGeneration(5L)
                .endMetadata().withNewSpec().withNodeName("node-1").withTerminationGracePeriodSeconds(30L)
                .addNewContainer().withName("c").withImage("nginx").endContainer().endSpec().build(),
                WriteOptions.DEFAULT);
        long created = pod.getMetadata().getGeneration();

        Pod terminating = pods.delete("default", "p", DeleteOptions.DEFAULT).object();
        assertThat(terminating.getMetadata().getDeletionGracePeriodSeconds()).isEqualTo(30L);
        assertThat(terminating.getMetadata().getGeneration()).isEqualTo(created + 1);
        Pod shortened = pods.delete("default", "p", new DeleteOptions(false, 10L, null, null, null)).object();
        assertThat(shortened.getMetadata().getDeletionGracePeriodSeconds()).isEqualTo(10L);
        assertThat(shortened.getMetadata().getGeneration()).isEqualTo(created + 1);
    }
}
