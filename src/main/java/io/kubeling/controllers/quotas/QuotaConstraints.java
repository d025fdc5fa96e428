package io.kubeling.controllers.quotas;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Quantity;

/**
 * kube's pod evaluator Constraints: a quota on cpu or memory requires every container to state them, a rule kube
 * keeps for compatibility. Returns kube's {@code must specify ...} text, or null when nothing is missing.
 */
final class QuotaConstraints {

    private static final Set<String> VALIDATED = Set.of("cpu", "memory", "requests.cpu", "requests.memory",
            "limits.cpu", "limits.memory");

    private QuotaConstraints() {
    }

    static String missing(Pod pod, Set<String> hard) {
        Set<String> required = new TreeSet<>(hard);
        required.retainAll(VALIDATED);
        if (required.isEmpty()) {
            return null;
        }
        Map<String, Set<String>> missing = new TreeMap<>();
        List<Container> containers = new ArrayList<>(pod.getSpec().getContainers());
        if (pod.getSpec().getInitContainers() != null) {
            containers.addAll(pod.getSpec().getInitContainers());
        }
        for (Container c : containers) {
            Set<String> stated = stated(c);
            for (String resource : required) {
                if (!stated.contains(resource)) {
                    missing.computeIfAbsent(resource, k -> new TreeSet<>()).add(c.getName());
                }
            }
        }
        if (missing.isEmpty()) {
            return null;
        }
        List<String> parts = new ArrayList<>();
        missing.forEach((resource, names) -> parts.add(resource + " for: " + String.join(",", names)));
        return "must specify " + String.join("; ", parts);
    }

    /** What kube's podComputeUsageHelper finds named in one container's requests and limits. */
    private static Set<String> stated(Container c) {
        Set<String> stated = new TreeSet<>();
        Map<String, Quantity> requests = c.getResources() == null || c.getResources().getRequests() == null ? Map.of()
                : c.getResources().getRequests();
        Map<String, Quantity> limits = c.getResources() == null || c.getResources().getLimits() == null ? Map.of()
                : c.getResources().getLimits();
        for (String resource : List.of("cpu", "memory")) {
            if (requests.containsKey(resource)) {
                stated.add(resource);
                stated.add("requests." + resource);
            }
            if (limits.containsKey(resource)) {
                stated.add("limits." + resource);
            }
        }
        return stated;
    }
}
