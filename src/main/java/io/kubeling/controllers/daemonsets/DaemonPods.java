package io.kubeling.controllers.daemonsets;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.fabric8.kubernetes.api.model.Affinity;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeAffinity;
import io.fabric8.kubernetes.api.model.NodeSelector;
import io.fabric8.kubernetes.api.model.NodeSelectorRequirement;
import io.fabric8.kubernetes.api.model.NodeSelectorTerm;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Taint;
import io.fabric8.kubernetes.api.model.Toleration;
import io.kubeling.controllers.scheduler.NodeSelectorMatching;
import io.kubeling.resources.nodes.Tolerations;

/**
 * kube's daemon pod rules (pkg/controller/daemon/util and NodeShouldRunDaemonPod): the tolerations every daemon pod
 * gets, the node affinity that pins it to its node, and whether a node should run (or keep running) the pod.
 */
final class DaemonPods {

    static final String HASH_LABEL = "controller-revision-hash";
    static final String GENERATION_LABEL = "pod-template-generation";

    private DaemonPods() {
    }

    /** AddOrUpdateDaemonPodTolerations: daemon pods survive node problems and cordons. */
    static void addTolerations(PodSpec spec) {
        addOrUpdate(spec, "node.kubernetes.io/not-ready", "NoExecute");
        addOrUpdate(spec, "node.kubernetes.io/unreachable", "NoExecute");
        addOrUpdate(spec, "node.kubernetes.io/disk-pressure", "NoSchedule");
        addOrUpdate(spec, "node.kubernetes.io/memory-pressure", "NoSchedule");
        addOrUpdate(spec, "node.kubernetes.io/pid-pressure", "NoSchedule");
        addOrUpdate(spec, "node.kubernetes.io/unschedulable", "NoSchedule");
        if (Boolean.TRUE.equals(spec.getHostNetwork())) {
            addOrUpdate(spec, "node.kubernetes.io/network-unavailable", "NoSchedule");
        }
    }

    /** AddOrUpdateTolerationInPodSpec: an Exists toleration, replacing one of the same key and effect. */
    private static void addOrUpdate(PodSpec spec, String key, String effect) {
        Toleration toleration = new Toleration(effect, key, "Exists", null, null);
        List<Toleration> tolerations = new ArrayList<>();
        boolean updated = false;
        for (Toleration t : spec.getTolerations() == null ? List.<Toleration>of() : spec.getTolerations()) {
            if (key.equals(t.getKey()) && effect.equals(t.getEffect()) && !updated) {
                tolerations.add(toleration);
                updated = true;
            } else {
                tolerations.add(t);
            }
        }
        if (!updated) {
            tolerations.add(toleration);
        }
        spec.setTolerations(tolerations);
    }

    /** ReplaceDaemonSetPodNodeNameNodeAffinity: the required terms become metadata.name In [node]. */
    static void pinTo(PodSpec spec, String nodeName) {
        NodeSelectorTerm term = new NodeSelectorTerm();
        term.setMatchFields(List.of(new NodeSelectorRequirement("metadata.name", "In", List.of(nodeName))));
        Affinity affinity = spec.getAffinity() == null ? new Affinity() : spec.getAffinity();
        NodeAffinity nodeAffinity = affinity.getNodeAffinity() == null ? new NodeAffinity() : affinity.getNodeAffinity();
        NodeSelector required = nodeAffinity.getRequiredDuringSchedulingIgnoredDuringExecution() == null
                ? new NodeSelector() : nodeAffinity.getRequiredDuringSchedulingIgnoredDuringExecution();
        required.setNodeSelectorTerms(List.of(term));
        nodeAffinity.setRequiredDuringSchedulingIgnoredDuringExecution(required);
        affinity.setNodeAffinity(nodeAffinity);
        spec.setAffinity(affinity);
    }

    /** GetTargetNodeName: the node a pod runs on, or the one its affinity pins it to; null for neither. */
    static String targetNode(Pod pod) {
        if (pod.getSpec().getNodeName() != null && !pod.getSpec().getNodeName().isEmpty()) {
            return pod.getSpec().getNodeName();
        }
        Affinity affinity = pod.getSpec().getAffinity();
        if (affinity == null || affinity.getNodeAffinity() == null
                || affinity.getNodeAffinity().getRequiredDuringSchedulingIgnoredDuringExecution() == null) {
            return null;
        }
        for (NodeSelectorTerm term : affinity.getNodeAffinity().getRequiredDuringSchedulingIgnoredDuringExecution()
                .getNodeSelectorTerms()) {
            for (NodeSelectorRequirement r : term.getMatchFields() == null ? List.<NodeSelectorRequirement>of()
                    : term.getMatchFields()) {
                if ("metadata.name".equals(r.getKey()) && "In".equals(r.getOperator()) && r.getValues() != null
                        && r.getValues().size() == 1) {
                    return r.getValues().get(0);
                }
            }
        }
        return null;
    }

    /** Whether the node should run the daemon pod, and whether a pod already there may keep running. */
    record Placement(boolean shouldRun, boolean shouldContinueRunning) {
    }

    /** NodeShouldRunDaemonPod for {@code spec}, the template with the daemon tolerations. */
    static Placement placement(PodSpec spec, Node node) {
        String name = node.getMetadata().getName();
        if (spec.getNodeName() != null && !spec.getNodeName().isEmpty() && !spec.getNodeName().equals(name)) {
            return new Placement(false, false);
        }
        if (!fitsNodeAffinity(spec, node)) {
            return new Placement(false, false);
        }
        List<Taint> taints = node.getSpec() == null ? null : node.getSpec().getTaints();
        if (Tolerations.firstUntolerated(taints, spec.getTolerations(), List.of("NoSchedule", "NoExecute"))
                .isPresent()) {
            boolean keep = Tolerations.firstUntolerated(taints, spec.getTolerations(), List.of("NoExecute")).isEmpty();
            return new Placement(false, keep);
        }
        return new Placement(true, true);
    }

    private static boolean fitsNodeAffinity(PodSpec spec, Node node) {
        Map<String, String> labels = node.getMetadata().getLabels() == null ? Map.of() : node.getMetadata().getLabels();
        if (spec.getNodeSelector() != null) {
            for (Map.Entry<String, String> e : spec.getNodeSelector().entrySet()) {
                if (!e.getValue().equals(labels.get(e.getKey()))) {
                    return false;
                }
            }
        }
        Affinity affinity = spec.getAffinity();
        if (affinity == null || affinity.getNodeAffinity() == null
                || affinity.getNodeAffinity().getRequiredDuringSchedulingIgnoredDuringExecution() == null) {
            return true;
        }
        return NodeSelectorMatching.anyTermMatches(
                affinity.getNodeAffinity().getRequiredDuringSchedulingIgnoredDuringExecution().getNodeSelectorTerms(),
                node);
    }
}
