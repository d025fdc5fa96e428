package io.kubeling.controllers.deployments;

import java.util.Collection;
import java.util.Objects;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;

/** deploymentutil's numbers: surge and unavailability resolved against replicas, and sums over ReplicaSets. */
final class RolloutMath {

    private RolloutMath() {
    }

    static int replicas(Deployment d) {
        return d.getSpec().getReplicas() == null ? 1 : d.getSpec().getReplicas();
    }

    static int replicas(ReplicaSet rs) {
        return rs.getSpec().getReplicas() == null ? 0 : rs.getSpec().getReplicas();
    }

    static boolean rollingUpdate(Deployment d) {
        return "RollingUpdate".equals(d.getSpec().getStrategy().getType());
    }

    /** ResolveFenceposts: surge rounds up, unavailability down; both zero makes unavailability one. */
    static int[] fenceposts(Deployment d) {
        int desired = replicas(d);
        var update = d.getSpec().getStrategy().getRollingUpdate();
        int surge = scaled(update == null ? null : update.getMaxSurge(), desired, true);
        int unavailable = scaled(update == null ? null : update.getMaxUnavailable(), desired, false);
        if (surge == 0 && unavailable == 0) {
            unavailable = 1;
        }
        return new int[] {surge, unavailable};
    }

    static int maxSurge(Deployment d) {
        return rollingUpdate(d) ? fenceposts(d)[0] : 0;
    }

    static int maxUnavailable(Deployment d) {
        if (!rollingUpdate(d) || replicas(d) == 0) {
            return 0;
        }
        return Math.min(fenceposts(d)[1], replicas(d));
    }

    private static int scaled(IntOrString value, int total, boolean roundUp) {
        if (value == null) {
            return 0;
        }
        if (value.getStrVal() == null) {
            return value.getIntVal() == null ? 0 : value.getIntVal();
        }
        String s = value.getStrVal();
        int percent = Integer.parseInt(s.substring(0, s.length() - 1));
        double v = percent * (double) total / 100;
        return (int) (roundUp ? Math.ceil(v) : Math.floor(v));
    }

    static int specSum(Collection<ReplicaSet> sets) {
        return sets.stream().filter(Objects::nonNull).mapToInt(RolloutMath::replicas).sum();
    }

    static int statusSum(Collection<ReplicaSet> sets) {
        return sets.stream().filter(Objects::nonNull).mapToInt(rs -> n(rs.getStatus() == null ? null
                : rs.getStatus().getReplicas())).sum();
    }

    static int readySum(Collection<ReplicaSet> sets) {
        return sets.stream().filter(Objects::nonNull).mapToInt(rs -> n(rs.getStatus() == null ? null
                : rs.getStatus().getReadyReplicas())).sum();
    }

    static int availableSum(Collection<ReplicaSet> sets) {
        return sets.stream().filter(Objects::nonNull).mapToInt(RolloutMath::available).sum();
    }

    static int available(ReplicaSet rs) {
        return n(rs.getStatus() == null ? null : rs.getStatus().getAvailableReplicas());
    }

    static int n(Integer v) {
        return v == null ? 0 : v;
    }
}
