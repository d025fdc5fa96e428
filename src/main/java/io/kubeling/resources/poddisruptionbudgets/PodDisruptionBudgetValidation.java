package io.kubeling.resources.poddisruptionbudgets;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudgetSpec;
import io.kubeling.registry.validation.FieldError;
import io.kubeling.resources.common.LabelSelectors;
import io.kubeling.resources.replicasets.WorkloadValidation;

/** ValidatePodDisruptionBudgetSpec, with kube's field paths and messages. */
final class PodDisruptionBudgetValidation {

    private static final Pattern PERCENT = Pattern.compile("[0-9]+%");
    private static final List<String> EVICTION_POLICIES = List.of("AlwaysAllow", "IfHealthyBudget");

    private PodDisruptionBudgetValidation() {
    }

    static List<FieldError> spec(PodDisruptionBudgetSpec spec) {
        List<FieldError> errs = new ArrayList<>();
        if (spec.getMinAvailable() != null && spec.getMaxUnavailable() != null) {
            errs.add(FieldError.invalid("spec", goSpec(spec), "minAvailable and maxUnavailable cannot be both set"));
        }
        intOrPercent(errs, spec.getMinAvailable(), "spec.minAvailable");
        intOrPercent(errs, spec.getMaxUnavailable(), "spec.maxUnavailable");
        errs.addAll(LabelSelectors.validate(spec.getSelector(), "spec.selector"));
        String policy = spec.getUnhealthyPodEvictionPolicy();
        if (policy != null && !EVICTION_POLICIES.contains(policy)) {
            errs.add(FieldError.notSupported("spec.unhealthyPodEvictionPolicy", policy, EVICTION_POLICIES));
        }
        return errs;
    }

    /** ValidatePositiveIntOrPercent and IsNotMoreThan100Percent. */
    private static void intOrPercent(List<FieldError> errs, IntOrString value, String path) {
        if (value == null) {
            return;
        }
        if (value.getStrVal() != null) {
            String s = value.getStrVal();
            if (!PERCENT.matcher(s).matches()) {
                errs.add(FieldError.invalid(path, text(value), "a valid percent string must be a numeric string "
                        + "followed by an ending '%' (e.g. '1%',  or '93%', regex used for validation is '[0-9]+%')"));
            } else if (percent(s) > 100) {
                errs.add(FieldError.invalid(path, text(value), "must not be greater than 100%"));
            }
        } else {
            WorkloadValidation.nonNegative(errs, value.getIntVal(), path);
        }
    }

    /** getPercentValue: a percentage too large for an int is, as for kube, not a percentage it checks. */
    private static long percent(String s) {
        try {
            return Integer.parseInt(s.substring(0, s.length() - 1));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** An IntOrString prints through its String method, unquoted. */
    private static Object text(IntOrString v) {
        String s = v.getStrVal() != null ? v.getStrVal() : String.valueOf(v.getIntVal());
        return new Object() {
            @Override
            public String toString() {
                return s;
            }
        };
    }

    /** The spec as Go's %v prints the struct kube names in the message, its pointers as addresses or nil. */
    private static Object goSpec(PodDisruptionBudgetSpec spec) {
        String text = "policy.PodDisruptionBudgetSpec{MinAvailable:" + pointer("intstr.IntOrString", spec.getMinAvailable())
                + ", Selector:" + pointer("v1.LabelSelector", spec.getSelector())
                + ", MaxUnavailable:" + pointer("intstr.IntOrString", spec.getMaxUnavailable())
                + ", UnhealthyPodEvictionPolicy:" + pointer("policy.UnhealthyPodEvictionPolicyType",
                        spec.getUnhealthyPodEvictionPolicy()) + "}";
        return new Object() {
            @Override
            public String toString() {
                return text;
            }
        };
    }

    private static String pointer(String type, Object value) {
        return "(*" + type + ")(" + (value == null ? "nil" : address(value)) + ")";
    }

    private static String address(Object value) {
        return String.format("0xc%09x", (value instanceof LabelSelector ? 0x1000L : 0L)
                + (System.identityHashCode(value) & 0xffffff) * 16L);
    }
}
