package io.kubeling.resources.nodes;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.kubeling.registry.TableColumn;
import io.kubeling.resources.common.StandardColumns;

class NodeTableTest {

    private static final Instant NOW = Instant.parse("2024-05-01T12:00:00Z");

    private final NodeTable table = new NodeTable();

    @Test
    void columnsAreKubesNodeColumns() {
        List<TableColumn> columns = table.columns();

        assertThat(columns).extracting(TableColumn::name).containsExactly("Name", "Status", "Roles", "Age", "Version",
                "Internal-IP", "External-IP", "OS-Image", "Kernel-Version", "Container-Runtime");
        assertThat(columns).extracting(TableColumn::priority).containsExactly(0, 0, 0, 0, 0, 1, 1, 1, 1, 1);
        assertThat(columns.get(0)).isEqualTo(StandardColumns.NAME);
        assertThat(columns.get(3)).isEqualTo(StandardColumns.AGE);
        assertThat(columns.get(4).description()).isEqualTo("Kubelet Version reported by the node.");
        assertThat(columns.get(5).description()).isEqualTo(columns.get(6).description())
                .startsWith("List of addresses reachable to the node. Queried from cloud provider, if available. "
                        + "More info: https://kubernetes.io/docs/reference/node/node-status/#addresses");
    }

    @Test
    void readyControlPlaneNode() {
        Node node = node("True").editMetadata()
                .addToLabels(Map.of("node-role.kubernetes.io/control-plane", "", "node-role.kubernetes.io/etcd", "",
                        "kubernetes.io/hostname", "cp-1"))
                .endMetadata().build();

        assertThat(table.cells(node, NOW)).containsExactly("cp-1", "Ready", "control-plane,etcd", "42d", "v1.32.2",
                "192.168.10.11", "203.0.113.11", "Ubuntu 24.04 LTS", "6.8.0-45-generic", "containerd://1.7.22");
    }

    @Test
    void notReadyUnknownAndCordoned() {
        assertThat(table.cells(node("False").build(), NOW).get(1)).isEqualTo("NotReady");
        assertThat(table.cells(node("Unknown").build(), NOW).get(1)).isEqualTo("NotReady");
        assertThat(table.cells(node(null).build(), NOW).get(1)).isEqualTo("Unknown");
        assertThat(table.cells(node("True").editOrNewSpec().withUnschedulable(true).endSpec().build(), NOW).get(1))
                .isEqualTo("Ready,SchedulingDisabled");
        assertThat(table.cells(node(null).editOrNewSpec().withUnschedulable(true).endSpec().build(), NOW).get(1))
                .isEqualTo("Unknown,SchedulingDisabled");
    }

    @Test
    void legacyRoleLabelAndNoRoles() {
        Node legacy = node("True").editMetadata().addToLabels("kubernetes.io/role", "worker")
                .addToLabels("node-role.kubernetes.io/", "").endMetadata().build();

        assertThat(table.cells(legacy, NOW).get(2)).isEqualTo("worker");
        assertThat(table.cells(node("True").build(), NOW).get(2)).isEqualTo("<none>");
    }

    @Test
    void nodeThatHasNotReportedYet() {
        Node node = new NodeBuilder()
                .withNewMetadata().withName("joining").withCreationTimestamp("2024-05-01T11:59:50Z").endMetadata()
                .build();

        assertThat(table.cells(node, NOW)).containsExactly("joining", "Unknown", "<none>", "10s", "",
                "<none>", "<none>", "<unknown>", "<unknown>", "<unknown>");
    }

    /** A node created 42 days before NOW whose Ready condition has the given status, or none. */
    private static NodeBuilder node(String ready) {
        NodeBuilder builder = new NodeBuilder()
                .withNewMetadata().withName("cp-1").withCreationTimestamp("2024-03-20T12:00:00Z").endMetadata()
                .withNewStatus()
                .addNewAddress().withType("Hostname").withAddress("cp-1").endAddress()
                .addNewAddress().withType("InternalIP").withAddress("192.168.10.11").endAddress()
                .addNewAddress().withType("ExternalIP").withAddress("203.0.113.11").endAddress()
                .addNewAddress().withType("InternalIP").withAddress("fd00::11").endAddress()
                .withNewNodeInfo().withKubeletVersion("v1.32.2").withOsImage("Ubuntu 24.04 LTS")
                .withKernelVersion("6.8.0-45-generic").withContainerRuntimeVersion("containerd://1.7.22").endNodeInfo()
                .addNewCondition().withType("MemoryPressure").withStatus("False").endCondition()
                .endStatus();
        if (ready != null) {
            builder.editStatus().addNewCondition().withType("Ready").withStatus(ready).endCondition().endStatus();
        }
        return builder;
    }
}
