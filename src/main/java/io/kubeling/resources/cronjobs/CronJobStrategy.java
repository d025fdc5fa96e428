package io.kubeling.resources.cronjobs;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.batch.v1.CronJobStatus;
import io.kubeling.registry.Strategy;
import io.kubeling.registry.validation.FieldError;

/** kube's cronJobStrategy: defaults, a fresh status on create, the spec's rules, generation on spec changes. */
class CronJobStrategy implements Strategy<CronJob> {

    /** A Job's name is the CronJob's and 11 characters of its scheduled minute, within a DNS label's 63. */
    private static final int MAX_NAME = 52;

    @Override
    public void applyDefaults(CronJob cronJob) {
        CronJobDefaults.apply(cronJob);
    }

    @Override
    public void prepareForCreate(CronJob cronJob) {
        cronJob.setStatus(new CronJobStatus());
    }

    @Override
    public List<FieldError> validate(CronJob cronJob) {
        List<FieldError> errs = new ArrayList<>(CronJobValidation.spec(cronJob.getSpec(), null));
        String name = cronJob.getMetadata().getName();
        if (name != null && name.length() > MAX_NAME) {
            errs.add(FieldError.invalid("metadata.name", name, "must be no more than 52 characters"));
        }
        return errs;
    }

    @Override
    public void prepareForUpdate(CronJob cronJob, CronJob old) {
        cronJob.setStatus(old.getStatus());
    }

    @Override
    public List<FieldError> validateUpdate(CronJob cronJob, CronJob old) {
        return CronJobValidation.spec(cronJob.getSpec(), old.getSpec());
    }

    @Override
    public boolean tracksGeneration() {
        return true;
    }

    @Override
    public boolean specChanged(CronJob cronJob, CronJob old) {
        return !Objects.equals(cronJob.getSpec(), old.getSpec());
    }
}
