package io.kubeling.controllers.scheduler;

import java.util.List;

import io.fabric8.kubernetes.api.model.Node;

/**
 * One node as the scheduler sees it: the Node, what its assigned non-terminal pods request (as
 * asked and with scoring's non-zero defaults), how many there are, the host ports they hold, and
 * the node's allocatable, parsed once per node version rather than once per filter and score.
 */
record NodeInfo(Node node, Resources requested, long nonZeroMilliCpu, long nonZeroMemory, int podCount,
        List<PodRequests.HostPort> usedPorts, Resources allocatable) {

    NodeInfo(Node node, Resources requested, long nonZeroMilliCpu, long nonZeroMemory, int podCount,
            List<PodRequests.HostPort> usedPorts) {
        this(node, requested, nonZeroMilliCpu, nonZeroMemory, podCount, usedPorts,
                node.getStatus() == null ? Resources.ZERO : Resources.of(node.getStatus().getAllocatable()));
    }

    static NodeInfo empty(Node node) {
        return new NodeInfo(node, Resources.ZERO, 0, 0, 0, List.of());
    }

    String name() {
        return node.getMetadata().getName();
    }
}
