package io.kubeling.controllers.nodes;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import io.fabric8.kubernetes.api.model.Taint;
import io.fabric8.kubernetes.api.model.Toleration;
import io.kubeling.resources.nodes.Tolerations;

/**
 * How long a pod may stay on a node with NoExecute taints, as kube's taint eviction controller
 * reckons it: not at all when one taint is untolerated, else the shortest tolerationSeconds of the
 * tolerations used (a negative one counting as zero), and for ever when none of them sets one.
 */
final class TolerationTime {

    private TolerationTime() {
    }

    /** Empty for ever, else the time the pod may stay. */
    static Optional<Duration> of(List<Toleration> tolerations, List<Taint> taints) {
        List<Taint> noExecute = taints == null ? List.of()
                : taints.stream().filter(t -> "NoExecute".equals(t.getEffect())).toList();
        if (noExecute.isEmpty()) {
            return Optional.empty();
        }
        Long shortest = null;
        for (Taint taint : noExecute) {
            boolean tolerated = false;
            for (Toleration t : tolerations == null ? List.<Toleration>of() : tolerations) {
                if (Tolerations.tolerates(t, taint)) {
                    tolerated = true;
                    if (t.getTolerationSeconds() != null) {
                        long seconds = Math.max(0, t.getTolerationSeconds());
                        shortest = shortest == null ? seconds : Math.min(shortest, seconds);
                    }
                }
            }
            if (!tolerated) {
                return Optional.of(Duration.ZERO);
            }
        }
        return shortest == null ? Optional.empty() : Optional.of(Duration.ofSeconds(shortest));
    }
}
