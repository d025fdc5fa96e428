package io.kubeling.controllers.gc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceColumnDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceColumnDefinitionBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.kubeling.config.KubelingProperties;
import io.kubeling.controllers.ChangeFeed;
import io.kubeling.controllers.Managers;
import io.kubeling.registry.DeleteOptions;
import io.kubeling.registry.ListOptions;
import io.kubeling.registry.NameGenerator;
import io.kubeling.registry.ObjectCodec;
import io.kubeling.registry.Registry;
import io.kubeling.registry.ResourceStore;
import io.kubeling.registry.StatusException;
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
 * The collector on the registry, without Spring: it follows custom resources served before it starts (a restart)
 * and those served, replaced or withdrawn while it runs.
 */
class GarbageCollectorServedResourcesTest {

    private static final String CRD = "crontabs.stable.example.com";
    private static final String NO_UID = "00000000-0000-0000-0000-000000000000";

    ManualClock clock = new ManualClock(Instant.parse("2026-03-01T10:00:00Z"));
    InMemoryStorage storage;
    Registry registry;
    ChangeFeed feed;
    CustomResourceServing serving;
    GarbageCollector collector;
    ResourceStore<CustomResourceDefinition> crds;
    ResourceStore<ConfigMap> configMaps;
    volatile CountDownLatch hold = new CountDownLatch(0);

    @BeforeEach
    void setUp() {
        storage = InMemoryStorage.open(clock);
        registry = new Registry(List.of(new CustomResourceDefinitionResource().customresourcedefinitions(),
                new ConfigMapResource().configmaps()), storage.store(), new ObjectCodec(), clock, new NameGenerator(),
                List.of(), List.of(), List.of(), new KubelingProperties.Cache(1024, null));
        crds = registry.store(CustomResourceDefinition.class);
        configMaps = registry.store(ConfigMap.class);
        serving = new CustomResourceServing(registry, new SubresourceEndpoints(List.of()), new ObjectCodec());
        feed = new ChangeFeed(registry);
        // each sync waits while the test holds the worker
        collector = new GarbageCollector(registry, feed, sync -> key -> {
            try {
                hold.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            sync.accept(key);
        });
        serving.start();
    }

    @AfterEach
    void tearDown() {
        collector.stop();
        serving.stop();
        storage.close();
    }

    /** Creates the CRD and accepts its names, as the naming controller would. */
    private void installCrd() {
        crds.create(null, CrdSamples.crd("stable.example.com", "crontabs", "CronTab", "Namespaced"),
                WriteOptions.DEFAULT);
        crds.update(null, CRD, "status", current -> {
            current.getStatus().setAcceptedNames(current.getSpec().getNames());
            CrdConditions.set(current, CrdConditions.NAMES_ACCEPTED, "True", "NoConflicts", "no conflicts found",
                    "2026-03-01T10:00:00Z");
            return current;
        }, Managers.KUBE_APISERVER);
        await().atMost(Duration.ofSeconds(10)).until(() -> crontabs() != null);
    }

    @SuppressWarnings("unchecked")
    private ResourceStore<GenericKubernetesResource> crontabs() {
        return (ResourceStore<GenericKubernetesResource>) registry.find("stable.example.com", "v1", "crontabs")
                .orElse(null);
    }

    private GenericKubernetesResource cronTab(String name, String ownerKind, String ownerName, String ownerUid) {
        GenericKubernetesResource object = new GenericKubernetesResource();
        object.setApiVersion("stable.example.com/v1");
        object.setKind("CronTab");
        ObjectMeta meta = new ObjectMeta();
        meta.setName(name);
        if (ownerKind != null) {
            meta.setOwnerReferences(List.of(new OwnerReferenceBuilder().withApiVersion("v1").withKind(ownerKind)
                    .withName(ownerName).withUid(ownerUid).build()));
        }
        object.setMetadata(meta);
        return crontabs().create("default", object, WriteOptions.DEFAULT);
    }

    private ConfigMap configMap(String name, GenericKubernetesResource owner) {
        ConfigMapBuilder builder = new ConfigMapBuilder().withNewMetadata().withName(name).endMetadata();
        if (owner != null) {
            builder.editMetadata().withOwnerReferences(new OwnerReferenceBuilder()
                    .withApiVersion(owner.getApiVersion()).withKind(owner.getKind())
                    .withName(owner.getMetadata().getName()).withUid(owner.getMetadata().getUid()).build())
                    .endMetadata();
        }
        return configMaps.create("default", builder.build(), WriteOptions.DEFAULT);
    }

    private static boolean gone(ResourceStore<?> store, String name) {
        try {
            store.get("default", name);
            return false;
        } catch (StatusException e) {
            return e.code() == 404;
        }
    }

    private static void awaitGone(ResourceStore<?> store, String name) {
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(10)).until(() -> gone(store, name));
    }

