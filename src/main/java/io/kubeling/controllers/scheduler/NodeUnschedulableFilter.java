package io.kubeling.controllers.scheduler;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Taint;
import io.kubeling.resources.nodes.Tolerations;

/** NodeUnschedulable: a cordoned node takes only pods that tolerate its unschedulable taint. */
final class NodeUnschedulableFilter implements Filter {

    static final String REASON = "node(s) were unschedulable";

    @Override
    public FilterResult filter(Pod pod, PodRequests requests, NodeInfo node) {
        if (!node.unschedulable()) {
            return FilterResult.FITS;
        }
        Taint unschedulable = new Taint();
        unschedulable.setKey("node.kubernetes.io/unschedulable");
        unschedulable.setEffect("NoSchedule");
        return Tolerations.tolerated(pod.getSpec().getTolerations(), unschedulable) ? FilterResult.FITS
                : FilterResult.unresolvable(REASON);
    }
}
