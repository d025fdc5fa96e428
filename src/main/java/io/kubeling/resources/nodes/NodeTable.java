package io.kubeling.resources.nodes;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeAddress;
import io.fabric8.kubernetes.api.model.NodeCondition;
import io.fabric8.kubernetes.api.model.NodeStatus;
import io.fabric8.kubernetes.api.model.NodeSystemInfo;
import io.kubeling.registry.TableColumn;
import io.kubeling.registry.TableConvertor;
import io.kubeling.resources.common.Ages;
import io.kubeling.resources.common.StandardColumns;

/** kube's printNode: readiness, schedulability, roles, kubelet version and what the node runs. */
public class NodeTable implements TableConvertor<Node> {

    private static final String ROLE_LABEL_PREFIX = "node-role.kubernetes.io/";
    private static final String LEGACY_ROLE_LABEL = "kubernetes.io/role";
    private static final String UNKNOWN = "<unknown>";

    private static final String ADDRESSES = "List of addresses reachable to the node. Queried from cloud provider, "
            + "if available. More info: https://kubernetes.io/docs/reference/node/node-status/#addresses Note: This "
            + "field is declared as mergeable, but the merge key is not sufficiently unique, which can cause data "
            + "corruption when it is merged. Callers should instead use a full-replacement patch. See "
            + "https://pr.k8s.io/79391 for an example. Consumers should assume that addresses can change during the "
            + "lifetime of a Node. However, there are some exceptions where this may not be possible, such as Pods "
            + "that inherit a Node's address in its own status or consumers of the downward API (status.hostIP).";

    private static final List<TableColumn> COLUMNS = List.of(
            StandardColumns.NAME,
            StandardColumns.column("Status", "The status of the node"),
            StandardColumns.column("Roles", "The roles of the node"),
            StandardColumns.AGE,
            StandardColumns.column("Version", "Kubelet Version reported by the node."),
            StandardColumns.wide("Internal-IP", ADDRESSES),
            StandardColumns.wide("External-IP", ADDRESSES),
            StandardColumns.wide("OS-Image", "OS Image reported by the node from /etc/os-release (e.g. Debian "
                    + "GNU/Linux 7 (wheezy))."),
            StandardColumns.wide("Kernel-Version", "Kernel Version reported by the node from 'uname -r' (e.g. "
                    + "3.16.0-0.bpo.4-amd64)."),
            StandardColumns.wide("Container-Runtime", "ContainerRuntime Version reported by the node through "
                    + "runtime remote API (e.g. containerd://1.4.2)."));

    public NodeTable() {
    }

    @Override
    public List<TableColumn> columns() {
        return COLUMNS;
    }

    @Override
    public List<Object> cells(Node node, Instant now) {
        NodeStatus status = node.getStatus() == null ? new NodeStatus() : node.getStatus();
        NodeSystemInfo info = status.getNodeInfo() == null ? new NodeSystemInfo() : status.getNodeInfo();
        String roles = String.join(",", roles(node.getMetadata().getLabels()));
        return List.of(
                text(node.getMetadata().getName()),
                status(node, status),
                roles.isEmpty() ? "<none>" : roles,
                Ages.since(node.getMetadata().getCreationTimestamp(), now),
                text(info.getKubeletVersion()),
                address(status, "InternalIP"),
                address(status, "ExternalIP"),
                orUnknown(info.getOsImage()),
                orUnknown(info.getKernelVersion()),
                orUnknown(info.getContainerRuntimeVersion()));
    }

    /**
     * {@code Ready} or {@code NotReady} from the Ready condition (the last one listed, as kube keys them
     * by type), {@code Unknown} without one; {@code ,SchedulingDisabled} when cordoned.
     */
    private static String status(Node node, NodeStatus status) {
        NodeCondition ready = null;
        for (NodeCondition condition : list(status.getConditions())) {
            if ("Ready".equals(condition.getType())) {
                ready = condition;
            }
        }
        List<String> parts = new ArrayList<>();
        if (ready == null) {
            parts.add("Unknown");
        } else {
            parts.add("True".equals(ready.getStatus()) ? "Ready" : "NotReady");
        }
        if (node.getSpec() != null && Boolean.TRUE.equals(node.getSpec().getUnschedulable())) {
            parts.add("SchedulingDisabled");
        }
        return String.join(",", parts);
    }

    /** findNodeRoles: {@code node-role.kubernetes.io/<role>} keys and the legacy {@code kubernetes.io/role} value, sorted. */
    private static TreeSet<String> roles(Map<String, String> labels) {
        TreeSet<String> roles = new TreeSet<>();
        if (labels == null) {
            return roles;
        }
        for (Map.Entry<String, String> label : labels.entrySet()) {
            String key = label.getKey();
            if (key.startsWith(ROLE_LABEL_PREFIX)) {
                String role = key.substring(ROLE_LABEL_PREFIX.length());
                if (!role.isEmpty()) {
                    roles.add(role);
                }
            } else if (key.equals(LEGACY_ROLE_LABEL) && !text(label.getValue()).isEmpty()) {
                roles.add(label.getValue());
            }
        }
        return roles;
    }

    /** The first address of the type, {@code <none>} without one. */
    private static String address(NodeStatus status, String type) {
        for (NodeAddress address : list(status.getAddresses())) {
            if (type.equals(address.getType())) {
                return text(address.getAddress());
            }
        }
        return "<none>";
    }

    private static String orUnknown(String value) {
        return value == null || value.isEmpty() ? UNKNOWN : value;
    }

    private static String text(String value) {
        return value == null ? "" : value;
    }

    private static <T> List<T> list(List<T> values) {
        return values == null ? List.of() : values;
    }
}
