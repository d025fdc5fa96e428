package io.kubeling.controllers.kubelet;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;

class PodsByNodeTest {

    private static Pod pod(String name, String node, long revision) {
        return new PodBuilder().withNewMetadata().withName(name).withNamespace("ns").withUid("uid-" + name)
                .withResourceVersion(Long.toString(revision)).endMetadata().withNewSpec().withNodeName(node).endSpec()
                .build();
    }

    private static List<String> names(List<Pod> pods) {
        return pods.stream().map(p -> p.getMetadata().getName()).sorted().toList();
    }

    @Test
    void podsAreFoundByTheirNode() {
        PodsByNode index = new PodsByNode();
        index.listed(List.of(pod("a", "node-1", 5), pod("b", "node-2", 6), pod("pending", null, 7)));
        index.put(pod("c", "node-1", 8));
        assertThat(names(index.on("node-1"))).containsExactly("a", "c");
        assertThat(names(index.on("node-2"))).containsExactly("b");
        assertThat(index.on("node-3")).isEmpty();
        index.remove(pod("a", "node-1", 5));
        assertThat(names(index.on("node-1"))).containsExactly("c");
    }

    @Test
    void aListReadBeforeLaterChangesDoesNotUndoThem() {
        PodsByNode index = new PodsByNode();
        // the feed brings a binding and a deletion while the first list, read earlier, is on its way
        index.put(pod("bound", "node-1", 10));
        index.remove(pod("gone", "node-1", 4));
        index.listed(List.of(pod("bound", null, 9), pod("gone", "node-1", 4), pod("old", "node-2", 3)));
        assertThat(names(index.on("node-1"))).containsExactly("bound");
        assertThat(names(index.on("node-2"))).containsExactly("old");
        // after the list the feed alone keeps the index
        index.remove(pod("bound", "node-1", 10));
        assertThat(index.on("node-1")).isEmpty();
    }
}
