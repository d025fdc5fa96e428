package io.kubeling.controllers.scheduler;

import java.util.List;
import java.util.Map;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeSelectorRequirement;
import io.fabric8.kubernetes.api.model.NodeSelectorTerm;

/** kube's node selector terms: requirements on labels (matchExpressions) and on metadata.name (matchFields). */
public final class NodeSelectorMatching {

    private NodeSelectorMatching() {
    }

    /** Whether any term matches; a term with no requirements matches nothing. */
    public static boolean anyTermMatches(List<NodeSelectorTerm> terms, Node node) {
        for (NodeSelectorTerm term : terms == null ? List.<NodeSelectorTerm>of() : terms) {
            if (termMatches(term, node)) {
                return true;
            }
        }
        return false;
    }

    static boolean termMatches(NodeSelectorTerm term, Node node) {
        List<NodeSelectorRequirement> expressions = list(term.getMatchExpressions());
        List<NodeSelectorRequirement> fields = list(term.getMatchFields());
        if (expressions.isEmpty() && fields.isEmpty()) {
            return false;
        }
        Map<String, String> labels = node.getMetadata().getLabels() == null ? Map.of() : node.getMetadata().getLabels();
        for (NodeSelectorRequirement r : expressions) {
            if (!matches(r, labels.containsKey(r.getKey()), labels.get(r.getKey()))) {
                return false;
            }
        }
        for (NodeSelectorRequirement r : fields) {
            // metadata.name is the only field a node selector may name
            if (!"metadata.name".equals(r.getKey()) || !matches(r, true, node.getMetadata().getName())) {
                return false;
            }
        }
        return true;
    }

    static boolean matches(NodeSelectorRequirement r, boolean present, String value) {
        List<String> values = list(r.getValues());
        return switch (r.getOperator()) {
            case "In" -> present && values.contains(value);
            case "NotIn" -> !present || !values.contains(value);
            case "Exists" -> present;
            case "DoesNotExist" -> !present;
            case "Gt", "Lt" -> present && values.size() == 1 && compare(value, values.get(0), r.getOperator());
            default -> false;
        };
    }

    private static boolean compare(String value, String bound, String operator) {
        try {
            long v = Long.parseLong(value);
            long b = Long.parseLong(bound);
            return operator.equals("Gt") ? v > b : v < b;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static <T> List<T> list(List<T> values) {
        return values == null ? List.of() : values;
    }
}
