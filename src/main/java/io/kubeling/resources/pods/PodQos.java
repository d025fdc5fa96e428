package io.kubeling.resources.pods;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;

/**
 * A pod's quality of service class as kube computes it from cpu and memory requests and limits:
 * BestEffort without any, Guaranteed when every container limits both and requests equal limits,
 * Burstable otherwise. Pod-level resources, when set, decide alone.
 */
public final class PodQos {

    static final String GUARANTEED = "Guaranteed";
    static final String BURSTABLE = "Burstable";
    static final String BEST_EFFORT = "BestEffort";

    private PodQos() {
    }

    public static String compute(PodSpec spec) {
        Map<String, BigDecimal> requests = new HashMap<>();
        Map<String, BigDecimal> limits = new HashMap<>();
        boolean guaranteed = true;
        ResourceRequirements podLevel = spec.getResources();
        if (podLevel != null) {
            add(requests, podLevel.getRequests());
            if (podLevel.getLimits() != null && !podLevel.getLimits().isEmpty()) {
                Set<String> found = add(limits, podLevel.getLimits());
                guaranteed = found.containsAll(Set.of("cpu", "memory"));
            }
        } else {
            List<Container> all = new ArrayList<>(spec.getContainers());
            all.addAll(spec.getInitContainers());
            for (Container c : all) {
                ResourceRequirements r = c.getResources();
                add(requests, r == null ? null : r.getRequests());
                Set<String> found = add(limits, r == null ? null : r.getLimits());
                if (!found.containsAll(Set.of("cpu", "memory"))) {
                    guaranteed = false;
                }
            }
        }
        if (requests.isEmpty() && limits.isEmpty()) {
            return BEST_EFFORT;
        }
        if (guaranteed) {
            for (var e : requests.entrySet()) {
                BigDecimal limit = limits.get(e.getKey());
                if (limit == null || limit.compareTo(e.getValue()) != 0) {
                    guaranteed = false;
                    break;
                }
            }
        }
        return guaranteed && requests.size() == limits.size() ? GUARANTEED : BURSTABLE;
    }

    /** Sums the positive cpu and memory quantities into {@code totals}; returns the names found. */
    private static Set<String> add(Map<String, BigDecimal> totals, Map<String, Quantity> list) {
        Set<String> found = new HashSet<>();
        if (list == null) {
            return found;
        }
        list.forEach((name, q) -> {
            if (!name.equals("cpu") && !name.equals("memory")) {
                return;
            }
            KubeQuantity value = KubeQuantity.of(q);
            if (value != null && value.isPositive()) {
                found.add(name);
                totals.merge(name, value.value(), BigDecimal::add);
            }
        });
        return found;
    }
}
