package io.kubeling.resources.common;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorRequirement;
import io.kubeling.registry.validation.FieldError;
import io.kubeling.registry.validation.GoQuote;
import io.kubeling.registry.validation.Names;

/** metav1.LabelSelector as the workload resources use it: matching, validation, and Go's {@code %#v} of it. */
public final class LabelSelectors {

    private static final List<String> OPERATORS = List.of("In", "NotIn", "Exists", "DoesNotExist");

    private LabelSelectors() {
    }

    /** Whether the selector selects these labels; a selector kube cannot build selects nothing. */
    public static boolean matches(LabelSelector selector, Map<String, String> labels) {
        if (selector == null) {
            return false;
        }
        return SelectorText.rendered(selector)
                .map(text -> io.kubeling.registry.selection.LabelSelector.parse(text)
                        .matches(labels == null ? Map.of() : labels))
                .orElse(false);
    }

    /** Whether it has neither matchLabels nor matchExpressions. */
    public static boolean isEmpty(LabelSelector selector) {
        return selector == null || (empty(selector.getMatchLabels()) && empty(selector.getMatchExpressions()));
    }

    /** ValidateLabelSelector at {@code path}. */
    public static List<FieldError> validate(LabelSelector selector, String path) {
        List<FieldError> errs = new ArrayList<>();
        if (selector == null) {
            return errs;
        }
        List<LabelSelectorRequirement> expressions = selector.getMatchExpressions() == null ? List.of()
                : selector.getMatchExpressions();
        for (int i = 0; i < expressions.size(); i++) {
            LabelSelectorRequirement r = expressions.get(i);
            String at = path + ".matchExpressions[" + i + "]";
            String op = r.getOperator() == null ? "" : r.getOperator();
            int values = r.getValues() == null ? 0 : r.getValues().size();
            switch (op) {
                case "In", "NotIn" -> {
                    if (values == 0) {
                        errs.add(FieldError.required(at + ".values",
                                "must be specified when `operator` is 'In' or 'NotIn'"));
                    }
                }
                case "Exists", "DoesNotExist" -> {
                    if (values > 0) {
                        errs.add(FieldError.forbidden(at + ".values",
                                "may not be specified when `operator` is 'Exists' or 'DoesNotExist'"));
                    }
                }
                default -> errs.add(FieldError.invalid(at + ".operator", op, "not a valid selector operator"));
            }
            String key = r.getKey() == null ? "" : r.getKey();
            Names.qualifiedName(key).forEach(m -> errs.add(FieldError.invalid(at + ".key", key, m)));
            if (r.getValues() != null) {
                for (int j = 0; j < r.getValues().size(); j++) {
                    String v = r.getValues().get(j);
                    int index = j;
                    Names.labelValue(v == null ? "" : v)
                            .forEach(m -> errs.add(FieldError.invalid(at + ".values[" + index + "]", v, m)));
                }
            }
        }
        if (selector.getMatchLabels() != null) {
            new TreeMap<>(selector.getMatchLabels()).forEach((k, v) -> {
                Names.qualifiedName(k).forEach(m -> errs.add(FieldError.invalid(path + ".matchLabels", k, m)));
                String value = v == null ? "" : v;
                Names.labelValue(value).forEach(m -> errs.add(FieldError.invalid(path + ".matchLabels", value, m)));
            });
        }
        return errs;
    }

    /** The operators kube accepts in matchExpressions. */
    public static List<String> operators() {
        return OPERATORS;
    }

    /** A label map as Go's {@code %#v} prints it, for field errors: {@code map[string]string{"app":"web"}}. */
    public static Object goMap(Map<String, String> labels) {
        return new GoLiteral(goMapText(labels));
    }

    /** A selector as Go's {@code %#v} prints the dereferenced v1.LabelSelector, for field errors. */
    public static Object goSelector(LabelSelector selector) {
        if (selector == null) {
            return null;
        }
        String expressions;
        if (selector.getMatchExpressions() == null || selector.getMatchExpressions().isEmpty()) {
            expressions = "[]v1.LabelSelectorRequirement(nil)";
        } else {
            List<String> parts = new ArrayList<>();
            for (LabelSelectorRequirement r : selector.getMatchExpressions()) {
                String values = r.getValues() == null || r.getValues().isEmpty() ? "[]string(nil)"
                        : "[]string{" + String.join(", ", r.getValues().stream().map(GoQuote::quote).toList()) + "}";
                parts.add("v1.LabelSelectorRequirement{Key:" + GoQuote.quote(nz(r.getKey())) + ", Operator:"
                        + GoQuote.quote(nz(r.getOperator())) + ", Values:" + values + "}");
            }
            expressions = "[]v1.LabelSelectorRequirement{" + String.join(", ", parts) + "}";
        }
        return new GoLiteral("v1.LabelSelector{MatchLabels:" + goMapText(selector.getMatchLabels())
                + ", MatchExpressions:" + expressions + "}");
    }

    private static String goMapText(Map<String, String> labels) {
        if (labels == null) {
            return "map[string]string(nil)";
        }
        List<String> parts = new ArrayList<>();
        new TreeMap<>(labels).forEach((k, v) -> parts.add(GoQuote.quote(k) + ":" + GoQuote.quote(nz(v))));
        return "map[string]string{" + String.join(", ", parts) + "}";
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }

    private static boolean empty(java.util.Collection<?> c) {
        return c == null || c.isEmpty();
    }

    private static boolean empty(Map<?, ?> m) {
        return m == null || m.isEmpty();
    }

    /** A value that prints as given. */
    private record GoLiteral(String text) {
        @Override
        public String toString() {
            return text;
        }
    }
}
