package io.kubeling.resources.cronjobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.ObjectReference;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.batch.v1.CronJobBuilder;
import io.kubeling.registry.TableColumn;
import io.kubeling.resources.common.StandardColumns;

class CronJobTableTest {

    private static final Instant NOW = Instant.parse("2024-05-01T12:00:00Z");

    private final CronJobTable table = new CronJobTable();

    @Test
    void columnsAreKubesCronJobColumns() {
        assertThat(table.columns()).extracting(TableColumn::name).containsExactly("Name", "Schedule", "Timezone",
                "Suspend", "Active", "Last Schedule", "Age", "Containers", "Images", "Selector");
        assertThat(table.columns()).extracting(TableColumn::priority).containsExactly(0, 0, 0, 0, 0, 0, 0, 1, 1, 1);
        assertThat(table.columns()).extracting(TableColumn::type).containsExactly("string", "string", "string",
                "boolean", "integer", "string", "string", "string", "string", "string");
        assertThat(table.columns().get(0)).isEqualTo(StandardColumns.NAME);
        assertThat(table.columns().get(6)).isEqualTo(StandardColumns.AGE);
    }

    @Test
    void scheduledCronJobWithActiveJobs() {
        CronJob cj = cronJob().editSpec().withTimeZone("Europe/Paris").endSpec()
                .withNewStatus().withActive(new ObjectReference(), new ObjectReference())
                .withLastScheduleTime("2024-05-01T11:59:00Z").endStatus().build();

        assertThat(table.cells(cj, NOW)).containsExactly("backup", "*/1 * * * *", "Europe/Paris", "False", 2L, "60s",
                "3d", "restic", "restic:0.16", "<none>");
    }

    @Test
    void neverScheduledNoZoneUnsetSuspend() {
        CronJob cj = cronJob().editSpec().withSuspend(null).endSpec().build();

        assertThat(table.cells(cj, NOW)).containsExactly("backup", "*/1 * * * *", "<none>", "<unset>", 0L, "<none>",
                "3d", "restic", "restic:0.16", "<none>");
    }

    private static CronJobBuilder cronJob() {
        return new CronJobBuilder().withNewMetadata().withName("backup").withCreationTimestamp("2024-04-28T12:00:00Z")
                .endMetadata().withNewSpec().withSchedule("*/1 * * * *").withSuspend(false).withNewJobTemplate()
                .withNewSpec().withNewTemplate().withNewSpec().addNewContainer().withName("restic")
                .withImage("restic:0.16").endContainer().endSpec().endTemplate().endSpec().endJobTemplate().endSpec();
    }
}
