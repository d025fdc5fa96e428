package io.kubeling.resources.cronjobs;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.batch.v1.CronJobSpec;
import io.fabric8.kubernetes.api.model.batch.v1.CronJobStatus;
import io.fabric8.kubernetes.api.model.batch.v1.JobSpec;
import io.kubeling.registry.TableColumn;
import io.kubeling.registry.TableConvertor;
import io.kubeling.resources.common.Ages;
import io.kubeling.resources.common.ContainerCells;
import io.kubeling.resources.common.SelectorText;
import io.kubeling.resources.common.StandardColumns;

/** kube's printCronJob: the schedule and its zone, whether suspended, how many jobs run, when it last fired. */
public class CronJobTable implements TableConvertor<CronJob> {

    private static final List<TableColumn> COLUMNS = List.of(
            StandardColumns.NAME,
            StandardColumns.column("Schedule", "The schedule in Cron format, see https://en.wikipedia.org/wiki/Cron."),
            StandardColumns.column("Timezone", "The time zone name for the given schedule, see "
                    + "https://en.wikipedia.org/wiki/List_of_tz_database_time_zones. If not specified, this will default "
                    + "to the time zone of the kube-controller-manager process. The set of valid time zone names and the "
                    + "time zone offset is loaded from the system-wide time zone database by the API server during "
                    + "CronJob validation and the controller manager during execution. If no system-wide time zone "
                    + "database can be found a bundled version of the database is used instead. If the time zone name "
                    + "becomes invalid during the lifetime of a CronJob or due to a change in host configuration, the "
                    + "controller will stop creating new new Jobs and will create a system event with the reason "
                    + "UnknownTimeZone. More information can be found in "
                    + "https://kubernetes.io/docs/concepts/workloads/controllers/cron-jobs/#time-zones"),
            new TableColumn("Suspend", "boolean", "", "This flag tells the controller to suspend subsequent "
                    + "executions, it does not apply to already started executions. Defaults to false.", 0),
            new TableColumn("Active", "integer", "", "A list of pointers to currently running jobs.", 0),
            StandardColumns.column("Last Schedule",
                    "Information when was the last time the job was successfully scheduled."),
            StandardColumns.AGE,
            StandardColumns.CONTAINERS,
            StandardColumns.IMAGES,
            StandardColumns.wide("Selector", "A label query over pods that should match the pod count. Normally, the "
                    + "system sets this field for you. More info: "
                    + "https://kubernetes.io/docs/concepts/overview/working-with-objects/labels/#label-selectors"));

    public CronJobTable() {
    }

    @Override
    public List<TableColumn> columns() {
        return COLUMNS;
    }

    @Override
    public List<Object> cells(CronJob cronJob, Instant now) {
        CronJobSpec spec = cronJob.getSpec() == null ? new CronJobSpec() : cronJob.getSpec();
        CronJobStatus status = cronJob.getStatus() == null ? new CronJobStatus() : cronJob.getStatus();
        JobSpec job = spec.getJobTemplate() == null || spec.getJobTemplate().getSpec() == null ? new JobSpec()
                : spec.getJobTemplate().getSpec();
        PodTemplateSpec template = job.getTemplate();
        List<Object> cells = new ArrayList<>();
        cells.add(cronJob.getMetadata().getName() == null ? "" : cronJob.getMetadata().getName());
        cells.add(spec.getSchedule() == null ? "" : spec.getSchedule());
        cells.add(spec.getTimeZone() == null ? "<none>" : spec.getTimeZone());
        cells.add(spec.getSuspend() == null ? "<unset>" : spec.getSuspend() ? "True" : "False");
        cells.add((long) (status.getActive() == null ? 0 : status.getActive().size()));
        cells.add(status.getLastScheduleTime() == null ? "<none>" : Ages.since(status.getLastScheduleTime(), now));
        cells.add(Ages.since(cronJob.getMetadata().getCreationTimestamp(), now));
        cells.add(ContainerCells.names(template));
        cells.add(ContainerCells.images(template));
        cells.add(SelectorText.ofSelector(job.getSelector()));
        return cells;
    }
}
