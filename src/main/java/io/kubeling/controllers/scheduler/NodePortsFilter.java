package io.kubeling.controllers.scheduler;

import io.fabric8.kubernetes.api.model.Pod;

/** NodePorts: no host port the pod wants is held on the node for the same protocol and an overlapping IP. */
final class NodePortsFilter implements Filter {

    static final String REASON = "node(s) didn't have free ports for the requested pod ports";

    @Override
    public FilterResult filter(Pod pod, PodRequests requests, NodeInfo node) {
        if (requests.hostPorts().isEmpty()) {
            return FilterResult.FITS;
        }
        for (PodRequests.HostPort wanted : requests.hostPorts()) {
            for (PodRequests.HostPort used : node.usedPorts()) {
                if (wanted.conflicts(used)) {
                    return FilterResult.unschedulable(java.util.List.of(REASON));
                }
            }
        }
        return FilterResult.FITS;
    }
}
