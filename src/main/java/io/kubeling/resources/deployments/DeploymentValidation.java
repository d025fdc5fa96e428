package io.kubeling.resources.deployments;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.apps.DeploymentSpec;
import io.fabric8.kubernetes.api.model.apps.DeploymentStrategy;
import io.fabric8.kubernetes.api.model.apps.RollingUpdateDeployment;
import io.kubeling.registry.validation.FieldError;
import io.kubeling.resources.replicasets.WorkloadValidation;

/** ValidateDeploymentSpec and ValidateDeploymentStrategy, with kube's messages. */
final class DeploymentValidation {

    private static final Pattern PERCENT = Pattern.compile("[0-9]+%");

    private DeploymentValidation() {
    }

    static List<FieldError> spec(DeploymentSpec spec) {
        List<FieldError> errs = new ArrayList<>();
        WorkloadValidation.nonNegative(errs, spec.getReplicas(), "spec.replicas");
        errs.addAll(WorkloadValidation.selectorAndTemplate(spec.getSelector(), spec.getTemplate(), "spec"));
        errs.addAll(strategy(spec.getStrategy(), "spec.strategy"));
        int minReady = spec.getMinReadySeconds() == null ? 0 : spec.getMinReadySeconds();
        WorkloadValidation.nonNegative(errs, minReady, "spec.minReadySeconds");
        WorkloadValidation.nonNegative(errs, spec.getRevisionHistoryLimit(), "spec.revisionHistoryLimit");
        Integer deadline = spec.getProgressDeadlineSeconds();
        if (deadline != null) {
            WorkloadValidation.nonNegative(errs, deadline, "spec.progressDeadlineSeconds");
            if (deadline <= minReady) {
                errs.add(FieldError.invalid("spec.progressDeadlineSeconds", (long) deadline,
                        "must be greater than minReadySeconds"));
            }
        }
        return errs;
    }

    private static List<FieldError> strategy(DeploymentStrategy strategy, String path) {
        List<FieldError> errs = new ArrayList<>();
        String type = strategy.getType() == null ? "" : strategy.getType();
        switch (type) {
            case "Recreate" -> {
                if (strategy.getRollingUpdate() != null) {
                    errs.add(FieldError.forbidden(path + ".rollingUpdate",
                            "may not be specified when strategy `type` is 'Recreate'"));
                }
            }
            case "RollingUpdate" -> {
                if (strategy.getRollingUpdate() == null) {
                    errs.add(FieldError.required(path + ".rollingUpdate", "this should be defaulted and never be nil"));
                } else {
                    errs.addAll(rollingUpdate(strategy.getRollingUpdate(), path + ".rollingUpdate"));
                }
            }
            default -> errs.add(FieldError.notSupported(path + ".type", type, List.of("Recreate", "RollingUpdate")));
        }
        return errs;
    }

    private static List<FieldError> rollingUpdate(RollingUpdateDeployment update, String path) {
        List<FieldError> errs = new ArrayList<>();
        positiveIntOrPercent(errs, update.getMaxUnavailable(), path + ".maxUnavailable");
        positiveIntOrPercent(errs, update.getMaxSurge(), path + ".maxSurge");
        if (value(update.getMaxUnavailable()) == 0 && value(update.getMaxSurge()) == 0) {
            errs.add(FieldError.invalid(path + ".maxUnavailable", text(update.getMaxUnavailable()),
                    "may not be 0 when `maxSurge` is 0"));
        }
        IntOrString unavailable = update.getMaxUnavailable();
        if (unavailable != null && unavailable.getStrVal() != null && PERCENT.matcher(unavailable.getStrVal()).matches()
                && value(unavailable) > 100) {
            errs.add(FieldError.invalid(path + ".maxUnavailable", text(unavailable), "must not be greater than 100%"));
        }
        return errs;
    }

    private static void positiveIntOrPercent(List<FieldError> errs, IntOrString value, String path) {
        if (value == null) {
            return;
        }
        if (value.getStrVal() != null) {
            if (!PERCENT.matcher(value.getStrVal()).matches()) {
                errs.add(FieldError.invalid(path, text(value), "a valid percent string must be a numeric string "
                        + "followed by an ending '%' (e.g. '1%',  or '93%', regex used for validation is '[0-9]+%')"));
            }
        } else {
            WorkloadValidation.nonNegative(errs, value.getIntVal(), path);
        }
    }

    /** getIntOrPercentValue: the number, or the percentage's number; 0 when not a number. */
    static int value(IntOrString v) {
        if (v == null) {
            return 0;
        }
        if (v.getStrVal() == null) {
            return v.getIntVal() == null ? 0 : v.getIntVal();
        }
        String s = v.getStrVal();
        try {
            return Integer.parseInt(s.endsWith("%") ? s.substring(0, s.length() - 1) : s);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** An IntOrString prints through its String method, unquoted. */
    private static Object text(IntOrString v) {
        String s = v == null ? "0" : v.getStrVal() != null ? v.getStrVal() : String.valueOf(v.getIntVal());
        return new Object() {
            @Override
            public String toString() {
                return s;
            }
        };
    }
}
