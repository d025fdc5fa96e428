package io.kubeling.resources.runtimeclasses;

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
import io.fabric8.kubernetes.api.model.node.v1.RuntimeClass;
import io.kubeling.config.KubelingProperties;
import io.kubeling.registry.NameGenerator;
import io.kubeling.registry.ObjectCodec;
import io.kubeling.registry.Registry;
import io.kubeling.registry.StatusException;
import io.kubeling.registry.WriteOptions;
import io.kubeling.resources.namespaces.NamespaceResource;
import io.kubeling.resources.pods.PodResource;
import io.kubeling.support.InMemoryStorage;
import io.kubeling.support.ManualClock;

/** kube's RuntimeClass admission on the registry: the class must exist, and brings overhead and scheduling. */
class RuntimeClassAdmissionTest {

    private final ObjectCodec codec = new ObjectCodec();
    private InMemoryStorage storage;
    private Registry registry;

    @BeforeEach
    void setUp() {
        ManualClock clock = new ManualClock(Instant.parse("2026-01-01T00:00:00Z"));
        storage = InMemoryStorage.open(clock);
        AtomicReference<Registry> built = new AtomicReference<>();
        registry = new Registry(List.of(new NamespaceResource().namespaces(), new PodResource().pods(),
                new RuntimeClassResource().runtimeclasses()), storage.store(), codec, clock, new NameGenerator(),
                List.of(new RuntimeClassAdmission(built::get)), List.of(), List.of(),
                new KubelingProperties.Cache(1024, null));
        built.set(registry);
        registry.store(Namespace.class).create(null, new NamespaceBuilder().withNewMetadata().withName("default")
                .endMetadata().build(), WriteOptions.DEFAULT);
        registry.store(RuntimeClass.class).create(null, codec.decode("""
                {"metadata":{"name":"gvisor"},"handler":"runsc","overhead":{"podFixed":{"cpu":"250m"}},
                 "scheduling":{"nodeSelector":{"sandbox":"gvisor"},
                               "tolerations":[{"key":"sandbox","operator":"Exists","effect":"NoSchedule"}]}}"""
                .getBytes(StandardCharsets.UTF_8), RuntimeClass.class), WriteOptions.DEFAULT);
    }

    @AfterEach
    void tearDown() {
        storage.close();
    }

    @Test
    void theClassBringsItsOverheadNodeSelectorAndTolerations() {
        Pod pod = pod("sandboxed", "\"runtimeClassName\":\"gvisor\",\"nodeSelector\":{\"zone\":\"a\"},");

        assertThat(pod.getSpec().getOverhead()).containsOnlyKeys("cpu");
        assertThat(pod.getSpec().getOverhead().get("cpu").toString()).isEqualTo("250m");
        assertThat(pod.getSpec().getNodeSelector()).containsEntry("sandbox", "gvisor").containsEntry("zone", "a");
        assertThat(pod.getSpec().getTolerations()).extracting(t -> t.getKey()).contains("sandbox");
    }

    @Test
    void anUnknownClassOrAConflictingSelectorIsForbidden() {
        assertThatThrownBy(() -> pod("lost", "\"runtimeClassName\":\"kata\","))
                .isInstanceOfSatisfying(StatusException.class, e -> {
                    assertThat(e.code()).isEqualTo(403);
                    assertThat(e.status().getMessage())
                            .isEqualTo("pods \"lost\" is forbidden: pod rejected: RuntimeClass \"kata\" not found");
                });
        assertThatThrownBy(() -> pod("clash", "\"runtimeClassName\":\"gvisor\",\"nodeSelector\":{\"sandbox\":\"no\"},"))
                .hasMessage("pods \"clash\" is forbidden: conflict: runtimeClass.scheduling.nodeSelector[sandbox] = "
                        + "gvisor; pod.spec.nodeSelector[sandbox] = no");
    }

    private Pod pod(String name, String specFields) {
        String json = "{\"metadata\":{\"name\":\"" + name + "\"},\"spec\":{" + specFields
                + "\"containers\":[{\"name\":\"c\",\"image\":\"nginx\"}]}}";
        return registry.store(Pod.class).create("default", codec.decode(json.getBytes(StandardCharsets.UTF_8),
                Pod.class), WriteOptions.DEFAULT);
    }
}
