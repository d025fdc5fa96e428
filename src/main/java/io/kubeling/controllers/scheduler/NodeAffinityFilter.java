package io.kubeling.controllers.scheduler;

import java.util.Map;

import io.fabric8.kubernetes.api.model.Affinity;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeSelector;
import io.fabric8.kubernetes.api.model.Pod;

/** NodeAffinity: the node has every nodeSelector label, and matches a term of the required node affinity. */
final class NodeAffinityFilter implements Filter {

    static final String REASON = "node(s) didn't match Pod's node affinity/selector";

    @Override
    public FilterResult filter(Pod pod, PodRequests requests, NodeInfo node) {
        return matches(pod, node.node()) ? FilterResult.FITS : FilterResult.unresolvable(REASON);
    }

    static boolean matches(Pod pod, Node node) {
        Map<String, String> selector = pod.getSpec().getNodeSelector();
        Affinity affinity = pod.getSpec().getAffinity();
        NodeSelector required = affinity == null || affinity.getNodeAffinity() == null ? null
                : affinity.getNodeAffinity().getRequiredDuringSchedulingIgnoredDuringExecution();
        if ((selector == null || selector.isEmpty()) && required == null) {
            // nothing asked of the node: its labels are not read at all
            return true;
        }
        Map<String, String> labels = node.getMetadata().getLabels() == null ? Map.of() : node.getMetadata().getLabels();
        if (selector != null) {
            for (Map.Entry<String, String> e : selector.entrySet()) {
                if (!e.getValue().equals(labels.get(e.getKey()))) {
                    return false;
                }
            }
        }
        return required == null || NodeSelectorMatching.anyTermMatches(required.getNodeSelectorTerms(), node);
    }
}
