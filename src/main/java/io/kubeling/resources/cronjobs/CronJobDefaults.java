package io.kubeling.resources.cronjobs;

import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.batch.v1.CronJobSpec;
import io.fabric8.kubernetes.api.model.batch.v1.JobSpec;
import io.fabric8.kubernetes.api.model.batch.v1.JobTemplateSpec;
import io.kubeling.resources.pods.PodTemplates;

/**
 * batch/v1 SetDefaults_CronJob and the pod template's defaults; the job template's own fields (backoffLimit,
 * completions) stay unset, as kube defaults them only on the Jobs made from it.
 */
final class CronJobDefaults {

    private CronJobDefaults() {
    }

    static void apply(CronJob cronJob) {
        if (cronJob.getSpec() == null) {
            cronJob.setSpec(new CronJobSpec());
        }
        CronJobSpec spec = cronJob.getSpec();
        if (spec.getConcurrencyPolicy() == null || spec.getConcurrencyPolicy().isEmpty()) {
            spec.setConcurrencyPolicy("Allow");
        }
        if (spec.getSuspend() == null) {
            spec.setSuspend(false);
        }
        if (spec.getSuccessfulJobsHistoryLimit() == null) {
            spec.setSuccessfulJobsHistoryLimit(3);
        }
        if (spec.getFailedJobsHistoryLimit() == null) {
            spec.setFailedJobsHistoryLimit(1);
        }
        if (spec.getJobTemplate() == null) {
            spec.setJobTemplate(new JobTemplateSpec());
        }
        JobTemplateSpec jobTemplate = spec.getJobTemplate();
        if (jobTemplate.getMetadata() == null) {
            jobTemplate.setMetadata(new ObjectMeta());
        }
        if (jobTemplate.getSpec() == null) {
            jobTemplate.setSpec(new JobSpec());
        }
        if (jobTemplate.getSpec().getTemplate() == null) {
            jobTemplate.getSpec().setTemplate(new PodTemplateSpec());
        }
        PodTemplates.applyDefaults(jobTemplate.getSpec().getTemplate());
    }
}
