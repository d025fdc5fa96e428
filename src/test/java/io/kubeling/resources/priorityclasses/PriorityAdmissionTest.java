package io.kubeling.resources.priorityclasses;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.scheduling.v1.PriorityClass;
import io.kubeling.config.KubelingProperties;
import io.kubeling.registry.DeleteOptions;
import io.kubeling.registry.NameGenerator;
import io.kubeling.registry.ObjectCodec;
import io.kubeling.registry.Registry;
import io.kubeling.registry.StatusException;
import io.kubeling.registry.WriteOptions;
import io.kubeling.resources.namespaces.NamespaceResource;
import io.kubeling.resources.pods.PodResource;
import io.kubeling.support.InMemoryStorage;
import io.kubeling.support.ManualClock;

/** kube's Priority admission on the registry: pods' priorities, the one global default, the system classes. */
class PriorityAdmissionTest {

    private final ObjectCodec codec = new ObjectCodec();
    private final ManualClock clock = new ManualClock(Instant.parse("2026-01-01T00:00:00Z"));
    private InMemoryStorage storage;
    private Registry registry;

    @BeforeEach
    void setUp() {
        storage = InMemoryStorage.open(clock);
        AtomicReference<Registry> built = new AtomicReference<>();
        registry = new Registry(List.of(new NamespaceResource().namespaces(), new PodResource().pods(),
                new PriorityClassResource().priorityclasses()), storage.store(), codec, clock, new NameGenerator(),
                List.of(new PriorityAdmission(built::get)), List.of(), List.of(),
                new KubelingProperties.Cache(1024, null));
        built.set(registry);
        registry.store(Namespace.class).create(null, new NamespaceBuilder().withNewMetadata().withName("default")
                .endMetadata().build(), WriteOptions.DEFAULT);
        new SystemPriorityClassBootstrap(registry).ensure();
    }

    @AfterEach
    void tearDown() {
        storage.close();
    }

    @Test
    void theSystemClassesExistOnceWhateverTheNumberOfStarts() {
        new SystemPriorityClassBootstrap(registry).ensure();

        assertThat(registry.store(PriorityClass.class).list(null, io.kubeling.registry.ListOptions.ALL).items())
                .extracting(pc -> pc.getMetadata().getName() + "=" + pc.getValue() + "," + pc.getPreemptionPolicy())
                .containsExactlyInAnyOrder("system-cluster-critical=2000000000,PreemptLowerPriority",
                        "system-node-critical=2000001000,PreemptLowerPriority");
    }

    @Test
    void aPodTakesItsClassesValueOrZeroWithoutAGlobalDefault() {
        Pod critical = pod("critical", "\"priorityClassName\":\"system-node-critical\",");
        Pod plain = pod("plain", "");

        assertThat(critical.getSpec().getPriority()).isEqualTo(2000001000);
        assertThat(critical.getSpec().getPreemptionPolicy()).isEqualTo("PreemptLowerPriority");
        assertThat(plain.getSpec().getPriority()).isZero();
        assertThat(plain.getSpec().getPriorityClassName()).isNull();
        registry.store(Pod.class).delete("default", "plain", DeleteOptions.DEFAULT);
    }

    @Test
    void theGlobalDefaultClassIsNamedOnPodsWithoutOne() {
        priorityClass("{\"metadata\":{\"name\":\"batch\"},\"value\":-5,\"globalDefault\":true,"
                + "\"preemptionPolicy\":\"Never\"}");

        Pod pod = pod("defaulted", "");

        assertThat(pod.getSpec().getPriorityClassName()).isEqualTo("batch");
        assertThat(pod.getSpec().getPriority()).isEqualTo(-5);
        assertThat(pod.getSpec().getPreemptionPolicy()).isEqualTo("Never");
    }

