package io.kubeling.controllers.scheduler;

import io.fabric8.kubernetes.api.model.Pod;

/** NodeName: a pod that names a node fits only there. */
final class NodeNameFilter implements Filter {

    static final String REASON = "node(s) didn't match the requested node name";

    @Override
    public FilterResult filter(Pod pod, PodRequests requests, NodeInfo node) {
        String wanted = pod.getSpec().getNodeName();
        return wanted == null || wanted.isEmpty() || wanted.equals(node.name()) ? FilterResult.FITS
                : FilterResult.unresolvable(REASON);
    }
}
