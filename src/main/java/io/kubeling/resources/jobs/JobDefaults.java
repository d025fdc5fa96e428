package io.kubeling.resources.jobs;

import java.util.HashMap;
import java.util.Map;

import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobSpec;
import io.kubeling.resources.pods.PodTemplates;

/** batch/v1 SetDefaults_Job, and the selector kube's job strategy generates on create. */
final class JobDefaults {

    static final String JOB_NAME = "batch.kubernetes.io/job-name";
    static final String LEGACY_JOB_NAME = "job-name";
    static final String CONTROLLER_UID = "batch.kubernetes.io/controller-uid";
    static final String LEGACY_CONTROLLER_UID = "controller-uid";

    private JobDefaults() {
    }

    static void apply(Job job) {
        if (job.getSpec() == null) {
            job.setSpec(new JobSpec());
        }
        JobSpec spec = job.getSpec();
        if (spec.getCompletions() == null && spec.getParallelism() == null) {
            spec.setCompletions(1);
            spec.setParallelism(1);
        }
        if (spec.getParallelism() == null) {
            spec.setParallelism(1);
        }
        if (spec.getBackoffLimit() == null) {
            spec.setBackoffLimit(spec.getBackoffLimitPerIndex() != null ? Integer.MAX_VALUE : 6);
        }
        if (spec.getCompletionMode() == null) {
            spec.setCompletionMode("NonIndexed");
        }
        if (spec.getSuspend() == null) {
            spec.setSuspend(false);
        }
        if (spec.getManualSelector() == null) {
            spec.setManualSelector(false);
        }
        if (spec.getPodReplacementPolicy() == null) {
            spec.setPodReplacementPolicy(spec.getPodFailurePolicy() != null ? "Failed" : "TerminatingOrFailed");
        }
        if (spec.getTemplate() == null) {
            spec.setTemplate(new PodTemplateSpec());
        }
        PodTemplates.applyDefaults(spec.getTemplate());
        labelsFromTemplate(job);
    }

    /** Like kube, which defaults the job's labels to its template's when it reads the job back. */
    static void labelsFromTemplate(Job job) {
        Map<String, String> labels = job.getSpec().getTemplate().getMetadata().getLabels();
        if (labels != null && !labels.isEmpty()
                && (job.getMetadata().getLabels() == null || job.getMetadata().getLabels().isEmpty())) {
            job.getMetadata().setLabels(new HashMap<>(labels));
        }
    }

    /** generateSelector: job-name and controller-uid labels on the template, the uid in the selector. */
    static void generateSelector(Job job) {
        PodTemplateSpec template = job.getSpec().getTemplate();
        Map<String, String> labels = template.getMetadata().getLabels() == null ? new HashMap<>()
                : new HashMap<>(template.getMetadata().getLabels());
        String name = job.getMetadata().getName();
        String uid = job.getMetadata().getUid();
        labels.putIfAbsent(LEGACY_JOB_NAME, name);
        labels.putIfAbsent(JOB_NAME, name);
        labels.putIfAbsent(LEGACY_CONTROLLER_UID, uid);
        labels.putIfAbsent(CONTROLLER_UID, uid);
        template.getMetadata().setLabels(labels);
        LabelSelector selector = job.getSpec().getSelector() == null ? new LabelSelector() : job.getSpec().getSelector();
        Map<String, String> match = selector.getMatchLabels() == null ? new HashMap<>()
                : new HashMap<>(selector.getMatchLabels());
        match.putIfAbsent(CONTROLLER_UID, uid);
        selector.setMatchLabels(match);
        job.getSpec().setSelector(selector);
    }
}
