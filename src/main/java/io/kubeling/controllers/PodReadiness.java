package io.kubeling.controllers;

import java.time.Instant;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.kubeling.registry.Timestamps;

/** podutil's readiness questions: active, ready, available for minReadySeconds. */
public final class PodReadiness {

    private PodReadiness() {
    }

    /** Not finished and not being deleted. */
    public static boolean active(Pod pod) {
        String phase = phase(pod);
        return !"Succeeded".equals(phase) && !"Failed".equals(phase)
                && pod.getMetadata().getDeletionTimestamp() == null;
    }

    public static String phase(Pod pod) {
        return pod.getStatus() == null ? null : pod.getStatus().getPhase();
    }

    public static PodCondition condition(Pod pod, String type) {
        if (pod.getStatus() == null || pod.getStatus().getConditions() == null) {
            return null;
        }
        for (PodCondition c : pod.getStatus().getConditions()) {
            if (type.equals(c.getType())) {
                return c;
            }
        }
        return null;
    }

    public static boolean ready(Pod pod) {
        PodCondition c = condition(pod, "Ready");
        return c != null && "True".equals(c.getStatus());
    }

    /** When the pod became ready, or null when it is not. */
    public static Instant readySince(Pod pod) {
        PodCondition c = condition(pod, "Ready");
        if (c == null || !"True".equals(c.getStatus())) {
            return null;
        }
        Instant t = Timestamps.parse(c.getLastTransitionTime());
        return t == null ? Instant.EPOCH : t;
    }

    /** Ready for at least {@code minReadySeconds} at {@code now}. */
    public static boolean available(Pod pod, int minReadySeconds, Instant now) {
        if (minReadySeconds <= 0) {
            // ready is enough: no time to parse (a DaemonSet's sync asks this of each of its pods)
            return ready(pod);
        }
        Instant since = readySince(pod);
        if (since == null) {
            return false;
        }
        return minReadySeconds <= 0 || !since.plusSeconds(minReadySeconds).isAfter(now);
    }
}
