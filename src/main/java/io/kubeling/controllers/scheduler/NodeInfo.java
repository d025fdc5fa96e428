package io.kubeling.controllers.scheduler;

import java.util.List;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Taint;

/**
 * One node as the scheduler sees it: the Node, what its assigned non-terminal pods request (as
 * asked and with scoring's non-zero defaults), how many there are, the host ports they hold, and
 * the node's allocatable, parsed once per node version rather than once per filter and score; and
 * the node's name, whether it is cordoned and its taints, which every decision reads of every node
 * it looks at, held here rather than reached through the Node's spec each time.
 */
record NodeInfo(Node node, Resources requested, long nonZeroMilliCpu, long nonZeroMemory, int podCount,
        List<PodRequests.HostPort> usedPorts, Resources allocatable, String name, boolean unschedulable,
        List<Taint> taints) {

    NodeInfo(Node node, Resources requested, long nonZeroMilliCpu, long nonZeroMemory, int podCount,
            List<PodRequests.HostPort> usedPorts, Resources allocatable) {
        this(node, requested, nonZeroMilliCpu, nonZeroMemory, podCount, usedPorts, allocatable,
                node.getMetadata().getName(),
                node.getSpec() != null && Boolean.TRUE.equals(node.getSpec().getUnschedulable()),
                node.getSpec() == null || node.getSpec().getTaints() == null ? List.of() : node.getSpec().getTaints());
    }

    NodeInfo(Node node, Resources requested, long nonZeroMilliCpu, long nonZeroMemory, int podCount,
            List<PodRequests.HostPort> usedPorts) {
        this(node, requested, nonZeroMilliCpu, nonZeroMemory, podCount, usedPorts,
                node.getStatus() == null ? Resources.ZERO : Resources.of(node.getStatus().getAllocatable()));
    }

    static NodeInfo empty(Node node) {
        return new NodeInfo(node, Resources.ZERO, 0, 0, 0, List.of());
    }

    /** The node with one more pod on it, as preemption puts a reprieved victim back. */
    NodeInfo with(PodRequests pod) {
        List<PodRequests.HostPort> ports = new java.util.ArrayList<>(usedPorts);
        ports.addAll(pod.hostPorts());
        return new NodeInfo(node, requested.plus(pod.requests()), nonZeroMilliCpu + pod.nonZeroMilliCpu(),
                nonZeroMemory + pod.nonZeroMemory(), podCount + 1, List.copyOf(ports), allocatable, name,
                unschedulable, taints);
    }

    /** The node without one of its pods, as preemption takes a victim off. */
    NodeInfo without(PodRequests pod) {
        List<PodRequests.HostPort> ports = new java.util.ArrayList<>(usedPorts);
        pod.hostPorts().forEach(ports::remove);
        return new NodeInfo(node, requested.minus(pod.requests()), nonZeroMilliCpu - pod.nonZeroMilliCpu(),
                nonZeroMemory - pod.nonZeroMemory(), podCount - 1, List.copyOf(ports), allocatable, name,
                unschedulable, taints);
    }
}
