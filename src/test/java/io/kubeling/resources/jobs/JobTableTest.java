package io.kubeling.resources.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.JobCondition;
import io.fabric8.kubernetes.api.model.batch.v1.JobConditionBuilder;
import io.kubeling.registry.TableColumn;
import io.kubeling.resources.common.StandardColumns;

class JobTableTest {

    private static final Instant NOW = Instant.parse("2024-05-01T12:00:00Z");

    private final JobTable table = new JobTable();

    @Test
    void columnsAreKubesJobColumns() {
        List<TableColumn> columns = table.columns();

        assertThat(columns).extracting(TableColumn::name).containsExactly(
                "Name", "Status", "Completions", "Duration", "Age", "Containers", "Images", "Selector");
        assertThat(columns).extracting(TableColumn::priority).containsExactly(0, 0, 0, 0, 0, 1, 1, 1);
        assertThat(columns).extracting(TableColumn::type).containsOnly("string");
        assertThat(columns.get(0)).isEqualTo(StandardColumns.NAME);
        assertThat(columns.get(4)).isEqualTo(StandardColumns.AGE);
        assertThat(columns.get(2).description()).isEqualTo("The number of pods which reached phase Succeeded. The "
                + "value increases monotonically for a given spec. However, it may decrease in reaction to scale down "
                + "of elastic indexed jobs.");
    }

    @Test
    void runningJob() {
        Job job = job().editSpec().withCompletions(5).withParallelism(2).endSpec()
                .withNewStatus().withStartTime("2024-05-01T11:20:00Z").withActive(2).withSucceeded(3).endStatus()
                .build();

        assertThat(table.cells(job, NOW)).containsExactly("backup", "Running", "3/5", "40m", "45m", "backup",
                "restic:0.16", "batch.kubernetes.io/controller-uid=7f0d3c1e-3b1a-4a39-9d9e-5c8f26b1c0a1");
    }

    @Test
    void completeJobDurationStopsAtCompletion() {
        Job job = job().withNewStatus().withStartTime("2024-05-01T11:16:00Z").withCompletionTime("2024-05-01T11:18:05Z")
                .withSucceeded(1).withConditions(condition("SuccessCriteriaMet", "True"), condition("Complete", "True"))
                .endStatus().build();

        assertThat(table.cells(job, NOW).subList(1, 4)).containsExactly("Complete", "1/1", "2m5s");
    }

    @Test
    void statusPrecedence() {
        assertThat(status(job().withNewStatus().withConditions(condition("FailureTarget", "True"),
                condition("Failed", "True")).endStatus())).isEqualTo("Failed");
        assertThat(status(job().withNewStatus().withConditions(condition("Suspended", "True")).endStatus()))
                .isEqualTo("Suspended");
        assertThat(status(job().withNewStatus().withConditions(condition("Suspended", "False")).endStatus()))
                .isEqualTo("Running");
        assertThat(status(job().withNewStatus().withConditions(condition("FailureTarget", "True")).endStatus()))
                .isEqualTo("FailureTarget");
        assertThat(status(job().editMetadata().withDeletionTimestamp("2024-05-01T11:59:00Z").endMetadata()
                .withNewStatus().withConditions(condition("Suspended", "True")).endStatus())).isEqualTo("Terminating");
        assertThat(status(job().editMetadata().withDeletionTimestamp("2024-05-01T11:59:00Z").endMetadata()
                .withNewStatus().withConditions(condition("Complete", "True")).endStatus())).isEqualTo("Complete");
    }

    @Test
    void completionsWithoutACompletionCount() {
        assertThat(table.cells(job().build(), NOW).get(2)).isEqualTo("0/1");
        assertThat(table.cells(job().editSpec().withParallelism(4).endSpec().build(), NOW).get(2)).isEqualTo("0/1 of 4");
    }

    @Test
    void notStartedHasNoDuration() {
        assertThat(table.cells(job().build(), NOW).get(3)).isEqualTo("");
    }

    private String status(JobBuilder job) {
        return (String) table.cells(job.build(), NOW).get(1);
    }

    /** A job created 45 minutes before NOW with the selector kube generates. */
    private static JobBuilder job() {
        return new JobBuilder()
                .withNewMetadata().withName("backup").withNamespace("ops")
                .withCreationTimestamp("2024-05-01T11:15:00Z").endMetadata()
                .withNewSpec()
                .withNewSelector()
                .addToMatchLabels("batch.kubernetes.io/controller-uid", "7f0d3c1e-3b1a-4a39-9d9e-5c8f26b1c0a1")
                .endSelector()
                .withNewTemplate().withNewSpec().withRestartPolicy("Never")
                .addNewContainer().withName("backup").withImage("restic:0.16").endContainer()
                .endSpec().endTemplate()
                .endSpec();
    }

    private static JobCondition condition(String type, String status) {
        return new JobConditionBuilder().withType(type).withStatus(status).build();
    }
}
