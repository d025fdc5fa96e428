package io.kubeling.controllers.replicasets;

import java.time.Instant;
import java.util.Comparator;
import java.util.Map;

import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.kubeling.controllers.PodReadiness;
import io.kubeling.registry.Timestamps;

/**
 * controller.ActivePods' order, which picks the pods a ReplicaSet deletes first: unscheduled before
 * scheduled, Pending before Unknown before Running, not ready before ready, ready for less time
 * before more, more restarts before fewer, newer before older.
 */
final class PodDeletionRank {

    private static final Map<String, Integer> PHASES = Map.of("Pending", 0, "Unknown", 1, "Running", 2);

    private PodDeletionRank() {
    }

    static Comparator<Pod> order() {
        return Comparator.<Pod, Integer>comparing(p -> scheduled(p) ? 1 : 0)
                .thenComparing(p -> PHASES.getOrDefault(String.valueOf(PodReadiness.phase(p)), 0))
                .thenComparing(p -> PodReadiness.ready(p) ? 1 : 0)
                .thenComparing(PodDeletionRank::readySince, Comparator.reverseOrder())
                .thenComparing(PodDeletionRank::restarts, Comparator.reverseOrder())
                .thenComparing(PodDeletionRank::created, Comparator.reverseOrder());
    }

    private static boolean scheduled(Pod pod) {
        String node = pod.getSpec() == null ? null : pod.getSpec().getNodeName();
        return node != null && !node.isEmpty();
    }

    private static Instant readySince(Pod pod) {
        Instant since = PodReadiness.readySince(pod);
        return since == null ? Instant.MAX : since;
    }

    private static int restarts(Pod pod) {
        int max = 0;
        if (pod.getStatus() != null) {
            for (ContainerStatus s : pod.getStatus().getContainerStatuses()) {
                max = Math.max(max, s.getRestartCount() == null ? 0 : s.getRestartCount());
            }
        }
        return max;
    }

    private static Instant created(Pod pod) {
        Instant t = Timestamps.parse(pod.getMetadata().getCreationTimestamp());
        return t == null ? Instant.EPOCH : t;
    }
}
