package io.kubeling.controllers.customresources;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
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
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.kubeling.config.KubelingProperties;
import io.kubeling.controllers.ChangeFeed;
import io.kubeling.registry.DeleteOptions;
import io.kubeling.registry.ListOptions;
import io.kubeling.registry.NameGenerator;
import io.kubeling.registry.ObjectCodec;
import io.kubeling.registry.Registry;
import io.kubeling.registry.ResourceStore;
import io.kubeling.registry.StatusException;
import io.kubeling.registry.StoredChange;
import io.kubeling.registry.SubresourceEndpoints;
import io.kubeling.registry.WriteOptions;
import io.kubeling.resources.configmaps.ConfigMapResource;
import io.kubeling.resources.customresources.CrdConditions;
import io.kubeling.resources.customresources.CustomResourceDefinitionResource;
import io.kubeling.resources.customresources.CustomResourceServing;
import io.kubeling.support.CrdSamples;
import io.kubeling.support.InMemoryStorage;
import io.kubeling.support.ManualClock;

/**
 * A CRD's life through the registry, without Spring: its names accepted and the CRD established, its custom
 * resources served at once (status and generation as kube keeps them), name conflicts, and deletion.
 */
class CustomResourceLifecycleTest {

    ManualClock clock = new ManualClock(Instant.parse("2026-03-01T10:00:00Z"));
    InMemoryStorage storage;
    Registry registry;
    CustomResourceServing serving;
    CrdNamingController naming;
    CrdFinalizerController finalizer;
    ResourceStore<CustomResourceDefinition> crds;

    @BeforeEach
    void setUp() {
        storage = InMemoryStorage.open(clock);
        registry = new Registry(List.of(new CustomResourceDefinitionResource().customresourcedefinitions(),
                new ConfigMapResource().configmaps()), storage.store(), new ObjectCodec(), clock, new NameGenerator(),
                List.of(), List.of(), List.of(), new KubelingProperties.Cache(1024, null));
        crds = registry.store(CustomResourceDefinition.class);
        serving = new CustomResourceServing(registry, new SubresourceEndpoints(List.of()), new ObjectCodec());
        ChangeFeed feed = new ChangeFeed(registry);
        naming = new CrdNamingController(registry, feed, clock);
        finalizer = new CrdFinalizerController(registry, feed, clock);
        serving.start();
        naming.start();
        finalizer.start();
    }

    @AfterEach
    void tearDown() {
        finalizer.stop();
        naming.stop();
        serving.stop();
        storage.close();
    }

    @SuppressWarnings("unchecked")
    private ResourceStore<GenericKubernetesResource> crontabs() {
        return (ResourceStore<GenericKubernetesResource>) registry.find("stable.example.com", "v1", "crontabs")
                .orElseThrow();
    }

