package io.kubeling.controllers.scheduler;

import java.util.Collections;
import java.util.List;
import java.util.Map;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Taint;
import io.fabric8.kubernetes.api.model.Toleration;
import io.kubeling.resources.nodes.Tolerations;

/** TaintToleration scoring: fewer untolerated PreferNoSchedule taints score higher (normalized, reversed). */
final class TaintTolerationScore implements Score {

    @Override
    public long score(Pod pod, PodRequests requests, NodeInfo node) {
        List<Taint> taints = node.node().getSpec() == null || node.node().getSpec().getTaints() == null ? List.of()
                : node.node().getSpec().getTaints();
        List<Toleration> preferring = pod.getSpec().getTolerations() == null ? List.of()
                : pod.getSpec().getTolerations().stream()
                        .filter(t -> t.getEffect() == null || t.getEffect().isEmpty()
                                || t.getEffect().equals("PreferNoSchedule"))
                        .toList();
        return taints.stream().filter(t -> "PreferNoSchedule".equals(t.getEffect()))
                .filter(t -> !Tolerations.tolerated(preferring, t)).count();
    }

    @Override
    public void normalize(Map<String, Long> scores) {
        long max = scores.isEmpty() ? 0 : Collections.max(scores.values());
        scores.replaceAll((node, count) -> max == 0 ? MAX : MAX - count * MAX / max);
    }

    @Override
    public int weight() {
        return 3;
    }
}
