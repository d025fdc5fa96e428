package io.kubeling.resources.cronjobs;

import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.batch.v1.CronJobStatus;
import io.kubeling.registry.Strategy;

/** cronjobs/status: only the status changes, and kube checks nothing of it. */
class CronJobStatusStrategy implements Strategy<CronJob> {

    @Override
    public void prepareForUpdate(CronJob cronJob, CronJob old) {
        cronJob.setSpec(old.getSpec());
        if (cronJob.getStatus() == null) {
            cronJob.setStatus(new CronJobStatus());
        }
    }
}
