package io.kubeling.resources.jobs;

import java.util.List;
import java.util.Objects;

import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobStatus;
import io.kubeling.registry.Strategy;
import io.kubeling.registry.validation.FieldError;

/** kube's jobStrategy: defaults, a generated selector unless manualSelector, a fresh status. */
class JobStrategy implements Strategy<Job> {

    @Override
    public void applyDefaults(Job job) {
        JobDefaults.apply(job);
    }

    @Override
    public void prepareForCreate(Job job) {
        if (!Boolean.TRUE.equals(job.getSpec().getManualSelector())) {
            JobDefaults.generateSelector(job);
        }
        JobDefaults.labelsFromTemplate(job);
        job.setStatus(new JobStatus());
    }

    @Override
    public List<FieldError> validate(Job job) {
        return JobValidation.spec(job.getSpec());
    }

    @Override
    public void prepareForUpdate(Job job, Job old) {
        job.setStatus(old.getStatus());
    }

    @Override
    public List<FieldError> validateUpdate(Job job, Job old) {
        return JobValidation.update(job.getSpec(), old.getSpec());
    }

    @Override
    public boolean tracksGeneration() {
        return true;
    }

    @Override
    public boolean specChanged(Job job, Job old) {
        return !Objects.equals(job.getSpec(), old.getSpec());
    }
}
