package io.kubeling.resources.jobs;

import java.time.Instant;
import java.util.List;

import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobCondition;
import io.fabric8.kubernetes.api.model.batch.v1.JobSpec;
import io.fabric8.kubernetes.api.model.batch.v1.JobStatus;
import io.kubeling.registry.TableColumn;
import io.kubeling.registry.TableConvertor;
import io.kubeling.resources.common.Ages;
import io.kubeling.resources.common.ContainerCells;
import io.kubeling.resources.common.KubeTime;
import io.kubeling.resources.common.SelectorText;
import io.kubeling.resources.common.StandardColumns;

/** kube's printJob: where the job stands, completions out of what it needs, how long it ran. */
public class JobTable implements TableConvertor<Job> {

    private static final List<TableColumn> COLUMNS = List.of(
            StandardColumns.NAME,
            StandardColumns.column("Status", "Status of the job."),
            StandardColumns.column("Completions", "The number of pods which reached phase Succeeded. The value "
                    + "increases monotonically for a given spec. However, it may decrease in reaction to scale down of "
                    + "elastic indexed jobs."),
            StandardColumns.column("Duration", "Time required to complete the job."),
            StandardColumns.AGE,
            StandardColumns.CONTAINERS,
            StandardColumns.IMAGES,
            StandardColumns.wide("Selector", "A label query over pods that should match the pod count. Normally, the "
                    + "system sets this field for you. More info: "
                    + "https://kubernetes.io/docs/concepts/overview/working-with-objects/labels/#label-selectors"));

    public JobTable() {
    }

    @Override
    public List<TableColumn> columns() {
        return COLUMNS;
    }

    @Override
    public List<Object> cells(Job job, Instant now) {
        JobSpec spec = job.getSpec() == null ? new JobSpec() : job.getSpec();
        JobStatus status = job.getStatus() == null ? new JobStatus() : job.getStatus();
        return List.of(
                job.getMetadata().getName() == null ? "" : job.getMetadata().getName(),
                status(job, status),
                completions(spec, status),
                duration(status, now),
                Ages.since(job.getMetadata().getCreationTimestamp(), now),
                ContainerCells.names(spec.getTemplate()),
                ContainerCells.images(spec.getTemplate()),
                SelectorText.ofSelector(spec.getSelector()));
    }

    /** Finished beats terminating, which beats suspended, which beats about to fail; anything else is running. */
    private static String status(Job job, JobStatus status) {
        List<JobCondition> conditions = status.getConditions() == null ? List.of() : status.getConditions();
        if (hasCondition(conditions, "Complete")) {
            return "Complete";
        } else if (hasCondition(conditions, "Failed")) {
            return "Failed";
        } else if (job.getMetadata().getDeletionTimestamp() != null
                && !job.getMetadata().getDeletionTimestamp().isEmpty()) {
            return "Terminating";
        } else if (hasCondition(conditions, "Suspended")) {
            return "Suspended";
        } else if (hasCondition(conditions, "FailureTarget")) {
            return "FailureTarget";
        }
        return "Running";
    }

    /** hasJobCondition: the first condition of the type decides. */
    private static boolean hasCondition(List<JobCondition> conditions, String type) {
        for (JobCondition condition : conditions) {
            if (type.equals(condition.getType())) {
                return "True".equals(condition.getStatus());
            }
        }
        return false;
    }

    /** {@code succeeded/completions}; without completions a job needs one success, spread over its parallelism. */
    private static String completions(JobSpec spec, JobStatus status) {
        int succeeded = status.getSucceeded() == null ? 0 : status.getSucceeded();
        if (spec.getCompletions() != null) {
            return succeeded + "/" + spec.getCompletions();
        }
        int parallelism = spec.getParallelism() == null ? 0 : spec.getParallelism();
        return parallelism > 1 ? succeeded + "/1 of " + parallelism : succeeded + "/1";
    }

    /** Nothing before it starts, the time so far while it runs, start to completion once complete. */
    private static String duration(JobStatus status, Instant now) {
        Instant start = KubeTime.parse(status.getStartTime());
        if (start == null) {
            return "";
        }
        Instant completion = KubeTime.parse(status.getCompletionTime());
        return Ages.human(Ages.between(start, completion == null ? now : completion));
    }
}
