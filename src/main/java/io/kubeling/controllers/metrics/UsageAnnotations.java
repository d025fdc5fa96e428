package io.kubeling.controllers.metrics;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.fabric8.kubernetes.api.model.Quantity;

/**
 * The usage a user sets on a pod: {@code kubeling.io/usage-cpu} and {@code kubeling.io/usage-memory},
 * either one quantity for the pod, shared evenly by its containers ({@code 300m}), or one per container
 * ({@code web=250m,sidecar=50m}). A value that does not read as a quantity is ignored.
 */
final class UsageAnnotations {

    static final String CPU = "kubeling.io/usage-cpu";
    static final String MEMORY = "kubeling.io/usage-memory";

    private UsageAnnotations() {
    }

    /** Container name to amount in base units (cores or bytes), for the containers the annotation covers. */
    static Map<String, BigDecimal> read(Map<String, String> annotations, String key, List<String> containers) {
        Map<String, BigDecimal> out = new HashMap<>();
        String value = annotations == null ? null : annotations.get(key);
        if (value == null || value.isBlank() || containers.isEmpty()) {
            return out;
        }
        try {
            if (!value.contains("=")) {
                BigDecimal each = amount(value).divide(BigDecimal.valueOf(containers.size()),
                        java.math.MathContext.DECIMAL64);
                containers.forEach(c -> out.put(c, each));
                return out;
            }
            for (String part : value.split(",")) {
                int eq = part.indexOf('=');
                if (eq > 0) {
                    out.put(part.substring(0, eq).trim(), amount(part.substring(eq + 1)));
                }
            }
        } catch (RuntimeException e) {
            out.clear();
        }
        return out;
    }

    private static BigDecimal amount(String text) {
        BigDecimal v = Quantity.getAmountInBytes(new Quantity(text.trim()));
        if (v.signum() < 0) {
            throw new IllegalArgumentException("negative usage");
        }
        return v;
    }
}
