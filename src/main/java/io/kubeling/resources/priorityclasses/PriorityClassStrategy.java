package io.kubeling.resources.priorityclasses;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import io.fabric8.kubernetes.api.model.scheduling.v1.PriorityClass;
import io.kubeling.registry.Strategy;
import io.kubeling.registry.validation.FieldError;

/** kube's priority class rules: reserved system names, a ceiling for user classes, value and policy immutable. */
class PriorityClassStrategy implements Strategy<PriorityClass> {

    static final List<String> PREEMPTION_POLICIES = List.of("PreemptLowerPriority", "Never");

    /** The v1 defaults: a value of 0 when absent (a plain int32 in kube), PreemptLowerPriority. */
    @Override
    public void applyDefaults(PriorityClass pc) {
        if (pc.getValue() == null) {
            pc.setValue(0);
        }
        if (pc.getPreemptionPolicy() == null) {
            pc.setPreemptionPolicy("PreemptLowerPriority");
        }
    }

    @Override
    public List<FieldError> validate(PriorityClass pc) {
        List<FieldError> errs = new ArrayList<>();
        String name = Objects.requireNonNullElse(pc.getMetadata().getName(), "");
        int value = pc.getValue() == null ? 0 : pc.getValue();
        if (name.startsWith(SystemPriorityClasses.PREFIX)) {
            String reason = SystemPriorityClasses.unknownReason(name, value, Boolean.TRUE.equals(pc.getGlobalDefault()));
            if (reason != null) {
                errs.add(FieldError.forbidden("metadata.name", "priority class names with '"
                        + SystemPriorityClasses.PREFIX + "' prefix are reserved for system use only. error: " + reason));
            }
        } else if (value > SystemPriorityClasses.HIGHEST_USER_DEFINABLE) {
            errs.add(FieldError.forbidden("value", "maximum allowed value of a user defined priority is "
                    + SystemPriorityClasses.HIGHEST_USER_DEFINABLE));
        }
        String policy = pc.getPreemptionPolicy();
        if (policy != null) {
            if (policy.isEmpty()) {
                errs.add(FieldError.required("preemptionPolicy", ""));
            } else if (!PREEMPTION_POLICIES.contains(policy)) {
                errs.add(FieldError.notSupported("preemptionPolicy", policy, PREEMPTION_POLICIES));
            }
        }
        return errs;
    }

    @Override
    public List<FieldError> validateUpdate(PriorityClass pc, PriorityClass old) {
        List<FieldError> errs = new ArrayList<>(validate(pc));
        if (!Objects.equals(pc.getValue(), old.getValue())) {
            errs.add(FieldError.forbidden("value", "may not be changed in an update."));
        }
        if (!Objects.equals(pc.getPreemptionPolicy(), old.getPreemptionPolicy())) {
            errs.add(FieldError.invalid("preemptionPolicy", pc.getPreemptionPolicy(), "field is immutable"));
        }
        return errs;
    }
}
