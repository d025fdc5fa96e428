package io.kubeling.controllers.deployments;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;

/** The annotations the deployment controller keeps on ReplicaSets and kubectl reads back. */
final class Revisions {

    static final String REVISION = "deployment.kubernetes.io/revision";
    static final String REVISION_HISTORY = "deployment.kubernetes.io/revision-history";
    static final String DESIRED_REPLICAS = "deployment.kubernetes.io/desired-replicas";
    static final String MAX_REPLICAS = "deployment.kubernetes.io/max-replicas";
    private static final Set<String> NOT_COPIED = Set.of("kubectl.kubernetes.io/last-applied-configuration",
            REVISION, REVISION_HISTORY, DESIRED_REPLICAS, MAX_REPLICAS, "deprecated.deployment.rollback.to");

    private Revisions() {
    }

    static long of(HasMetadata object) {
        String v = annotations(object).get(REVISION);
        try {
            return v == null ? 0 : Long.parseLong(v);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    static long maxOf(List<ReplicaSet> sets) {
        return sets.stream().mapToLong(Revisions::of).max().orElse(0);
    }

    static Map<String, String> annotations(HasMetadata object) {
        if (object.getMetadata().getAnnotations() == null) {
            object.getMetadata().setAnnotations(new HashMap<>());
        }
        return object.getMetadata().getAnnotations();
    }

    /** SetNewReplicaSetAnnotations: the deployment's own annotations, and the new revision. */
    static boolean setNewReplicaSetAnnotations(Deployment d, ReplicaSet rs, long newRevision, boolean exists) {
        Map<String, String> target = new HashMap<>(annotations(rs));
        boolean changed = false;
        for (Map.Entry<String, String> e : annotations(d).entrySet()) {
            if (NOT_COPIED.contains(e.getKey()) || e.getValue().equals(target.get(e.getKey()))) {
                continue;
            }
            target.put(e.getKey(), e.getValue());
            changed = true;
        }
        String oldText = target.get(REVISION);
        long old;
        try {
            old = oldText == null || oldText.isEmpty() ? 0 : Long.parseLong(oldText);
        } catch (NumberFormatException e) {
            return false;
        }
        if (old < newRevision) {
            target.put(REVISION, Long.toString(newRevision));
            changed = true;
            if (oldText != null) {
                String history = target.get(REVISION_HISTORY);
                target.put(REVISION_HISTORY, history == null || history.isEmpty() ? oldText : history + "," + oldText);
            }
        }
        if (!exists) {
            changed |= setReplicas(target, RolloutMath.replicas(d), RolloutMath.replicas(d) + RolloutMath.maxSurge(d));
        }
        rs.getMetadata().setAnnotations(target);
        return changed;
    }

    /** SetReplicasAnnotations. */
    static boolean setReplicas(Map<String, String> annotations, int desired, int max) {
        boolean changed = !Integer.toString(desired).equals(annotations.get(DESIRED_REPLICAS))
                || !Integer.toString(max).equals(annotations.get(MAX_REPLICAS));
        annotations.put(DESIRED_REPLICAS, Integer.toString(desired));
        annotations.put(MAX_REPLICAS, Integer.toString(max));
        return changed;
    }

    static Integer desiredReplicas(ReplicaSet rs) {
        return number(annotations(rs).get(DESIRED_REPLICAS));
    }

    static Integer maxReplicas(ReplicaSet rs) {
        return number(annotations(rs).get(MAX_REPLICAS));
    }

    private static Integer number(String v) {
        try {
            return v == null ? null : Integer.parseInt(v);
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
