package io.kubeling.resources.deployments;

import java.util.ArrayList;
import java.util.List;

import io.fabric8.kubernetes.api.model.apps.DeploymentSpec;
import io.fabric8.kubernetes.api.model.apps.DeploymentStrategy;
import io.fabric8.kubernetes.api.model.apps.RollingUpdateDeployment;
import io.kubeling.registry.validation.FieldError;
import io.kubeling.resources.common.IntOrPercent;
import io.kubeling.resources.replicasets.WorkloadValidation;

/** ValidateDeploymentSpec and ValidateDeploymentStrategy, with kube's messages. */
final class DeploymentValidation {

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
        IntOrPercent.positive(errs, update.getMaxUnavailable(), path + ".maxUnavailable");
        IntOrPercent.positive(errs, update.getMaxSurge(), path + ".maxSurge");
        if (IntOrPercent.value(update.getMaxUnavailable()) == 0 && IntOrPercent.value(update.getMaxSurge()) == 0) {
            errs.add(FieldError.invalid(path + ".maxUnavailable", IntOrPercent.text(update.getMaxUnavailable()),
                    "may not be 0 when `maxSurge` is 0"));
        }
        IntOrPercent.notMoreThan100Percent(errs, update.getMaxUnavailable(), path + ".maxUnavailable");
        return errs;
    }
}
