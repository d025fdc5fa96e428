package io.kubeling.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.ManagedFieldsEntry;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.kubeling.controllers.StoppedCluster;
import tools.jackson.databind.json.JsonMapper;

/** The managedFields an Update records: the fields the writer changed, whichever parts it sent unchanged. */
class ResourceStoreManagedFieldsTest {

    private static final JsonMapper JSON = new JsonMapper();

    private static Map<String, String> owners(Pod pod) {
        return pod.getMetadata().getManagedFields().stream().collect(Collectors.toMap(
                e -> e.getManager() + (e.getSubresource() == null ? "" : "/" + e.getSubresource()),
                e -> JSON.writeValueAsString(e.getFieldsV1())));
    }

    @Test
    void anUpdateOwnsWhatItChangedInMetadataSpecAndStatusAlike() {
        try (StoppedCluster cluster = new StoppedCluster()) {
            cluster.create(new NamespaceBuilder().withNewMetadata().withName("mf").endMetadata().build());
            ResourceStore<Pod> pods = cluster.registry.store(Pod.class);
            pods.create("mf", new PodBuilder().withNewMetadata().withName("p").withLabels(Map.of("app", "a"))
                    .endMetadata().withNewSpec().withSchedulerName("none").addNewContainer().withName("c")
                    .withImage("nginx").endContainer().endSpec().build(), new WriteOptions(false, "creator"));

            // the spec sent back as it was read: only the label is the labeller's
            Pod labelled = pods.update("mf", "p", null, current -> {
                current.getMetadata().getLabels().put("tier", "web");
                return current;
            }, new WriteOptions(false, "labeller")).object();
            assertThat(owners(labelled)).containsEntry("labeller",
                    "{\"f:metadata\":{\"f:labels\":{\"f:tier\":{}}}}");
            assertThat(owners(labelled).get("creator")).contains("f:containers").contains("f:app");

            // a changed spec field moves to its writer, the unchanged labels stay where they were
            Pod moved = pods.update("mf", "p", null, current -> {
                current.getSpec().setActiveDeadlineSeconds(30L);
                current.getSpec().getContainers().get(0).setImage("nginx:2");
                return current;
            }, new WriteOptions(false, "editor")).object();
            assertThat(owners(moved)).containsEntry("editor",
                    "{\"f:spec\":{\"f:activeDeadlineSeconds\":{},\"f:containers\":{\"k:{\\\"name\\\":\\\"c\\\"}\":"
                            + "{\"f:image\":{}}}}}");
            assertThat(owners(moved).get("labeller")).isEqualTo("{\"f:metadata\":{\"f:labels\":{\"f:tier\":{}}}}");
            assertThat(owners(moved).get("creator")).doesNotContain("\"f:image\"").contains("f:app");

            // the status subresource owns status fields even while the spec is sent unchanged
            Pod running = pods.update("mf", "p", "status", current -> {
                current.getStatus().setPhase("Running");
                return current;
            }, new WriteOptions(false, "kubelet")).object();
            assertThat(owners(running)).containsEntry("kubelet/status", "{\"f:status\":{\"f:phase\":{}}}");
            List<ManagedFieldsEntry> entries = running.getMetadata().getManagedFields();
            assertThat(entries).extracting(ManagedFieldsEntry::getManager)
                    .containsExactlyInAnyOrder("creator", "labeller", "editor", "kubelet");
        }
    }
}
