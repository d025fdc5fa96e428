package io.kubeling.resources.jobs;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import io.fabric8.kubernetes.api.model.batch.v1.JobSpec;
import io.kubeling.registry.validation.FieldError;
import io.kubeling.resources.common.LabelSelectors;
import io.kubeling.resources.common.SelectorText;
import io.kubeling.resources.pods.PodTemplates;
import io.kubeling.resources.replicasets.WorkloadValidation;

/** validateJobSpec and the update rules, with kube's messages. */
final class JobValidation {

    private static final int MAX_INDEXED_PARALLELISM = 100_000;

    private JobValidation() {
    }

    static List<FieldError> spec(JobSpec spec) {
        List<FieldError> errs = new ArrayList<>();
        WorkloadValidation.nonNegative(errs, spec.getParallelism(), "spec.parallelism");
        WorkloadValidation.nonNegative(errs, spec.getCompletions(), "spec.completions");
        WorkloadValidation.nonNegative(errs, spec.getActiveDeadlineSeconds(), "spec.activeDeadlineSeconds");
        WorkloadValidation.nonNegative(errs, spec.getBackoffLimit(), "spec.backoffLimit");
        WorkloadValidation.nonNegative(errs, spec.getTtlSecondsAfterFinished(), "spec.ttlSecondsAfterFinished");
        String mode = spec.getCompletionMode();
        if (mode != null) {
            if (!mode.equals("NonIndexed") && !mode.equals("Indexed")) {
                errs.add(FieldError.notSupported("spec.completionMode", mode, List.of("NonIndexed", "Indexed")));
            }
            if (mode.equals("Indexed")) {
                if (spec.getCompletions() == null) {
                    errs.add(FieldError.required("spec.completions", "when completion mode is Indexed"));
                }
                if (spec.getParallelism() != null && spec.getParallelism() > MAX_INDEXED_PARALLELISM) {
                    errs.add(FieldError.invalid("spec.parallelism", (long) spec.getParallelism(),
                            "must be less than or equal to 100000 when completion mode is Indexed"));
                }
            }
        }
        if (spec.getSelector() == null) {
            errs.add(FieldError.required("spec.selector", ""));
        } else {
            errs.addAll(LabelSelectors.validate(spec.getSelector(), "spec.selector"));
        }
        var labels = spec.getTemplate().getMetadata() == null ? null : spec.getTemplate().getMetadata().getLabels();
        if (spec.getSelector() != null && SelectorText.rendered(spec.getSelector()).isPresent()
                && !LabelSelectors.isEmpty(spec.getSelector()) && !LabelSelectors.matches(spec.getSelector(), labels)) {
            errs.add(FieldError.invalid("spec.template.metadata.labels", LabelSelectors.goMap(labels),
                    "`selector` does not match template `labels`"));
        }
        errs.addAll(PodTemplates.validate(spec.getTemplate(), "spec.template"));
        String restart = spec.getTemplate().getSpec() == null ? "" : Objects.toString(spec.getTemplate().getSpec()
                .getRestartPolicy(), "");
        if (restart.isEmpty() || restart.equals("Always")) {
            errs.add(FieldError.required("spec.template.spec.restartPolicy",
                    "valid values: \"OnFailure\", \"Never\""));
        } else if (!restart.equals("OnFailure") && !restart.equals("Never")) {
            errs.add(FieldError.notSupported("spec.template.spec.restartPolicy", restart,
                    List.of("OnFailure", "Never")));
        }
        String replacement = spec.getPodReplacementPolicy();
        if (replacement != null && !replacement.equals("TerminatingOrFailed") && !replacement.equals("Failed")) {
            errs.add(FieldError.notSupported("spec.podReplacementPolicy", replacement,
                    List.of("Failed", "TerminatingOrFailed")));
        }
        return errs;
    }

    static List<FieldError> update(JobSpec spec, JobSpec old) {
        List<FieldError> errs = spec(spec);
        WorkloadValidation.immutableSelector(errs, spec.getSelector(), old.getSelector(), "spec.selector");
        if (!Objects.equals(spec.getTemplate(), old.getTemplate())) {
            errs.add(FieldError.invalid("spec.template", new Object() {
                @Override
                public String toString() {
                    return "core.PodTemplateSpec{...}";
                }
            }, "field is immutable"));
        }
        if (!Objects.equals(spec.getCompletionMode(), old.getCompletionMode())) {
            errs.add(FieldError.invalid("spec.completionMode", spec.getCompletionMode(), "field is immutable"));
        }
        if (!Objects.equals(spec.getCompletions(), old.getCompletions())
                && !"Indexed".equals(spec.getCompletionMode())) {
            errs.add(FieldError.invalid("spec.completions", spec.getCompletions() == null ? null
                    : (long) spec.getCompletions(), "field is immutable"));
        }
        return errs;
    }
}
