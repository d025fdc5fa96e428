package io.kubeling.controllers.scheduler;

import static io.kubeling.controllers.scheduler.Fixtures.node;
import static io.kubeling.controllers.scheduler.Fixtures.podRequesting;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.Pod;

class SchedulingCacheTest {

    private final SchedulingCache cache = new SchedulingCache();

    @BeforeEach
    void nodes() {
        cache.putNode(node("a"));
        cache.putNode(node("b"));
    }

    @Test
    void eachSnapshotShowsThePodsPlacedSinceTheLast() {
        assertThat(counts()).isEqualTo(Map.of("a", 0, "b", 0));
        cache.putPod(pod("one", "a", "Pending", 1));
        cache.putPod(pod("two", "a", "Pending", 2));
        assertThat(counts()).isEqualTo(Map.of("a", 2, "b", 0));
        assertThat(info("a").requested().milliCpu()).isEqualTo(200);

        cache.putPod(pod("three", "b", "Running", 3));
        assertThat(counts()).isEqualTo(Map.of("a", 2, "b", 1));
        assertThat(info("b").nonZeroMilliCpu()).isEqualTo(100);
    }

    @Test
    void finishedRemovedAndStalePodsLeaveOrStayAsTheirRevisionSays() {
        cache.putPod(pod("one", "a", "Running", 5));
        cache.putPod(pod("two", "a", "Running", 6));
        assertThat(counts()).isEqualTo(Map.of("a", 2, "b", 0));

        cache.putPod(pod("one", "a", "Succeeded", 7));
        assertThat(counts()).isEqualTo(Map.of("a", 1, "b", 0));

        cache.removePod(pod("two", "a", "Running", 8), 8);
        assertThat(counts()).isEqualTo(Map.of("a", 0, "b", 0));

        cache.putPod(pod("two", "a", "Running", 6));
        assertThat(counts()).as("an older revision does not bring a deleted pod back").isEqualTo(Map.of("a", 0, "b", 0));
    }

    @Test
    void aNodeReplacedOrAddedLaterIsSummedWithItsPods() {
        cache.putPod(pod("one", "c", "Running", 1));
        assertThat(counts()).isEqualTo(Map.of("a", 0, "b", 0));
        cache.putNode(node("c", "8", "32Gi", 10));
        assertThat(counts()).isEqualTo(Map.of("a", 0, "b", 0, "c", 1));
        assertThat(info("c").allocatable().milliCpu()).isEqualTo(8000);

        cache.removeNode(node("c"), 99);
        assertThat(counts()).isEqualTo(Map.of("a", 0, "b", 0));
    }

    @Test
    void aStatusWriteKeepsTheNodesSumsAndAResizeRedoesThem() {
        cache.putPod(pod("one", "a", "Pending", 1));
        NodeInfo before = info("a");

        cache.putPod(pod("one", "a", "Running", 2));
        assertThat(info("a")).isSameAs(before);

        Pod bigger = pod("one", "a", "Running", 3);
        bigger.getSpec().getContainers().get(0).getResources().getRequests()
                .put("cpu", new io.fabric8.kubernetes.api.model.Quantity("300m"));
        cache.putPod(bigger);
        assertThat(info("a")).isNotSameAs(before);
        assertThat(info("a").requested().milliCpu()).isEqualTo(300);
    }

    @Test
    void aSnapshotStaysAsItWasAndTheNextRedoesOnlyTheNodesThatChanged() {
        cache.putNode(node("c"));
        List<NodeInfo> first = cache.snapshot();
        cache.putPod(pod("one", "b", "Running", 1));
        List<NodeInfo> second = cache.snapshot();

        assertThat(first).extracting(NodeInfo::podCount).containsExactly(0, 0, 0);
        assertThat(second).extracting(NodeInfo::name).containsExactly("a", "b", "c");
        assertThat(second).extracting(NodeInfo::podCount).containsExactly(0, 1, 0);
        assertThat(second.get(0)).isSameAs(first.get(0));
        assertThat(second.get(2)).isSameAs(first.get(2));

        cache.putNode(node("ab"));
        cache.putNode(node("c", "8", "32Gi", 10));
        List<NodeInfo> third = cache.snapshot();
        assertThat(third).extracting(NodeInfo::name).containsExactly("a", "ab", "b", "c");
        assertThat(third.get(3).allocatable().milliCpu()).isEqualTo(8000);
        assertThat(third.get(2)).isSameAs(second.get(1));
    }

    private Map<String, Integer> counts() {
        return cache.snapshot().stream().collect(Collectors.toMap(NodeInfo::name, NodeInfo::podCount));
    }

    private NodeInfo info(String name) {
        List<NodeInfo> infos = cache.snapshot();
        return infos.stream().filter(i -> i.name().equals(name)).findFirst().orElseThrow();
    }

    private static Pod pod(String name, String node, String phase, long revision) {
        Pod pod = podRequesting("100m", "64Mi");
        pod.getMetadata().setName(name);
        pod.getMetadata().setUid("uid-" + name);
        pod.getMetadata().setResourceVersion(Long.toString(revision));
        pod.getSpec().setNodeName(node);
        pod.setStatus(new io.fabric8.kubernetes.api.model.PodStatus());
        pod.getStatus().setPhase(phase);
        return pod;
    }
}
