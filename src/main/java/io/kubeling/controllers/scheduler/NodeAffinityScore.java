package io.kubeling.controllers.scheduler;

import java.util.List;

import io.fabric8.kubernetes.api.model.Affinity;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PreferredSchedulingTerm;

/** NodeAffinity scoring: the weights of the preferred terms the node matches, normalized to 0..100. */
final class NodeAffinityScore implements Score {

    @Override
    public long score(Pod pod, PodRequests requests, NodeInfo node) {
        Affinity affinity = pod.getSpec().getAffinity();
        List<PreferredSchedulingTerm> preferred = affinity == null || affinity.getNodeAffinity() == null ? null
                : affinity.getNodeAffinity().getPreferredDuringSchedulingIgnoredDuringExecution();
        if (preferred == null || preferred.isEmpty()) {
            return 0;
        }
        long total = 0;
        for (PreferredSchedulingTerm term : preferred) {
            if (term.getWeight() != null && term.getWeight() != 0 && term.getPreference() != null
                    && NodeSelectorMatching.termMatches(term.getPreference(), node.node())) {
                total += term.getWeight();
            }
        }
        return total;
    }

    @Override
    public void normalize(long[] scores) {
        long max = 0;
        for (long sum : scores) {
            max = Math.max(max, sum);
        }
        for (int i = 0; i < scores.length; i++) {
            scores[i] = max == 0 ? 0 : scores[i] * MAX / max;
        }
    }

    @Override
    public int weight() {
        return 2;
    }
}
