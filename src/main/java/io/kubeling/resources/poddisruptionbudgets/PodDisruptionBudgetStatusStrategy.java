package io.kubeling.resources.poddisruptionbudgets;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudgetStatus;
import io.kubeling.registry.Strategy;
import io.kubeling.registry.validation.FieldError;
import io.kubeling.registry.validation.Names;
import io.kubeling.resources.replicasets.WorkloadValidation;

/** poddisruptionbudgets/status: only the status changes, checked as ValidatePodDisruptionBudgetStatusUpdate. */
class PodDisruptionBudgetStatusStrategy implements Strategy<PodDisruptionBudget> {

    private static final List<String> STATUSES = List.of("False", "True", "Unknown");
    private static final Pattern REASON = Pattern.compile("[A-Za-z]([A-Za-z0-9_,:]*[A-Za-z0-9_])?");

    /** The status kube starts a budget with: its counters at zero, as the Go struct's fields are never absent. */
    static PodDisruptionBudgetStatus empty() {
        PodDisruptionBudgetStatus status = new PodDisruptionBudgetStatus();
        status.setCurrentHealthy(0);
        status.setDesiredHealthy(0);
        status.setExpectedPods(0);
        status.setDisruptionsAllowed(0);
        return status;
    }

    /** What decoding a status write gives in kube, whose writer owns it. */
    @Override
    public void applyDefaults(PodDisruptionBudget pdb) {
        if (pdb.getStatus() == null) {
            pdb.setStatus(empty());
        }
        PodDisruptionBudgetStatus s = pdb.getStatus();
        // the status's counters are plain int32s in kube: an absent one reads as zero
        s.setCurrentHealthy(s.getCurrentHealthy() == null ? 0 : s.getCurrentHealthy());
        s.setDesiredHealthy(s.getDesiredHealthy() == null ? 0 : s.getDesiredHealthy());
        s.setExpectedPods(s.getExpectedPods() == null ? 0 : s.getExpectedPods());
        s.setDisruptionsAllowed(s.getDisruptionsAllowed() == null ? 0 : s.getDisruptionsAllowed());
    }

    @Override
    public void prepareForUpdate(PodDisruptionBudget pdb, PodDisruptionBudget old) {
        pdb.setSpec(old.getSpec());
    }

    @Override
    public List<FieldError> validateUpdate(PodDisruptionBudget pdb, PodDisruptionBudget old) {
        PodDisruptionBudgetStatus s = pdb.getStatus();
        List<FieldError> errs = conditions(s.getConditions());
        WorkloadValidation.nonNegative(errs, s.getDisruptionsAllowed(), "status.disruptionsAllowed");
        WorkloadValidation.nonNegative(errs, s.getCurrentHealthy(), "status.currentHealthy");
        WorkloadValidation.nonNegative(errs, s.getDesiredHealthy(), "status.desiredHealthy");
        WorkloadValidation.nonNegative(errs, s.getExpectedPods(), "status.expectedPods");
        return errs;
    }

    /** metav1 ValidateConditions. */
    private static List<FieldError> conditions(List<Condition> conditions) {
        List<FieldError> errs = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < conditions.size(); i++) {
            Condition c = conditions.get(i);
            String at = "status.conditions[" + i + "]";
            String type = c.getType() == null ? "" : c.getType();
            if (!seen.add(type)) {
                errs.add(FieldError.duplicate(at + ".type", type));
            }
            Names.qualifiedName(type).forEach(m -> errs.add(FieldError.invalid(at + ".type", type, m)));
            String status = c.getStatus() == null ? "" : c.getStatus();
            if (!STATUSES.contains(status)) {
                errs.add(FieldError.notSupported(at + ".status", status, STATUSES));
            }
            if (c.getObservedGeneration() != null && c.getObservedGeneration() < 0) {
                errs.add(FieldError.invalid(at + ".observedGeneration", c.getObservedGeneration(),
                        "must be greater than or equal to zero"));
            }
            if (c.getLastTransitionTime() == null || c.getLastTransitionTime().isEmpty()) {
                errs.add(FieldError.required(at + ".lastTransitionTime", "must be set"));
            }
            String reason = c.getReason() == null ? "" : c.getReason();
            if (reason.isEmpty()) {
                errs.add(FieldError.required(at + ".reason", "must be set"));
            } else {
                if (!REASON.matcher(reason).matches()) {
                    errs.add(FieldError.invalid(at + ".reason", reason, "a condition reason must start with "
                            + "alphabetic character, optionally followed by a string of alphanumeric characters or "
                            + "'_,:', and must end with an alphanumeric character or '_' (e.g. 'my_name',  or "
                            + "'MY_NAME',  or 'MyName',  or 'ReasonA,ReasonB',  or 'ReasonA:ReasonB', regex used for "
                            + "validation is '[A-Za-z]([A-Za-z0-9_,:]*[A-Za-z0-9_])?')"));
                }
                if (reason.length() > 1024) {
                    errs.add(FieldError.tooLong(at + ".reason", 1024));
                }
            }
            if (c.getMessage() != null && c.getMessage().length() > 32768) {
                errs.add(FieldError.tooLong(at + ".message", 32768));
            }
        }
        return errs;
    }
}
