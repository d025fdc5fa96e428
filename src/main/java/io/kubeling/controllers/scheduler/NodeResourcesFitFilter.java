package io.kubeling.controllers.scheduler;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.fabric8.kubernetes.api.model.Pod;

/**
 * NodeResourcesFit: room for one more pod, and for what the pod requests of each resource within
 * the node's allocatable less what its pods already request.
 */
final class NodeResourcesFitFilter implements Filter {

    @Override
    public FilterResult filter(Pod pod, PodRequests requests, NodeInfo node) {
        Resources allocatable = node.allocatable();
        Resources used = node.requested();
        Resources wanted = requests.requests();
        // for each of some 400 nodes a pod, most of which fit: no list is made unless there is a reason
        List<String> reasons = List.of();
        if (node.podCount() + 1 > allocatable.pods()) {
            reasons = with(reasons, "Too many pods");
        }
        if (wanted.milliCpu() > 0 && wanted.milliCpu() > allocatable.milliCpu() - used.milliCpu()) {
            reasons = with(reasons, "Insufficient cpu");
        }
        if (wanted.memory() > 0 && wanted.memory() > allocatable.memory() - used.memory()) {
            reasons = with(reasons, "Insufficient memory");
        }
        if (wanted.ephemeralStorage() > 0
                && wanted.ephemeralStorage() > allocatable.ephemeralStorage() - used.ephemeralStorage()) {
            reasons = with(reasons, "Insufficient ephemeral-storage");
        }
        if (!wanted.scalar().isEmpty()) {
            for (Map.Entry<String, Long> e : wanted.scalar().entrySet()) {
                if (e.getValue() > 0 && e.getValue() > allocatable.scalar(e.getKey()) - used.scalar(e.getKey())) {
                    reasons = with(reasons, "Insufficient " + e.getKey());
                }
            }
        }
        return reasons.isEmpty() ? FilterResult.FITS : FilterResult.unschedulable(reasons);
    }

    private static List<String> with(List<String> reasons, String reason) {
        List<String> more = reasons.isEmpty() ? new ArrayList<>(4) : reasons;
        more.add(reason);
        return more;
    }
}