    @Test
    void anUnknownClassOrADisagreeingValueIsForbiddenAndNothingIsStored() {
        assertThatThrownBy(() -> pod("lost", "\"priorityClassName\":\"gold\","))
                .isInstanceOfSatisfying(StatusException.class, e -> {
                    assertThat(e.code()).isEqualTo(403);
                    assertThat(e.status().getMessage())
                            .isEqualTo("pods \"lost\" is forbidden: no PriorityClass with name gold was found");
                });
        assertThatThrownBy(() -> pod("forged", "\"priorityClassName\":\"system-cluster-critical\",\"priority\":7,"))
                .isInstanceOfSatisfying(StatusException.class, e -> assertThat(e.status().getMessage())
                        .isEqualTo("pods \"forged\" is forbidden: the integer value of priority (7) must not be "
                                + "provided in pod spec; priority admission controller computed 2000000000 from the "
                                + "given PriorityClass name"));
        assertThat(registry.store(Pod.class).list("default", io.kubeling.registry.ListOptions.ALL).items()).isEmpty();
    }

    @Test
    void onlyOneClassMayBeTheGlobalDefault() {
        priorityClass("{\"metadata\":{\"name\":\"first\"},\"value\":10,\"globalDefault\":true}");

        assertThatThrownBy(() -> priorityClass("{\"metadata\":{\"name\":\"second\"},\"value\":20,\"globalDefault\":true}"))
                .isInstanceOfSatisfying(StatusException.class, e -> {
                    assertThat(e.code()).isEqualTo(403);
                    assertThat(e.status().getMessage()).isEqualTo("priorityclasses.scheduling.k8s.io \"second\" is "
                            + "forbidden: PriorityClass first is already marked as default. Only one default can exist");
                });
    }

    @Test
    void systemClassesCannotBeDeletedOrChanged() {
        assertThatThrownBy(() -> registry.store(PriorityClass.class).delete(null, "system-node-critical",
                DeleteOptions.DEFAULT)).isInstanceOfSatisfying(StatusException.class, e -> {
                    assertThat(e.code()).isEqualTo(403);
                    assertThat(e.status().getMessage()).isEqualTo("priorityclasses.scheduling.k8s.io "
                            + "\"system-node-critical\" is forbidden: this is a system priority class and cannot be "
                            + "deleted");
                });
        assertThatThrownBy(() -> registry.store(PriorityClass.class).update(null, "system-cluster-critical", null, pc -> {
            pc.setValue(5);
            return pc;
        }, WriteOptions.DEFAULT)).isInstanceOfSatisfying(StatusException.class, e -> {
            assertThat(e.code()).isEqualTo(422);
            assertThat(e.status().getMessage()).isEqualTo("PriorityClass.scheduling.k8s.io \"system-cluster-critical\" "
                    + "is invalid: [metadata.name: Forbidden: priority class names with 'system-' prefix are reserved "
                    + "for system use only. error: value of system-cluster-critical PriorityClass must be 2000000000, "
                    + "value: Forbidden: may not be changed in an update.]");
        });
        assertThatThrownBy(() -> priorityClass("{\"metadata\":{\"name\":\"system-mine\"},\"value\":1}"))
                .hasMessage("PriorityClass.scheduling.k8s.io \"system-mine\" is invalid: metadata.name: Forbidden: "
                        + "priority class names with 'system-' prefix are reserved for system use only. error: "
                        + "system-mine is not a known system priority class");
        assertThatThrownBy(() -> priorityClass("{\"metadata\":{\"name\":\"huge\"},\"value\":1000000001}"))
                .hasMessage("PriorityClass.scheduling.k8s.io \"huge\" is invalid: value: Forbidden: maximum allowed "
                        + "value of a user defined priority is 1000000000");
    }

    private Pod pod(String name, String specFields) {
        String json = "{\"metadata\":{\"name\":\"" + name + "\"},\"spec\":{" + specFields
                + "\"containers\":[{\"name\":\"c\",\"image\":\"nginx\"}]}}";
        return registry.store(Pod.class).create("default", codec.decode(json.getBytes(StandardCharsets.UTF_8),
                Pod.class), WriteOptions.DEFAULT);
    }

    private PriorityClass priorityClass(String json) {
        return registry.store(PriorityClass.class).create(null,
                codec.decode(json.getBytes(StandardCharsets.UTF_8), PriorityClass.class), WriteOptions.DEFAULT);
    }
}
