package io.kubeling.resources.common;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;

import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorRequirement;
import io.kubeling.registry.selection.LabelRequirement;
import io.kubeling.registry.selection.LabelRequirement.Operator;
import io.kubeling.registry.validation.Names;

/** Label maps and label selectors written out the way kube's printers write them. */
public final class SelectorText {

    private static final String NONE = "<none>";

    private SelectorText() {
    }

    /** labels.FormatLabels: {@code k=v} pairs sorted by key, {@code <none>} when there are none. */
    public static String ofLabels(Map<String, String> labels) {
        if (labels == null || labels.isEmpty()) {
            return NONE;
        }
        return new TreeMap<>(labels).entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining(","));
    }

    /** metav1.FormatLabelSelector: {@code <none>} when it selects nothing or everything, {@code <error>} when invalid. */
    public static String ofSelector(LabelSelector selector) {
        return rendered(selector).map(text -> text.isEmpty() ? NONE : text).orElse("<error>");
    }

    /**
     * metav1.LabelSelectorAsSelector(selector).String(): requirements sorted by key, {@code in} and
     * {@code notin} values sorted; empty for a missing or empty selector; empty Optional when kube would
     * refuse to build it (an unknown operator, a wrong number of values, an invalid key or value).
     */
    public static Optional<String> rendered(LabelSelector selector) {
        if (selector == null) {
            return Optional.of("");
        }
        List<LabelRequirement> requirements = new ArrayList<>();
        if (selector.getMatchLabels() != null) {
            for (Map.Entry<String, String> e : selector.getMatchLabels().entrySet()) {
                requirements.add(new LabelRequirement(e.getKey(), Operator.EQUALS, List.of(text(e.getValue()))));
            }
        }
        if (selector.getMatchExpressions() != null) {
            for (LabelSelectorRequirement expression : selector.getMatchExpressions()) {
                Optional<LabelRequirement> requirement = requirement(expression);
                if (requirement.isEmpty()) {
                    return Optional.empty();
                }
                requirements.add(requirement.get());
            }
        }
        if (!requirements.stream().allMatch(SelectorText::valid)) {
            return Optional.empty();
        }
        return Optional.of(requirements.stream()
                .sorted(Comparator.comparing(LabelRequirement::key))
                .map(LabelRequirement::toString)
                .collect(Collectors.joining(",")));
    }

    private static Optional<LabelRequirement> requirement(LabelSelectorRequirement expression) {
        Operator operator = switch (text(expression.getOperator())) {
            case "In" -> Operator.IN;
            case "NotIn" -> Operator.NOT_IN;
            case "Exists" -> Operator.EXISTS;
            case "DoesNotExist" -> Operator.DOES_NOT_EXIST;
            default -> null;
        };
        if (operator == null) {
            return Optional.empty();
        }
        // Set-based values print sorted; kube sorts them when writing, not when storing.
        List<String> values = expression.getValues() == null ? List.of()
                : expression.getValues().stream().map(SelectorText::text).sorted().toList();
        return Optional.of(new LabelRequirement(text(expression.getKey()), operator, values));
    }

    /** labels.NewRequirement's checks. */
    private static boolean valid(LabelRequirement requirement) {
        if (!Names.qualifiedName(requirement.key()).isEmpty()) {
            return false;
        }
        int count = requirement.values().size();
        boolean countOk = switch (requirement.operator()) {
            case IN, NOT_IN -> count > 0;
            case EQUALS, NOT_EQUALS -> count == 1;
            case EXISTS, DOES_NOT_EXIST -> count == 0;
            default -> false;
        };
        return countOk && requirement.values().stream().allMatch(v -> Names.labelValue(v).isEmpty());
    }

    private static String text(String value) {
        return value == null ? "" : value;
    }
}
