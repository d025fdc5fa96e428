package io.kubeling.registry.selection;

import java.util.List;
import java.util.Map;

/** One requirement of a label selector: {@code key op values}. */
public record LabelRequirement(String key, Operator operator, List<String> values) {

    public enum Operator { EQUALS, NOT_EQUALS, IN, NOT_IN, EXISTS, DOES_NOT_EXIST, GREATER_THAN, LESS_THAN }

    public boolean matches(Map<String, String> labels) {
        String actual = labels.get(key);
        boolean has = labels.containsKey(key);
        return switch (operator) {
            case EQUALS, IN -> has && values.contains(actual);
            case NOT_EQUALS, NOT_IN -> !has || !values.contains(actual);
            case EXISTS -> has;
            case DOES_NOT_EXIST -> !has;
            case GREATER_THAN -> has && compare(actual) > 0;
            case LESS_THAN -> has && compare(actual) < 0;
        };
    }

    private int compare(String actual) {
        try {
            return Long.compare(Long.parseLong(actual), Long.parseLong(values.get(0)));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    @Override
    public String toString() {
        return switch (operator) {
            case EQUALS -> key + "=" + values.get(0);
            case NOT_EQUALS -> key + "!=" + values.get(0);
            case IN -> key + " in (" + String.join(",", values) + ")";
            case NOT_IN -> key + " notin (" + String.join(",", values) + ")";
            case EXISTS -> key;
            case DOES_NOT_EXIST -> "!" + key;
            case GREATER_THAN -> key + ">" + values.get(0);
            case LESS_THAN -> key + "<" + values.get(0);
        };
    }
}
