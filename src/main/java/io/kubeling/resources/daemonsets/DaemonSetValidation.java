package io.kubeling.resources.daemonsets;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.apps.DaemonSetSpec;
import io.fabric8.kubernetes.api.model.apps.DaemonSetStatus;
import io.fabric8.kubernetes.api.model.apps.DaemonSetUpdateStrategy;
import io.fabric8.kubernetes.api.model.apps.RollingUpdateDaemonSet;
import io.kubeling.registry.validation.FieldError;
import io.kubeling.registry.validation.GoQuote;
import io.kubeling.resources.common.IntOrPercent;
import io.kubeling.resources.common.LabelSelectors;
import io.kubeling.resources.common.SelectorText;
import io.kubeling.resources.pods.PodTemplates;
import io.kubeling.resources.replicasets.WorkloadValidation;

/** ValidateDaemonSetSpec, ValidateDaemonSetUpdateStrategy and validateDaemonSetStatus, with kube's messages. */
final class DaemonSetValidation {

    private DaemonSetValidation() {
    }

    static List<FieldError> spec(DaemonSetSpec spec) {
        List<FieldError> errs = new ArrayList<>();
        LabelSelector selector = spec.getSelector();
        if (selector != null) {
            errs.addAll(LabelSelectors.validate(selector, "spec.selector"));
        }
        PodTemplateSpec template = spec.getTemplate() == null ? new PodTemplateSpec() : spec.getTemplate();
        var labels = template.getMetadata() == null ? null : template.getMetadata().getLabels();
        boolean parses = selector == null || SelectorText.rendered(selector).isPresent();
        // A nil selector selects nothing; an empty one everything.
        boolean matches = selector != null && (LabelSelectors.isEmpty(selector)
                || LabelSelectors.matches(selector, labels));
        if (parses && !matches) {
            errs.add(FieldError.invalid("spec.template.metadata.labels", LabelSelectors.goMap(labels),
                    "`selector` does not match template `labels`"));
        }
        if (selector != null && LabelSelectors.isEmpty(selector)) {
            errs.add(FieldError.invalid("spec.selector", LabelSelectors.goSelector(selector),
                    "empty selector is invalid for daemonset"));
        }
        errs.addAll(PodTemplates.validate(template, "spec.template"));
        String restartPolicy = template.getSpec() == null ? "" : Objects.toString(template.getSpec().getRestartPolicy(), "");
        if (!restartPolicy.equals("Always")) {
            errs.add(FieldError.notSupported("spec.template.spec.restartPolicy", restartPolicy, List.of("Always")));
        }
        if (template.getSpec() != null && template.getSpec().getActiveDeadlineSeconds() != null) {
            errs.add(FieldError.forbidden("spec.template.spec.activeDeadlineSeconds",
                    "activeDeadlineSeconds in DaemonSet is not Supported"));
        }
        WorkloadValidation.nonNegative(errs, spec.getMinReadySeconds(), "spec.minReadySeconds");
        updateStrategy(errs, spec.getUpdateStrategy(), "spec.updateStrategy");
        WorkloadValidation.nonNegative(errs, spec.getRevisionHistoryLimit(), "spec.revisionHistoryLimit");
        return errs;
    }

    private static void updateStrategy(List<FieldError> errs, DaemonSetUpdateStrategy strategy, String path) {
        String type = strategy == null ? "" : Objects.toString(strategy.getType(), "");
        switch (type) {
            case "OnDelete" -> { }
            case "RollingUpdate" -> {
                if (strategy.getRollingUpdate() == null) {
                    errs.add(FieldError.required(path + ".rollingUpdate", ""));
                } else {
                    rollingUpdate(errs, strategy.getRollingUpdate(), path + ".rollingUpdate");
                }
            }
            default -> errs.add(FieldError.notSupported(path, goStrategy(strategy), List.of("RollingUpdate", "OnDelete")));
        }
    }

    private static void rollingUpdate(List<FieldError> errs, RollingUpdateDaemonSet update, String path) {
        IntOrPercent.positive(errs, update.getMaxUnavailable(), path + ".maxUnavailable");
        IntOrPercent.positive(errs, update.getMaxSurge(), path + ".maxSurge");
        IntOrPercent.notMoreThan100Percent(errs, update.getMaxUnavailable(), path + ".maxUnavailable");
        IntOrPercent.notMoreThan100Percent(errs, update.getMaxSurge(), path + ".maxSurge");
        boolean unavailable = IntOrPercent.value(update.getMaxUnavailable()) != 0;
        boolean surge = IntOrPercent.value(update.getMaxSurge()) != 0;
        if (unavailable && surge) {
            errs.add(FieldError.invalid(path + ".maxSurge", IntOrPercent.text(update.getMaxSurge()),
                    "may not be set when maxUnavailable is non-zero"));
        } else if (!unavailable && !surge) {
            errs.add(FieldError.required(path + ".maxUnavailable", "cannot be 0 when maxSurge is 0"));
        }
    }

    /** ValidateDaemonSetUpdate beyond the spec: the selector may not change once set, as apps/v1 holds it. */
    static List<FieldError> update(DaemonSetSpec spec, DaemonSetSpec old) {
        List<FieldError> errs = new ArrayList<>();
        WorkloadValidation.immutableSelector(errs, spec.getSelector(), old.getSelector(),
                "spec.selector");
        return errs;
    }

    static List<FieldError> status(DaemonSetStatus s, DaemonSetStatus old) {
        List<FieldError> errs = new ArrayList<>();
        WorkloadValidation.nonNegative(errs, s.getCurrentNumberScheduled(), "status.currentNumberScheduled");
        WorkloadValidation.nonNegative(errs, s.getNumberMisscheduled(), "status.numberMisscheduled");
        WorkloadValidation.nonNegative(errs, s.getDesiredNumberScheduled(), "status.desiredNumberScheduled");
        WorkloadValidation.nonNegative(errs, s.getNumberReady(), "status.numberReady");
        WorkloadValidation.nonNegative(errs, s.getObservedGeneration(), "status.observedGeneration");
        WorkloadValidation.nonNegative(errs, s.getUpdatedNumberScheduled(), "status.updatedNumberScheduled");
        WorkloadValidation.nonNegative(errs, s.getNumberAvailable(), "status.numberAvailable");
        WorkloadValidation.nonNegative(errs, s.getNumberUnavailable(), "status.numberUnavailable");
        WorkloadValidation.nonNegative(errs, s.getCollisionCount(), "status.collisionCount");
        if (old != null && old.getCollisionCount() != null
                && (s.getCollisionCount() == null || s.getCollisionCount() < old.getCollisionCount())) {
            errs.add(FieldError.invalid("status.collisionCount",
                    (long) (s.getCollisionCount() == null ? 0 : s.getCollisionCount()), "cannot be decremented"));
        }
        return errs;
    }

    /** The strategy as field.NotSupported prints it, with Go's %#v. */
    private static Object goStrategy(DaemonSetUpdateStrategy strategy) {
        String type = strategy == null ? "" : Objects.toString(strategy.getType(), "");
        boolean rolling = strategy != null && strategy.getRollingUpdate() != null;
        String s = "apps.DaemonSetUpdateStrategy{Type:" + GoQuote.quote(type) + ", RollingUpdate:"
                + (rolling ? "(*apps.RollingUpdateDaemonSet)(0xc000)" : "(*apps.RollingUpdateDaemonSet)(nil)") + "}";
        return new Object() {
            @Override
            public String toString() {
                return s;
            }
        };
    }
}
