package io.kubeling.resources.replicasets;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.kubeling.registry.validation.FieldError;
import io.kubeling.resources.common.LabelSelectors;
import io.kubeling.resources.common.SelectorText;
import io.kubeling.resources.pods.PodTemplates;

/** The checks ReplicaSets and Deployments share: selector, template, and numbers that may not be negative. */
public final class WorkloadValidation {

    private WorkloadValidation() {
    }

    /** ValidateNonnegativeField. */
    public static void nonNegative(List<FieldError> errs, Number value, String path) {
        if (value != null && value.longValue() < 0) {
            errs.add(FieldError.invalid(path, value.longValue(), "must be greater than or equal to 0"));
        }
    }

    /** The selector rules and ValidatePodTemplateSpecForReplicaSet, at {@code spec}. */
    public static List<FieldError> selectorAndTemplate(LabelSelector selector, PodTemplateSpec template,
            String spec) {
        List<FieldError> errs = new ArrayList<>();
        if (selector == null) {
            errs.add(FieldError.required(spec + ".selector", ""));
        } else {
            errs.addAll(LabelSelectors.validate(selector, spec + ".selector"));
            if (LabelSelectors.isEmpty(selector)) {
                errs.add(FieldError.invalid(spec + ".selector", LabelSelectors.goSelector(selector),
                        "empty selector is invalid for deployment"));
            }
        }
        if (SelectorText.rendered(selector).isEmpty()) {
            errs.add(FieldError.invalid(spec + ".selector", LabelSelectors.goSelector(selector),
                    "invalid label selector"));
            return errs;
        }
        String path = spec + ".template";
        if (template == null) {
            errs.add(FieldError.required(path, ""));
            return errs;
        }
        // A missing selector selects nothing, so the labels fail to match it as well, as in kube.
        boolean everything = selector != null && LabelSelectors.isEmpty(selector);
        var labels = template.getMetadata() == null ? null : template.getMetadata().getLabels();
        if (!everything && !LabelSelectors.matches(selector, labels)) {
            errs.add(FieldError.invalid(path + ".metadata.labels", LabelSelectors.goMap(labels),
                    "`selector` does not match template `labels`"));
        }
        errs.addAll(PodTemplates.validate(template, path));
        String restartPolicy = template.getSpec() == null ? "" : Objects.toString(template.getSpec().getRestartPolicy(), "");
        if (!restartPolicy.equals("Always")) {
            errs.add(FieldError.notSupported(path + ".spec.restartPolicy", restartPolicy, List.of("Always")));
        }
        if (template.getSpec() != null && template.getSpec().getActiveDeadlineSeconds() != null) {
            errs.add(FieldError.invalid(path + ".spec.activeDeadlineSeconds",
                    template.getSpec().getActiveDeadlineSeconds(), "activeDeadlineSeconds in ReplicaSet is not Supported"));
        }
        return errs;
    }

    /** ValidateImmutableField for the selector. */
    public static void immutableSelector(List<FieldError> errs, LabelSelector selector, LabelSelector old,
            String path) {
        if (!Objects.equals(normal(selector), normal(old))) {
            errs.add(FieldError.invalid(path, LabelSelectors.goSelector(selector), "field is immutable"));
        }
    }

    private static Object normal(LabelSelector s) {
        return s == null ? null : SelectorText.rendered(s).orElse(s.toString());
    }
}
