package io.kubeling.controllers.quotas;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.fabric8.kubernetes.api.model.Quantity;
import io.kubeling.resources.pods.Quantities;

/** Quantities as quota status and messages carry them. */
final class QuotaText {

    private QuotaText() {
    }

    /** A value as a Quantity in the format of {@code like} (the hard limit it is counted against). */
    static Quantity quantity(BigDecimal value, Quantity like) {
        return new Quantity(Quantities.canonical(value, like == null ? "DecimalSI" : Quantities.format(like)));
    }

    /** kube's prettyPrint: {@code name=value} pairs in name order, joined by commas. */
    static String pretty(Map<String, Quantity> list) {
        List<String> parts = new ArrayList<>();
        new TreeMap<>(list).forEach((k, v) -> parts.add(k + "=" + Quantities.canonical(v)));
        return String.join(",", parts);
    }
}
