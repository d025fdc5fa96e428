package io.kubeling.resources.nodes;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

import io.fabric8.kubernetes.api.model.Taint;
import io.fabric8.kubernetes.api.model.Toleration;

/** kube's toleration rules (v1helper): whether a toleration tolerates a taint, and the first taint none tolerates. */
public final class Tolerations {

    private Tolerations() {
    }

    /** ToleratesTaint: same effect (or any), same key (or any, with Exists), and Exists or an equal value. */
    public static boolean tolerates(Toleration toleration, Taint taint) {
        if (!empty(toleration.getEffect()) && !toleration.getEffect().equals(taint.getEffect())) {
            return false;
        }
        if (!empty(toleration.getKey()) && !toleration.getKey().equals(taint.getKey())) {
            return false;
        }
        String operator = empty(toleration.getOperator()) ? "Equal" : toleration.getOperator();
        return switch (operator) {
            case "Exists" -> true;
            case "Equal" -> Objects.equals(nullToEmpty(toleration.getValue()), nullToEmpty(taint.getValue()));
            default -> false;
        };
    }

    public static boolean tolerated(List<Toleration> tolerations, Taint taint) {
        for (Toleration t : orEmpty(tolerations)) {
            if (tolerates(t, taint)) {
                return true;
            }
        }
        return false;
    }

    /** The first taint of one of {@code effects} that no toleration tolerates (FindMatchingUntoleratedTaint). */
    public static Optional<Taint> firstUntolerated(List<Taint> taints, List<Toleration> tolerations,
            List<String> effects) {
        for (Taint taint : orEmpty(taints)) {
            if (effects.contains(taint.getEffect()) && !tolerated(tolerations, taint)) {
                return Optional.of(taint);
            }
        }
        return Optional.empty();
    }

    private static boolean empty(String s) {
        return s == null || s.isEmpty();
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }

    private static <T> List<T> orEmpty(List<T> list) {
        return list == null ? List.of() : list;
    }
}
