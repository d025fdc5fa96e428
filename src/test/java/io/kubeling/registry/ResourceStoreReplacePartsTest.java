package io.kubeling.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodStatusBuilder;
import io.kubeling.support.KubelingTest;

/** Updates whose change replaces parts of a shallow copy leave the shared current object as it was. */
@KubelingTest
class ResourceStoreReplacePartsTest {

    @Autowired
    Registry registry;

    private String namespace() {
        String ns = "rp-" + UUID.randomUUID().toString().substring(0, 8);
        registry.store(io.fabric8.kubernetes.api.model.Namespace.class).create(null,
                new NamespaceBuilder().withNewMetadata().withName(ns).endMetadata().build(), WriteOptions.DEFAULT);
        return ns;
    }

    private Pod created(ResourceStore<Pod> pods, String ns) {
        return pods.create(ns, new PodBuilder().withNewMetadata().withName("p").withLabels(Map.of("app", "a"))
                .endMetadata().withNewSpec().withSchedulerName("kubeling-test-unscheduled").addNewContainer()
                .withName("c").withImage("nginx").endContainer().endSpec().build(),
                new WriteOptions(false, "creator"));
    }

    @Test
    void aReplacedStatusIsWrittenAndRecordedWhileThePreviousRevisionStaysAsItWas() {
        String ns = namespace();
        ResourceStore<Pod> pods = registry.store(Pod.class);
        Pod before = created(pods, ns);
        String beforeJson = new String(new ObjectCodec().encode(before));

        Pod after = pods.replaceParts(ns, "p", "status", current -> {
            assertThat(current).isNotSameAs(before);
            assertThat(current.getSpec()).isSameAs(before.getSpec());
            current.setStatus(new PodStatusBuilder().withPhase("Running").withHostIP("10.0.0.9").build());
            current.getMetadata().setLabels(Map.of("app", "b"));
            return current;
        }, new WriteOptions(false, "kubelet")).object();

        assertThat(new String(new ObjectCodec().encode(before))).isEqualTo(beforeJson);
        assertThat(before.getStatus() == null ? null : before.getStatus().getPhase()).isNotEqualTo("Running");
        assertThat(Long.parseLong(after.getMetadata().getResourceVersion()))
                .isGreaterThan(Long.parseLong(before.getMetadata().getResourceVersion()));
        Pod stored = pods.peek(ns, "p");
        assertThat(stored.getStatus().getPhase()).isEqualTo("Running");
        assertThat(stored.getStatus().getHostIPs()).extracting(ip -> ip.getIp()).containsExactly("10.0.0.9");
        assertThat(stored.getMetadata().getLabels()).containsEntry("app", "b");
        assertThat(stored.getMetadata().getManagedFields()).extracting(e -> e.getManager() + "/" + e.getSubresource())
                .containsExactly("creator/null", "kubelet/status");
    }

    @Test
    void aChangeThatReturnsItsCopyAsItWasWritesNothing() {
        String ns = namespace();
        ResourceStore<Pod> pods = registry.store(Pod.class);
        Pod before = created(pods, ns);

        Pod after = pods.replaceParts(ns, "p", "status", current -> current, new WriteOptions(false, "kubelet"))
                .object();

        assertThat(after.getMetadata().getResourceVersion()).isEqualTo(before.getMetadata().getResourceVersion());
        assertThat(pods.peek(ns, "p").getMetadata().getManagedFields()).extracting(e -> e.getManager())
                .containsExactly("creator");
    }
}
