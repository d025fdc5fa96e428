package io.kubeling.controllers.nodes;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import io.fabric8.kubernetes.api.model.NodeCondition;
import io.kubeling.registry.Timestamps;

/** The four conditions a kubelet posts, with kube's reasons and messages, and how a post merges them. */
final class NodeConditionSet {

    static final String NOT_READY_MESSAGE = "container runtime network not ready: NetworkReady=false "
            + "reason:NetworkPluginNotReady message:Network plugin returns error: cni plugin not initialized";

    private NodeConditionSet() {
    }

    static List<NodeCondition> healthy(Instant now) {
        return desired(true, now);
    }

    /** What the kubelet reports: pressure-free, and Ready unless its runtime network is (simulated) down. */
    static List<NodeCondition> desired(boolean ready, Instant now) {
        List<NodeCondition> conditions = new ArrayList<>();
        conditions.add(condition("MemoryPressure", "False", "KubeletHasSufficientMemory",
                "kubelet has sufficient memory available", now));
        conditions.add(condition("DiskPressure", "False", "KubeletHasNoDiskPressure", "kubelet has no disk pressure",
                now));
        conditions.add(condition("PIDPressure", "False", "KubeletHasSufficientPID",
                "kubelet has sufficient PID available", now));
        conditions.add(ready ? condition("Ready", "True", "KubeletReady", "kubelet is posting ready status", now)
                : condition("Ready", "False", "KubeletNotReady", NOT_READY_MESSAGE, now));
        return conditions;
    }

    /**
     * The conditions after a post: every reported one with a fresh heartbeat, keeping its transition
     * time when its status is unchanged; conditions the kubelet does not own stay as they are.
     */
    static List<NodeCondition> merge(List<NodeCondition> current, List<NodeCondition> reported, Instant now) {
        List<NodeCondition> merged = new ArrayList<>();
        for (NodeCondition c : current == null ? List.<NodeCondition>of() : current) {
            if (find(reported, c.getType()) == null) {
                merged.add(c);
            }
        }
        for (NodeCondition r : reported) {
            NodeCondition old = find(current, r.getType());
            NodeCondition c = condition(r.getType(), r.getStatus(), r.getReason(), r.getMessage(), now);
            if (old != null && Objects.equals(old.getStatus(), r.getStatus())) {
                c.setLastTransitionTime(old.getLastTransitionTime());
            }
            merged.add(c);
        }
        return merged;
    }

    /** Whether a post would change more than heartbeat times. */
    static boolean differs(List<NodeCondition> current, List<NodeCondition> reported) {
        for (NodeCondition r : reported) {
            NodeCondition old = find(current, r.getType());
            if (old == null || !Objects.equals(old.getStatus(), r.getStatus())
                    || !Objects.equals(old.getReason(), r.getReason())
                    || !Objects.equals(old.getMessage(), r.getMessage())) {
                return true;
            }
        }
        return false;
    }

    static NodeCondition find(List<NodeCondition> conditions, String type) {
        NodeCondition found = null;
        for (NodeCondition c : conditions == null ? List.<NodeCondition>of() : conditions) {
            if (type.equals(c.getType())) {
                found = c;
            }
        }
        return found;
    }

    static NodeCondition condition(String type, String status, String reason, String message, Instant now) {
        NodeCondition c = new NodeCondition();
        c.setType(type);
        c.setStatus(status);
        c.setReason(reason);
        c.setMessage(message);
        c.setLastHeartbeatTime(Timestamps.format(now));
        c.setLastTransitionTime(Timestamps.format(now));
        return c;
    }
}
