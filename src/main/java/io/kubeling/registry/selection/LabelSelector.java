package io.kubeling.registry.selection;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** A parsed label selector: every requirement must hold. The empty selector matches everything. */
public record LabelSelector(List<LabelRequirement> requirements) {

    public static final LabelSelector EVERYTHING = new LabelSelector(List.of());

    /** Parses kube's selector grammar; a malformed selector throws {@link SelectorException}. */
    public static LabelSelector parse(String text) {
        if (text == null || text.isBlank()) {
            return EVERYTHING;
        }
        return new LabelSelector(new LabelSelectorParser(text).parse());
    }

    public boolean matches(Map<String, String> labels) {
        Map<String, String> l = labels == null ? Map.of() : labels;
        for (LabelRequirement r : requirements) {
            if (!r.matches(l)) {
                return false;
            }
        }
        return true;
    }

    public boolean isEmpty() {
        return requirements.isEmpty();
    }

    @Override
    public String toString() {
        return requirements.stream().map(LabelRequirement::toString).collect(Collectors.joining(","));
    }
}
