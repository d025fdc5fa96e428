package io.kubeling.controllers.scheduler;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import io.fabric8.kubernetes.api.model.Affinity;
import io.fabric8.kubernetes.api.model.NodeSelectorRequirement;
import io.fabric8.kubernetes.api.model.NodeSelectorTerm;
import io.fabric8.kubernetes.api.model.Pod;

/**
 * The nodes a pod's required node affinity names, as kube's NodeAffinity PreFilter finds them: the terms are ORed,
 * so every term must name nodes ({@code matchFields} on {@code metadata.name} with {@code In}, intersected within a
 * term) for the names to bound the search. A DaemonSet's pods are bound to their node this way.
 */
final class NodeNames {

    private NodeNames() {
    }

    /** The names, or null when any node may do. */
    static Set<String> required(Pod pod) {
        Affinity affinity = pod.getSpec().getAffinity();
        if (affinity == null || affinity.getNodeAffinity() == null
                || affinity.getNodeAffinity().getRequiredDuringSchedulingIgnoredDuringExecution() == null) {
            return null;
        }
        List<NodeSelectorTerm> terms = affinity.getNodeAffinity().getRequiredDuringSchedulingIgnoredDuringExecution()
                .getNodeSelectorTerms();
        if (terms == null || terms.isEmpty()) {
            return null;
        }
        Set<String> names = new HashSet<>();
        for (NodeSelectorTerm term : terms) {
            Set<String> termNames = null;
            for (NodeSelectorRequirement r : term.getMatchFields() == null ? List.<NodeSelectorRequirement>of()
                    : term.getMatchFields()) {
                if ("metadata.name".equals(r.getKey()) && "In".equals(r.getOperator())) {
                    Set<String> values = new HashSet<>(r.getValues() == null ? List.of() : r.getValues());
                    if (termNames == null) {
                        termNames = values;
                    } else {
                        termNames.retainAll(values);
                    }
                }
            }
            if (termNames == null) {
                return null;
            }
            names.addAll(termNames);
        }
        return names;
    }
}