    private CustomResourceDefinition established(String name) {
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(10))
                .until(() -> CrdConditions.isTrue(crds.get(null, name), CrdConditions.ESTABLISHED));
        return crds.get(null, name);
    }

    private static GenericKubernetesResource cronTab(String name, Map<String, Object> spec) {
        GenericKubernetesResource object = new GenericKubernetesResource();
        object.setApiVersion("stable.example.com/v1");
        object.setKind("CronTab");
        ObjectMeta meta = new ObjectMeta();
        meta.setName(name);
        object.setMetadata(meta);
        object.setAdditionalProperty("spec", spec);
        return object;
    }

    @Test
    void aCreatedCrdIsEstablishedWellUnderASecondAndItsResourcesAreServed() {
        long start = System.nanoTime();
        crds.create(null, CrdSamples.crd("stable.example.com", "crontabs", "CronTab", "Namespaced"),
                WriteOptions.DEFAULT);
        CustomResourceDefinition crd = established("crontabs.stable.example.com");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(1));

        assertThat(crd.getStatus().getAcceptedNames()).isEqualTo(crd.getSpec().getNames());
        var accepted = CrdConditions.find(crd, CrdConditions.NAMES_ACCEPTED);
        assertThat(List.of(accepted.getStatus(), accepted.getReason(), accepted.getMessage()))
                .containsExactly("True", "NoConflicts", "no conflicts found");
        var established = CrdConditions.find(crd, CrdConditions.ESTABLISHED);
        assertThat(List.of(established.getReason(), established.getMessage()))
                .containsExactly("InitialNamesAccepted", "the initial names have been accepted");

        GenericKubernetesResource created = crontabs().create("default",
                cronTab("nightly", Map.of("cronSpec", "0 0 * * *", "replicas", 1)), WriteOptions.DEFAULT);
        assertThat(created.getMetadata().getGeneration()).isEqualTo(1L);
        assertThat(crontabs().get("default", "nightly").getAdditionalProperties().get("spec"))
                .isEqualTo(Map.of("cronSpec", "0 0 * * *", "replicas", 1));
    }

    @Test
    void theMainResourceIgnoresStatusAndStatusIgnoresTheRest() {
        crds.create(null, CrdSamples.crd("stable.example.com", "crontabs", "CronTab", "Namespaced"),
                WriteOptions.DEFAULT);
        established("crontabs.stable.example.com");
        GenericKubernetesResource withStatus = cronTab("a", Map.of("replicas", 1));
        withStatus.setAdditionalProperty("status", Map.of("replicas", 5));
        GenericKubernetesResource created = crontabs().create("default", withStatus, WriteOptions.DEFAULT);
        assertThat(created.getAdditionalProperties()).doesNotContainKey("status");

        GenericKubernetesResource statusOnly = crontabs().update("default", "a", "status", object -> {
            object.setAdditionalProperty("status", Map.of("replicas", 2));
            object.setAdditionalProperty("spec", Map.of("replicas", 9));
            return object;
        }, WriteOptions.DEFAULT).object();
        assertThat(statusOnly.getAdditionalProperties().get("status")).isEqualTo(Map.of("replicas", 2));
        assertThat(statusOnly.getAdditionalProperties().get("spec")).isEqualTo(Map.of("replicas", 1));
        assertThat(statusOnly.getMetadata().getGeneration()).isEqualTo(1L);

        GenericKubernetesResource specChange = crontabs().update("default", "a", null, object -> {
            object.setAdditionalProperty("spec", Map.of("replicas", 3));
            object.setAdditionalProperty("status", Map.of("replicas", 7));
            return object;
        }, WriteOptions.DEFAULT).object();
        assertThat(specChange.getAdditionalProperties().get("status")).isEqualTo(Map.of("replicas", 2));
        assertThat(specChange.getMetadata().getGeneration()).isEqualTo(2L);
    }

    @Test
    void theSchemaRefusesInvalidValuesWithKubesMessage() {
        crds.create(null, CrdSamples.crd("stable.example.com", "crontabs", "CronTab", "Namespaced"),
                WriteOptions.DEFAULT);
        established("crontabs.stable.example.com");

        assertThatThrownBy(() -> crontabs().create("default", cronTab("bad", Map.of("replicas", -1)),
                WriteOptions.DEFAULT)).isInstanceOfSatisfying(StatusException.class, e -> {
                    assertThat(e.code()).isEqualTo(422);
                    assertThat(e.getMessage()).isEqualTo("CronTab.stable.example.com \"bad\" is invalid: "
                            + "spec.replicas: Invalid value: -1: spec.replicas in body should be greater than or equal to 0");
                });
    }

    @Test
    void aKindAnotherCrdOfTheGroupHoldsIsNotAccepted() {
        // kube checks kind, then listKind, and reports the last conflict found
        crds.create(null, CrdSamples.crd("stable.example.com", "crontabs", "CronTab", "Namespaced"),
                WriteOptions.DEFAULT);
        established("crontabs.stable.example.com");
        CustomResourceDefinition rival = CrdSamples.crd("stable.example.com", "crons", "CronTab", "Namespaced");
        rival.getSpec().getNames().setSingular("cron");
        rival.getSpec().getNames().setShortNames(List.of());
        crds.create(null, rival, WriteOptions.DEFAULT);

        await().atMost(Duration.ofSeconds(10)).until(() -> CrdConditions.find(crds.get(null, "crons.stable.example.com"),
                CrdConditions.NAMES_ACCEPTED) != null);
        CustomResourceDefinition refused = crds.get(null, "crons.stable.example.com");
        var accepted = CrdConditions.find(refused, CrdConditions.NAMES_ACCEPTED);
        assertThat(List.of(accepted.getStatus(), accepted.getReason(), accepted.getMessage()))
                .containsExactly("False", "ListKindConflict", "\"CronTabList\" is already in use");
        var established = CrdConditions.find(refused, CrdConditions.ESTABLISHED);
        assertThat(List.of(established.getStatus(), established.getReason(), established.getMessage()))
                .containsExactly("False", "NotAccepted", "not all names are accepted");
        assertThat(refused.getStatus().getAcceptedNames().getPlural()).isEqualTo("crons");
        assertThat(refused.getStatus().getAcceptedNames().getKind()).isEmpty();
    }

    @Test
    void deletingTheCrdDeletesItsInstancesFirstThenStopsServingIt() {
        crds.create(null, CrdSamples.crd("stable.example.com", "crontabs", "CronTab", "Namespaced"),
                WriteOptions.DEFAULT);
        established("crontabs.stable.example.com");
        crontabs().create("default", cronTab("a", Map.of()), WriteOptions.DEFAULT);
        crontabs().create("team", cronTab("b", Map.of()), WriteOptions.DEFAULT);
        List<String> deletedKeys = new CopyOnWriteArrayList<>();
        crontabs().subscribe(change -> {
            if (change.type() == StoredChange.Type.DELETED) {
                deletedKeys.add(change.key());
            }
        });
        ResourceStore<ConfigMap> configMaps = registry.store(ConfigMap.class);
        List<StoredChange> configMapEvents = new CopyOnWriteArrayList<>();
        configMaps.subscribe(configMapEvents::add);

        crds.delete(null, "crontabs.stable.example.com", DeleteOptions.DEFAULT);
        await().atMost(Duration.ofSeconds(10)).until(() -> crds.list(null, ListOptions.ALL).items().isEmpty());

        assertThat(deletedKeys).containsExactlyInAnyOrder("/registry/stable.example.com/crontabs/default/a",
                "/registry/stable.example.com/crontabs/team/b");
        await().atMost(Duration.ofSeconds(5))
                .until(() -> registry.find("stable.example.com", "v1", "crontabs").isEmpty());
        configMaps.create("default", new ConfigMapBuilder().withNewMetadata().withName("after").endMetadata().build(),
                WriteOptions.DEFAULT);
        await().atMost(Duration.ofSeconds(5)).until(() -> configMapEvents.size() == 1);
    }

    @Test
    void aRestartedServingServesTheEstablishedCrdsAtOnce() {
        crds.create(null, CrdSamples.crd("stable.example.com", "widgets", "Widget", "Cluster"), WriteOptions.DEFAULT);
        established("widgets.stable.example.com");
        serving.stop();
        Registry fresh = new Registry(List.of(new CustomResourceDefinitionResource().customresourcedefinitions()),
                storage.store(), new ObjectCodec(), clock, new NameGenerator(), List.of(), List.of(), List.of(),
                new KubelingProperties.Cache(1024, null));
        assertThat(fresh.find("stable.example.com", "v1", "widgets")).isEmpty();

        CustomResourceServing restarted = new CustomResourceServing(fresh, new SubresourceEndpoints(List.of()),
                new ObjectCodec());
        restarted.start();
        try {
            assertThat(fresh.find("stable.example.com", "v1", "widgets")).hasValueSatisfying(
                    store -> assertThat(store.definition().namespaced()).isFalse());
        } finally {
            restarted.stop();
        }
    }
}
