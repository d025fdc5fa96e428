package io.kubeling.controllers.scheduler;

import java.util.List;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Taint;
import io.fabric8.kubernetes.api.model.Toleration;
import io.kubeling.resources.nodes.Tolerations;

/** TaintToleration scoring: fewer untolerated PreferNoSchedule taints score higher (normalized, reversed). */
final class TaintTolerationScore implements Score {

    @Override
    public long score(Pod pod, PodRequests requests, NodeInfo node) {
        List<Taint> taints = node.taints();
        if (taints == null || taints.isEmpty()) {
            return 0;
        }
        long untolerated = 0;
        List<Toleration> preferring = null;
        for (Taint taint : taints) {
            if (!"PreferNoSchedule".equals(taint.getEffect())) {
                continue;
            }
            if (preferring == null) {
                preferring = preferring(pod);
            }
            if (!Tolerations.tolerated(preferring, taint)) {
                untolerated++;
            }
        }
        return untolerated;
    }

    private static List<Toleration> preferring(Pod pod) {
        return pod.getSpec().getTolerations() == null ? List.of() : pod.getSpec().getTolerations().stream()
                .filter(t -> t.getEffect() == null || t.getEffect().isEmpty() || t.getEffect().equals("PreferNoSchedule"))
                .toList();
    }

    @Override
    public void normalize(long[] scores) {
        long max = 0;
        for (long count : scores) {
            max = Math.max(max, count);
        }
        for (int i = 0; i < scores.length; i++) {
            scores[i] = max == 0 ? MAX : MAX - scores[i] * MAX / max;
        }
    }

    @Override
    public int weight() {
        return 3;
    }
}
