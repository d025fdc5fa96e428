package io.kubeling.controllers.nodes;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeCondition;
import io.fabric8.kubernetes.api.model.Taint;
import io.kubeling.registry.Timestamps;

/**
 * The decisions of kube's node lifecycle controller, free of I/O: when a node whose kubelet fell
 * silent turns Unknown, and which taints its conditions and cordon call for.
 */
final class NodeLifecyclePlan {

    static final String NOT_READY = "node.kubernetes.io/not-ready";
    static final String UNREACHABLE = "node.kubernetes.io/unreachable";
    static final String UNSCHEDULABLE = "node.kubernetes.io/unschedulable";
    private static final Map<String, Map<String, String>> CONDITION_TAINTS = Map.of(
            "Ready", Map.of("False", NOT_READY, "Unknown", UNREACHABLE),
            "MemoryPressure", Map.of("True", "node.kubernetes.io/memory-pressure"),
            "DiskPressure", Map.of("True", "node.kubernetes.io/disk-pressure"),
            "PIDPressure", Map.of("True", "node.kubernetes.io/pid-pressure"),
            "NetworkUnavailable", Map.of("True", "node.kubernetes.io/network-unavailable"));
    private static final Set<String> MANAGED = Set.of(NOT_READY, UNREACHABLE, UNSCHEDULABLE,
            "node.kubernetes.io/memory-pressure", "node.kubernetes.io/disk-pressure", "node.kubernetes.io/pid-pressure",
            "node.kubernetes.io/network-unavailable");
    private static final List<String> KUBELET_CONDITIONS = List.of("Ready", "MemoryPressure", "DiskPressure",
            "PIDPressure");

    private NodeLifecyclePlan() {
    }

    /**
     * The conditions of a node whose kubelet has not renewed its lease nor posted status within the
     * grace period: each kubelet condition Unknown (added when missing), its heartbeat kept; null
     * while the node is healthy or already Unknown.
     */
    static List<NodeCondition> silentConditions(Node node, Instant lastRenewal, Instant now, Duration grace) {
        List<NodeCondition> current = node.getStatus() == null || node.getStatus().getConditions() == null
                ? List.of() : node.getStatus().getConditions();
        NodeCondition ready = NodeConditionSet.find(current, "Ready");
        Instant heard = lastRenewal;
        if (ready != null) {
            Instant heartbeat = Timestamps.parse(ready.getLastHeartbeatTime());
            if (heartbeat != null && (heard == null || heartbeat.isAfter(heard))) {
                heard = heartbeat;
            }
        }
        if (heard == null) {
            heard = Timestamps.parse(node.getMetadata().getCreationTimestamp());
        }
        if (heard == null || heard.plus(grace).isAfter(now)) {
            return null;
        }
        if (ready != null && "Unknown".equals(ready.getStatus())) {
            return null;
        }
        boolean never = current.isEmpty();
        List<NodeCondition> out = new ArrayList<>();
        for (NodeCondition c : current) {
            if (!KUBELET_CONDITIONS.contains(c.getType())) {
                out.add(c);
            }
        }
        for (String type : KUBELET_CONDITIONS) {
            NodeCondition old = NodeConditionSet.find(current, type);
            NodeCondition c = NodeConditionSet.condition(type, "Unknown",
                    never ? "NodeStatusNeverUpdated" : "NodeStatusUnknown",
                    never ? "Kubelet never posted node status." : "Kubelet stopped posting node status.", now);
            if (old != null) {
                c.setLastHeartbeatTime(old.getLastHeartbeatTime());
                if ("Unknown".equals(old.getStatus())) {
                    c.setLastTransitionTime(old.getLastTransitionTime());
                }
            }
            out.add(c);
        }
        return out;
    }

    /**
     * The node's taints with the controller's own brought in line: NoSchedule for every bad
     * condition and for a cordon, NoExecute (stamped with the time added) for a Ready condition
     * that is False or Unknown. Null when nothing changes; other taints are kept in place.
     */
    static List<Taint> taints(Node node, Instant now) {
        List<Taint> current = node.getSpec() == null || node.getSpec().getTaints() == null ? List.of()
                : node.getSpec().getTaints();
        Set<String> wanted = new LinkedHashSet<>();
        List<NodeCondition> conditions = node.getStatus() == null || node.getStatus().getConditions() == null
                ? List.of() : node.getStatus().getConditions();
        for (String type : List.of("MemoryPressure", "DiskPressure", "PIDPressure", "NetworkUnavailable", "Ready")) {
            NodeCondition c = NodeConditionSet.find(conditions, type);
            String key = c == null ? null : CONDITION_TAINTS.get(type).get(c.getStatus());
            if (key != null) {
                wanted.add(key + ":NoSchedule");
                if (type.equals("Ready")) {
                    wanted.add(key + ":NoExecute");
                }
            }
        }
        if (node.getSpec() != null && Boolean.TRUE.equals(node.getSpec().getUnschedulable())) {
            wanted.add(UNSCHEDULABLE + ":NoSchedule");
        }
        List<Taint> out = new ArrayList<>();
        Set<String> present = new LinkedHashSet<>();
        for (Taint t : current) {
            String id = t.getKey() + ":" + t.getEffect();
            if (!MANAGED.contains(t.getKey()) || wanted.contains(id)) {
                out.add(t);
                present.add(id);
            }
        }
        for (String id : wanted) {
            if (present.contains(id)) {
                continue;
            }
            int colon = id.lastIndexOf(':');
            Taint t = new Taint();
            t.setKey(id.substring(0, colon));
            t.setEffect(id.substring(colon + 1));
            if (t.getEffect().equals("NoExecute") || t.getKey().equals(UNSCHEDULABLE)) {
                t.setTimeAdded(Timestamps.format(now));
            }
            out.add(t);
        }
        return Objects.equals(ids(out), ids(current)) ? null : out;
    }

    private static List<String> ids(List<Taint> taints) {
        return taints.stream().map(t -> t.getKey() + "=" + t.getValue() + ":" + t.getEffect()).toList();
    }
}
