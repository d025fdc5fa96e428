package io.kubeling.resources.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.MicroTime;
import io.kubeling.registry.TableColumn;
import io.kubeling.resources.common.StandardColumns;

class EventTableTest {

    private static final Instant NOW = Instant.parse("2024-05-01T12:00:00Z");

    private final EventTable table = new EventTable();

    @Test
    void columnsAreKubesEventColumnsInOrder() {
        List<TableColumn> columns = table.columns();

        assertThat(columns).extracting(TableColumn::name).containsExactly(
                "Last Seen", "Type", "Reason", "Object", "Subobject", "Source", "Message", "First Seen", "Count", "Name");
        assertThat(columns).extracting(TableColumn::priority).containsExactly(0, 0, 0, 0, 1, 1, 0, 1, 1, 1);
        assertThat(columns).extracting(TableColumn::type).containsOnly("string");
        assertThat(columns).extracting(TableColumn::format).containsExactly("", "", "", "", "", "", "", "", "", "name");
        assertThat(columns.get(9).description()).isEqualTo(StandardColumns.NAME_DESCRIPTION);
        assertThat(columns.get(0).description())
                .isEqualTo("The time at which the most recent occurrence of this event was recorded.");
        assertThat(columns.get(3).description()).isEqualTo("The object that this event is about.");
    }

    @Test
    void kubeletEventAboutAContainer() {
        Event event = event()
                .withFirstTimestamp("2024-05-01T11:30:00Z").withLastTimestamp("2024-05-01T11:57:00Z").withCount(7)
                .build();

        assertThat(table.cells(event, NOW)).containsExactly(
                "3m", "Warning", "BackOff", "pod/web-7d4b9", "spec.containers{web}", "kubelet, node-1",
                "Back-off restarting failed container web in pod web-7d4b9_default", "30m", 7L, "web-7d4b9.17c1e8a2f0");
    }

    @Test
    void lastSeenFallsBackToFirstSeen() {
        Event event = event().withFirstTimestamp("2024-05-01T11:59:15Z").withCount(1).build();

        assertThat(table.cells(event, NOW)).element(0).isEqualTo("45s");
        assertThat(table.cells(event, NOW)).element(7).isEqualTo("45s");
    }

    @Test
    void eventsRecordedThroughTheNewApiUseEventTimeAndSeries() {
        Event single = event().withEventTime(new MicroTime("2024-05-01T11:50:00.123456Z"))
                .withReportingComponent("default-scheduler").withReportingInstance("default-scheduler-cp-1")
                .withSource(null).build();
        Event series = event().withEventTime(new MicroTime("2024-05-01T09:00:00.000000Z"))
                .withNewSeries().withCount(12).withLastObservedTime(new MicroTime("2024-05-01T11:58:00.000000Z"))
                .endSeries().build();

        List<Object> singleCells = table.cells(single, NOW);
        // Micro times keep their fraction: 9m59.876544s.
        assertThat(singleCells.get(0)).isEqualTo("9m59s");
        assertThat(singleCells.get(5)).isEqualTo("default-scheduler, default-scheduler-cp-1");
        assertThat(singleCells.get(7)).isEqualTo("9m59s");
        assertThat(singleCells.get(8)).isEqualTo(1L);

        List<Object> seriesCells = table.cells(series, NOW);
        assertThat(seriesCells.get(0)).isEqualTo("2m");
        assertThat(seriesCells.get(7)).isEqualTo("3h");
        assertThat(seriesCells.get(8)).isEqualTo(12L);
    }

    @Test
    void withoutAnyTimestampTheAgesAreUnknown() {
        Event event = event().build();

        assertThat(table.cells(event, NOW).get(0)).isEqualTo("<unknown>");
        assertThat(table.cells(event, NOW).get(7)).isEqualTo("<unknown>");
    }

    @Test
    void objectWithoutNameAndSourceWithoutHost() {
        Event event = event().editInvolvedObject().withKind("Node").withName("").withFieldPath(null).endInvolvedObject()
                .withNewSource().withComponent("node-controller").endSource()
                .withMessage("  Node node-1 status is now: NodeNotReady\n").build();

        List<Object> cells = table.cells(event, NOW);
        assertThat(cells.subList(3, 7)).containsExactly("node", "", "node-controller",
                "Node node-1 status is now: NodeNotReady");
    }

    @Test
    void messageIsTrimmedOfGoWhiteSpaceOnly() {
        Event event = event().withMessage("\u00a0\u0085 pulled \u200b").build();

        assertThat(table.cells(event, NOW).get(6)).isEqualTo("pulled \u200b");
    }

    private static EventBuilder event() {
        return new EventBuilder()
                .withNewMetadata().withName("web-7d4b9.17c1e8a2f0").withNamespace("default").endMetadata()
                .withNewInvolvedObject().withKind("Pod").withName("web-7d4b9").withNamespace("default")
                .withFieldPath("spec.containers{web}").endInvolvedObject()
                .withType("Warning").withReason("BackOff")
                .withMessage("Back-off restarting failed container web in pod web-7d4b9_default")
                .withNewSource().withComponent("kubelet").withHost("node-1").endSource();
    }
}
