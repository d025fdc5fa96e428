package io.kubeling.resources.jobs;

import java.util.ArrayList;
import java.util.List;

import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobStatus;
import io.kubeling.registry.Strategy;
import io.kubeling.registry.validation.FieldError;
import io.kubeling.resources.replicasets.WorkloadValidation;

/** jobs/status: only the status changes. */
class JobStatusStrategy implements Strategy<Job> {

    @Override
    public void prepareForUpdate(Job job, Job old) {
        job.setSpec(old.getSpec());
        if (job.getStatus() == null) {
            job.setStatus(new JobStatus());
        }
    }

    @Override
    public List<FieldError> validateUpdate(Job job, Job old) {
        JobStatus s = job.getStatus();
        List<FieldError> errs = new ArrayList<>();
        WorkloadValidation.nonNegative(errs, s.getActive(), "status.active");
        WorkloadValidation.nonNegative(errs, s.getSucceeded(), "status.succeeded");
        WorkloadValidation.nonNegative(errs, s.getFailed(), "status.failed");
        WorkloadValidation.nonNegative(errs, s.getReady(), "status.ready");
        WorkloadValidation.nonNegative(errs, s.getTerminating(), "status.terminating");
        return errs;
    }
}
