package io.kubeling.controllers.scheduler;

import java.util.List;
import java.util.Optional;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Taint;
import io.kubeling.resources.nodes.Tolerations;

/** TaintToleration: the node's first NoSchedule or NoExecute taint the pod does not tolerate rejects it. */
final class TaintTolerationFilter implements Filter {

    private static final List<String> EFFECTS = List.of("NoSchedule", "NoExecute");

    @Override
    public FilterResult filter(Pod pod, PodRequests requests, NodeInfo node) {
        List<Taint> taints = node.taints();
        if (taints == null || taints.isEmpty()) {
            // most nodes have none: nothing to look up, and no Optional made, for each of some 400 nodes a pod
            return FilterResult.FITS;
        }
        Optional<Taint> untolerated = Tolerations.firstUntolerated(taints, pod.getSpec().getTolerations(), EFFECTS);
        return untolerated.map(t -> FilterResult.unresolvable("node(s) had untolerated taint {" + t.getKey() + ": "
                + (t.getValue() == null ? "" : t.getValue()) + "}")).orElse(FilterResult.FITS);
    }
}
