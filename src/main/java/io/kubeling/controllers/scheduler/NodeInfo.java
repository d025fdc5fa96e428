package io.kubeling.controllers.scheduler;

import java.util.List;

import io.fabric8.kubernetes.api.model.Node;

/**
 * One node as the scheduler sees it: the Node, what its assigned non-terminal pods request (as
 * asked and with scoring's non-zero defaults), how many there are, the lowest priority among them,
 * and the host ports they hold.
 */
record NodeInfo(Node node, Resources requested, long nonZeroMilliCpu, long nonZeroMemory, int podCount,
        List<PodRequests.HostPort> usedPorts, List<Integer> priorities, Resources allocatable) {

    /** Parses the node's allocatable once, not once per filter and score of every pod. */
    NodeInfo(Node node, Resources requested, long nonZeroMilliCpu, long nonZeroMemory, int podCount,
            List<PodRequests.HostPort> usedPorts, List<Integer> priorities) {
        this(node, requested, nonZeroMilliCpu, nonZeroMemory, podCount, usedPorts, priorities,
                node.getStatus() == null ? Resources.ZERO : Resources.of(node.getStatus().getAllocatable()));
    }

    static NodeInfo empty(Node node) {
        return new NodeInfo(node, Resources.ZERO, 0, 0, 0, List.of(), List.of());
    }

    String name() {
        return node.getMetadata().getName();
    }
}