    @Test
    void startsWithCustomResourcesServedAndCollectsThem() {
        installCrd();
        cronTab("orphaned", "ConfigMap", "never", NO_UID);
        ConfigMap owner = configMap("owner", null);
        cronTab("owned", "ConfigMap", "owner", owner.getMetadata().getUid());

        collector.start();
        assertThat(collector.isRunning()).isTrue();
        awaitGone(crontabs(), "orphaned");
        assertThat(gone(crontabs(), "owned")).isFalse();

        configMaps.delete("default", "owner", DeleteOptions.DEFAULT);
        awaitGone(crontabs(), "owned");
    }

    @Test
    void theFirstLookAtWhatIsServedIsTheWorkersNotTheStartingThreads() {
        installCrd();
        cronTab("orphaned", "ConfigMap", "never", NO_UID);
        hold = new CountDownLatch(1);

        collector.start();
        assertThat(collector.isRunning()).isTrue();
        assertThat(gone(crontabs(), "orphaned")).isFalse();

        hold.countDown();
        awaitGone(crontabs(), "orphaned");
    }

    @Test
    void followsCustomResourcesServedWhileItRuns() {
        collector.start();
        installCrd();
        GenericKubernetesResource owner = cronTab("owner", null, null, null);
        configMap("dep", owner);
        configMap("kept", null);
        crontabs().delete("default", "owner", DeleteOptions.DEFAULT);
        awaitGone(configMaps, "dep");
        assertThat(gone(configMaps, "kept")).isFalse();
    }

    @Test
    void followsTheStoreThatReplacesAnotherWhenTheCrdChanges() {
        collector.start();
        installCrd();
        ResourceStore<GenericKubernetesResource> first = crontabs();
        crds.update(null, CRD, null, current -> {
            List<CustomResourceColumnDefinition> columns = new ArrayList<>(
                    current.getSpec().getVersions().get(0).getAdditionalPrinterColumns());
            columns.add(new CustomResourceColumnDefinitionBuilder().withName("Extra").withPriority(1)
                    .withJsonPath(".spec.image").withType("string").build());
            current.getSpec().getVersions().get(0).setAdditionalPrinterColumns(columns);
            return current;
        }, Managers.KUBE_APISERVER);
        await().atMost(Duration.ofSeconds(10)).until(() -> crontabs() != first);

        GenericKubernetesResource owner = cronTab("owner", null, null, null);
        configMap("dep", owner);
        cronTab("orphaned", "ConfigMap", "never", NO_UID);
        awaitGone(crontabs(), "orphaned");
        crontabs().delete("default", "owner", DeleteOptions.DEFAULT);
        awaitGone(configMaps, "dep");
    }

    @Test
    void aWithdrawnResourceIsNoLongerFollowedAndItsDependentsStay() {
        collector.start();
        installCrd();
        GenericKubernetesResource owner = cronTab("owner", null, null, null);
        crds.update(null, CRD, "status", current -> {
            CrdConditions.set(current, CrdConditions.NAMES_ACCEPTED, "False", "Test", "withdrawn",
                    "2026-03-01T10:00:00Z");
            return current;
        }, Managers.KUBE_APISERVER);
        await().atMost(Duration.ofSeconds(10)).until(() -> crontabs() == null);
        configMap("dep", owner);
        configMap("lost", null);
        configMaps.update("default", "lost", null, current -> {
            current.getMetadata().setOwnerReferences(List.of(new OwnerReferenceBuilder().withApiVersion("v1")
                    .withKind("ConfigMap").withName("never").withUid(NO_UID).build()));
            return current;
        }, Managers.KUBE_APISERVER);
        awaitGone(configMaps, "lost");
        // an owner of a kind not served cannot be looked up: kube keeps the dependent
        assertThat(gone(configMaps, "dep")).isFalse();
    }

    @Test
    void dependentsOfAnInstanceGoWithItWhenItsCrdIsDeletedThoughTheKindIsWithdrawnFirst() {
        collector.start();
        installCrd();
        // once this one is collected the collector follows the custom resource
        cronTab("orphaned", "ConfigMap", "never", NO_UID);
        awaitGone(crontabs(), "orphaned");
        GenericKubernetesResource owner = cronTab("owner", null, null, null);
        configMap("dep", owner);
        configMap("kept", null);

        // the worst order: the collector's worker runs only once the kind is no longer served
        hold = new CountDownLatch(1);
        ResourceStore<GenericKubernetesResource> instances = crontabs();
        crds.delete(null, CRD, DeleteOptions.DEFAULT);
        instances.delete("default", "owner", DeleteOptions.DEFAULT);
        crds.update(null, CRD, null, current -> {
            current.getMetadata().setFinalizers(List.of());
            return current;
        }, Managers.KUBE_APISERVER);
        await().atMost(Duration.ofSeconds(10)).until(() -> crontabs() == null && crds.list(null, ListOptions.ALL).items().isEmpty());
        assertThat(registry.definitions()).noneMatch(d -> d.kind().equals("CronTab"));
        assertThat(gone(configMaps, "dep")).isFalse();
        hold.countDown();

        awaitGone(configMaps, "dep");
        assertThat(gone(configMaps, "kept")).isFalse();
    }
}
