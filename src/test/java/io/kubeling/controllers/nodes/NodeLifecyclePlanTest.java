package io.kubeling.controllers.nodes;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.NodeCondition;
import io.fabric8.kubernetes.api.model.Taint;

class NodeLifecyclePlanTest {

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private static final Duration GRACE = Duration.ofSeconds(40);

    private static Node node(List<NodeCondition> conditions) {
        return new NodeBuilder().withNewMetadata().withName("n").withCreationTimestamp("2026-01-01T00:00:00Z")
                .endMetadata().withNewSpec().endSpec().withNewStatus().withConditions(conditions).endStatus().build();
    }

    private static List<String> ids(List<Taint> taints) {
        return taints.stream().map(t -> t.getKey() + ":" + t.getEffect()).toList();
    }

    @Test
    void aSilentKubeletTurnsItsNodeUnknownOnlyAfterTheGracePeriod() {
        Node node = node(NodeConditionSet.healthy(T0));
        assertThat(NodeLifecyclePlan.silentConditions(node, T0.plusSeconds(10), T0.plusSeconds(45), GRACE)).isNull();
        List<NodeCondition> unknown = NodeLifecyclePlan.silentConditions(node, T0.plusSeconds(10), T0.plusSeconds(51),
                GRACE);
        assertThat(unknown).extracting(NodeCondition::getStatus).containsOnly("Unknown");
        assertThat(unknown).extracting(NodeCondition::getReason).containsOnly("NodeStatusUnknown");
        assertThat(unknown).extracting(NodeCondition::getMessage).containsOnly("Kubelet stopped posting node status.");
        NodeCondition ready = NodeConditionSet.find(unknown, "Ready");
        assertThat(ready.getLastHeartbeatTime()).isEqualTo("2026-01-01T00:00:00Z");
        assertThat(ready.getLastTransitionTime()).isEqualTo("2026-01-01T00:00:51Z");
        assertThat(NodeLifecyclePlan.silentConditions(node(unknown), T0, T0.plusSeconds(100), GRACE)).isNull();
    }

    @Test
    void aNodeThatNeverPostedSaysSo() {
        List<NodeCondition> unknown = NodeLifecyclePlan.silentConditions(node(List.of()), null, T0.plusSeconds(41),
                GRACE);
        assertThat(unknown).extracting(NodeCondition::getReason).containsOnly("NodeStatusNeverUpdated");
        assertThat(unknown).extracting(NodeCondition::getMessage).containsOnly("Kubelet never posted node status.");
    }

    @Test
    void readyFalseAndUnknownCallForNoScheduleAndNoExecuteTaints() {
        Node notReady = node(NodeConditionSet.desired(false, T0));
        List<Taint> taints = NodeLifecyclePlan.taints(notReady, T0);
        assertThat(ids(taints)).containsExactly("node.kubernetes.io/not-ready:NoSchedule",
                "node.kubernetes.io/not-ready:NoExecute");
        assertThat(taints.get(0).getTimeAdded()).isNull();
        assertThat(taints.get(1).getTimeAdded()).isEqualTo("2026-01-01T00:00:00Z");

        notReady.getSpec().setTaints(taints);
        List<NodeCondition> unknown = NodeLifecyclePlan.silentConditions(notReady, T0, T0.plusSeconds(60), GRACE);
        notReady.getStatus().setConditions(unknown);
        assertThat(ids(NodeLifecyclePlan.taints(notReady, T0))).containsExactly(
                "node.kubernetes.io/unreachable:NoSchedule", "node.kubernetes.io/unreachable:NoExecute");
    }

    @Test
    void aCordonIsTaintedAndOtherTaintsAreKept() {
        Node node = node(NodeConditionSet.healthy(T0));
        Taint own = new Taint("NoSchedule", "dedicated", null, "gpu");
        node.getSpec().setTaints(List.of(own));
        assertThat(NodeLifecyclePlan.taints(node, T0)).isNull();
        node.getSpec().setUnschedulable(true);
        List<Taint> cordoned = NodeLifecyclePlan.taints(node, T0);
        assertThat(ids(cordoned)).containsExactly("dedicated:NoSchedule", "node.kubernetes.io/unschedulable:NoSchedule");
        node.getSpec().setTaints(cordoned);
        node.getSpec().setUnschedulable(null);
        assertThat(ids(NodeLifecyclePlan.taints(node, T0))).containsExactly("dedicated:NoSchedule");
    }
}
