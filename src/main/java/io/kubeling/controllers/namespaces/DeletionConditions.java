package io.kubeling.controllers.namespaces;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

import io.fabric8.kubernetes.api.model.NamespaceCondition;

/**
 * The conditions kube's namespace deleter reports on a terminating namespace: each of its five
 * types either fails with what remains, or holds its "all is well" reason and message.
 */
final class DeletionConditions {

    private static final List<String> TYPES = List.of("NamespaceDeletionDiscoveryFailure",
            "NamespaceDeletionGroupVersionParsingFailure", "NamespaceDeletionContentFailure",
            "NamespaceContentRemaining", "NamespaceFinalizersRemaining");
    private static final Map<String, String[]> OK = Map.of(
            "NamespaceDeletionDiscoveryFailure", new String[] {"ResourcesDiscovered", "All resources successfully discovered"},
            "NamespaceDeletionGroupVersionParsingFailure",
            new String[] {"ParsedGroupVersions", "All legacy kube types successfully parsed"},
            "NamespaceDeletionContentFailure",
            new String[] {"ContentDeleted", "All content successfully deleted, may be waiting on finalization"},
            "NamespaceContentRemaining", new String[] {"ContentRemoved", "All content successfully removed"},
            "NamespaceFinalizersRemaining",
            new String[] {"ContentHasNoFinalizers", "All content-preserving finalizers finished"});

    private DeletionConditions() {
    }

    /**
     * The conditions after a pass: {@code remaining} counts objects left per {@code resource.group},
     * {@code finalizers} counts objects held per finalizer. Unchanged conditions keep their times.
     */
    static List<NamespaceCondition> update(List<NamespaceCondition> current, Map<String, Integer> remaining,
            Map<String, Integer> finalizers, String now) {
        List<NamespaceCondition> result = new ArrayList<>(current);
        for (String type : TYPES) {
            NamespaceCondition wanted = wanted(type, remaining, finalizers);
            NamespaceCondition old = current.stream().filter(c -> type.equals(c.getType())).findFirst().orElse(null);
            if (old == null) {
                wanted.setLastTransitionTime(now);
                result.add(wanted);
            } else if (!Objects.equals(old.getStatus(), wanted.getStatus())
                    || !Objects.equals(old.getReason(), wanted.getReason())
                    || !Objects.equals(old.getMessage(), wanted.getMessage())) {
                wanted.setLastTransitionTime(now);
                result.set(result.indexOf(old), wanted);
            }
        }
        return result;
    }

    private static NamespaceCondition wanted(String type, Map<String, Integer> remaining,
            Map<String, Integer> finalizers) {
        if (type.equals("NamespaceContentRemaining") && !remaining.isEmpty()) {
            List<String> parts = new ArrayList<>();
            new TreeMap<>(remaining).forEach((r, n) -> parts.add(r + " has " + n + " resource instances"));
            return condition(type, "True", "SomeResourcesRemain",
                    "Some resources are remaining: " + String.join(", ", parts));
        }
        if (type.equals("NamespaceFinalizersRemaining") && !finalizers.isEmpty()) {
            List<String> parts = new ArrayList<>();
            new TreeMap<>(finalizers).forEach((f, n) -> parts.add(f + " in " + n + " resource instances"));
            return condition(type, "True", "SomeFinalizersRemain",
                    "Some content in the namespace has finalizers remaining: " + String.join(", ", parts));
        }
        String[] ok = OK.get(type);
        return condition(type, "False", ok[0], ok[1]);
    }

    private static NamespaceCondition condition(String type, String status, String reason, String message) {
        NamespaceCondition c = new NamespaceCondition();
        c.setType(type);
        c.setStatus(status);
        c.setReason(reason);
        c.setMessage(message);
        return c;
    }
}
