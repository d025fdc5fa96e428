package io.kubeling.controllers.namespaces;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.NamespaceCondition;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionVersionBuilder;
import io.kubeling.config.KubelingProperties;
import io.kubeling.controllers.ChangeFeed;
import io.kubeling.controllers.Managers;
import io.kubeling.registry.DeleteOptions;
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
import io.kubeling.resources.namespaces.NamespaceResource;
import io.kubeling.support.CrdSamples;
import io.kubeling.support.InMemoryStorage;
import io.kubeling.support.ManualClock;

/** A terminating namespace holding custom resources of a CRD served in two versions, on the registry. */
class NamespaceDeletionOfCustomResourcesTest {

    ManualClock clock = new ManualClock(Instant.parse("2026-03-01T10:00:00Z"));
    InMemoryStorage storage;
    Registry registry;
    CustomResourceServing serving;
    NamespaceController controller;
    ResourceStore<Namespace> namespaces;

    @BeforeEach
    void setUp() {
        storage = InMemoryStorage.open(clock);
        registry = new Registry(List.of(new NamespaceResource().namespaces(), new ConfigMapResource().configmaps(),
                new CustomResourceDefinitionResource().customresourcedefinitions()), storage.store(),
                new ObjectCodec(), clock, new NameGenerator(), List.of(), List.of(), List.of(),
                new KubelingProperties.Cache(1024, null));
        namespaces = registry.store(Namespace.class);
        serving = new CustomResourceServing(registry, new SubresourceEndpoints(List.of()), new ObjectCodec());
        serving.start();
        controller = new NamespaceController(registry, new ChangeFeed(registry), clock);
        controller.start();
    }

    @AfterEach
    void tearDown() {
        controller.stop();
        serving.stop();
        storage.close();
    }

    /** A CRD served in v1 (its storage version) and v2, its names accepted as the naming controller would. */
    private void installTwoVersionCrd() {
        CustomResourceDefinition crd = CrdSamples.crd("stable.example.com", "crontabs", "CronTab", "Namespaced");
        crd.getSpec().getVersions().add(new CustomResourceDefinitionVersionBuilder(crd.getSpec().getVersions().get(0))
                .withName("v2").withStorage(false).build());
        ResourceStore<CustomResourceDefinition> crds = registry.store(CustomResourceDefinition.class);
        crds.create(null, crd, WriteOptions.DEFAULT);
        crds.update(null, "crontabs.stable.example.com", "status", current -> {
            current.getStatus().setAcceptedNames(current.getSpec().getNames());
            CrdConditions.set(current, CrdConditions.NAMES_ACCEPTED, "True", "NoConflicts", "no conflicts found",
                    "2026-03-01T10:00:00Z");
            return current;
        }, Managers.KUBE_APISERVER);
        await().atMost(Duration.ofSeconds(10)).until(() -> registry.find("stable.example.com", "v1", "crontabs")
                .isPresent() && registry.find("stable.example.com", "v2", "crontabs").isPresent());
    }

    @SuppressWarnings("unchecked")
    private ResourceStore<GenericKubernetesResource> crontabs(String version) {
        return (ResourceStore<GenericKubernetesResource>) registry.find("stable.example.com", version, "crontabs")
                .orElseThrow();
    }

    private void heldCronTab(String name) {
        GenericKubernetesResource object = new GenericKubernetesResource();
        object.setApiVersion("stable.example.com/v1");
        object.setKind("CronTab");
        ObjectMeta meta = new ObjectMeta();
        meta.setName(name);
        meta.setFinalizers(List.of("example.com/hold"));
        object.setMetadata(meta);
        crontabs("v1").create("team", object, WriteOptions.DEFAULT);
    }

    private NamespaceCondition condition(String type) {
        return namespaces.get(null, "team").getStatus().getConditions().stream()
                .filter(c -> c.getType().equals(type)).findFirst().orElse(null);
    }

    @Test
    void remainingCustomResourcesAreCountedOnceWhateverTheirVersions() {
        installTwoVersionCrd();
        namespaces.create(null, new NamespaceBuilder().withNewMetadata().withName("team").endMetadata().build(),
                WriteOptions.DEFAULT);
        heldCronTab("a");
        heldCronTab("b");

        namespaces.delete(null, "team", DeleteOptions.DEFAULT);
        await().atMost(Duration.ofSeconds(10)).until(() -> condition("NamespaceFinalizersRemaining") != null);

        assertThat(condition("NamespaceContentRemaining").getMessage())
                .isEqualTo("Some resources are remaining: crontabs.stable.example.com has 2 resource instances");
        assertThat(condition("NamespaceFinalizersRemaining").getMessage()).isEqualTo(
                "Some content in the namespace has finalizers remaining: example.com/hold in 2 resource instances");

        for (String name : List.of("a", "b")) {
            crontabs("v2").update("team", name, null, current -> {
                current.getMetadata().setFinalizers(List.of());
                return current;
            }, Managers.KUBE_APISERVER);
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> {
            try {
                namespaces.get(null, "team");
                return false;
            } catch (StatusException e) {
                return e.code() == 404;
            }
        });
    }
}
