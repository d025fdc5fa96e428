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
public final class JobValidation {

    private static final int MAX_INDEXED_PARALLELISM = 100_000;

    private JobValidation() {
    }

    static List<FieldError> spec(JobSpec spec) {
        List<FieldError> errs = counts(spec, "spec");
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
        errs.addAll(pods(spec, "spec"));
        return errs;
    }

    /** ValidateJobTemplateSpec: a CronJob's job at {@code path}, whose selector the server generates. */
    public static List<FieldError> template(JobSpec spec, String path) {
        List<FieldError> errs = counts(spec, path);
        errs.addAll(pods(spec, path));
        if (spec.getSelector() != null) {
            errs.add(FieldError.invalid(path + ".selector", LabelSelectors.goSelector(spec.getSelector()),
                    "`selector` will be auto-generated"));
        }
        if (Boolean.TRUE.equals(spec.getManualSelector())) {
            errs.add(FieldError.notSupported(path + ".manualSelector", true, List.of("nil", "false")));
        }
        return errs;
    }

    /** The numbers and the completion mode, which validateJobSpec checks first. */
    private static List<FieldError> counts(JobSpec spec, String path) {
        List<FieldError> errs = new ArrayList<>();
        WorkloadValidation.nonNegative(errs, spec.getParallelism(), path + ".parallelism");
        WorkloadValidation.nonNegative(errs, spec.getCompletions(), path + ".completions");
        WorkloadValidation.nonNegative(errs, spec.getActiveDeadlineSeconds(), path + ".activeDeadlineSeconds");
        WorkloadValidation.nonNegative(errs, spec.getBackoffLimit(), path + ".backoffLimit");
        WorkloadValidation.nonNegative(errs, spec.getTtlSecondsAfterFinished(), path + ".ttlSecondsAfterFinished");
        String mode = spec.getCompletionMode();
        if (mode != null) {
            if (!mode.equals("NonIndexed") && !mode.equals("Indexed")) {
                errs.add(FieldError.notSupported(path + ".completionMode", mode, List.of("NonIndexed", "Indexed")));
            }
            if (mode.equals("Indexed")) {
                if (spec.getCompletions() == null) {
                    errs.add(FieldError.required(path + ".completions", "when completion mode is Indexed"));
                }
                if (spec.getParallelism() != null && spec.getParallelism() > MAX_INDEXED_PARALLELISM) {
                    errs.add(FieldError.invalid(path + ".parallelism", (long) spec.getParallelism(),
                            "must be less than or equal to 100000 when completion mode is Indexed"));
                }
            }
        }
        return errs;
    }

    /** The pod template and the restart and replacement policies, which validateJobSpec checks last. */
    private static List<FieldError> pods(JobSpec spec, String path) {
        List<FieldError> template = new ArrayList<>(PodTemplates.validate(spec.getTemplate(), path + ".template"));
        String restart = spec.getTemplate().getSpec() == null ? "" : Objects.toString(spec.getTemplate().getSpec()
                .getRestartPolicy(), "");
        if (restart.isEmpty() || restart.equals("Always")) {
            template.add(FieldError.required(path + ".template.spec.restartPolicy",
                    "valid values: \"OnFailure\", \"Never\""));
        } else if (!restart.equals("OnFailure") && !restart.equals("Never")) {
            template.add(FieldError.notSupported(path + ".template.spec.restartPolicy", restart,
                    List.of("OnFailure", "Never")));
        }
        String replacement = spec.getPodReplacementPolicy();
        if (replacement != null && !replacement.equals("TerminatingOrFailed") && !replacement.equals("Failed")) {
            template.add(FieldError.notSupported(path + ".podReplacementPolicy", replacement,
                    List.of("Failed", "TerminatingOrFailed")));
        }
        return template;
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
