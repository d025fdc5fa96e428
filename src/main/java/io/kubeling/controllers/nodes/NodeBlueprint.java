package io.kubeling.controllers.nodes;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.fabric8.kubernetes.api.model.Taint;
import io.kubeling.config.SimulationProperties;
import io.kubeling.resources.nodes.TaintText;

/** One simulated node as configured: its place in the list (for its addresses), size, labels and taints. */
record NodeBlueprint(String name, int index, String cpu, String memory, int pods, Map<String, String> labels,
        List<Taint> taints) {

    /** The configured nodes, then the control-plane node when the cluster shows its control plane. */
    static List<NodeBlueprint> of(SimulationProperties.Nodes nodes, boolean controlPlane) {
        List<NodeBlueprint> out = new ArrayList<>(workers(nodes));
        if (controlPlane) {
            SimulationProperties.NodeOverride override = nodes.overrides() == null ? null
                    : nodes.overrides().get(ControlPlaneNode.NAME);
            Map<String, String> labels = new LinkedHashMap<>();
            labels.put(ControlPlaneNode.ROLE, "");
            labels.put(ControlPlaneNode.EXCLUDE_FROM_LOAD_BALANCERS, "");
            List<String> taints = List.of(ControlPlaneNode.ROLE + ":NoSchedule");
            String cpu = nodes.cpu();
            String memory = nodes.memory();
            int pods = nodes.pods();
            if (override != null) {
                if (override.labels() != null) {
                    labels.putAll(override.labels());
                }
                taints = override.taints() != null ? override.taints() : taints;
                cpu = override.cpu() != null ? override.cpu() : cpu;
                memory = override.memory() != null ? override.memory() : memory;
                pods = override.pods() != null ? override.pods() : pods;
            }
            out.add(new NodeBlueprint(ControlPlaneNode.NAME, out.size(), cpu, memory, pods, labels,
                    taints.stream().map(TaintText::parse).toList()));
        }
        return out;
    }

    /** The configured nodes: {@code names}, else {@code <namePrefix>-1} to {@code -<count>}, each with its overrides. */
    static List<NodeBlueprint> workers(SimulationProperties.Nodes nodes) {
        List<String> names = new ArrayList<>();
        if (nodes.names() != null && !nodes.names().isEmpty()) {
            names.addAll(nodes.names());
        } else {
            for (int i = 1; i <= nodes.count(); i++) {
                names.add(nodes.namePrefix() + "-" + i);
            }
        }
        List<NodeBlueprint> out = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            String name = names.get(i);
            SimulationProperties.NodeOverride override = nodes.overrides() == null ? null : nodes.overrides().get(name);
            Map<String, String> labels = new LinkedHashMap<>();
            if (nodes.labels() != null) {
                labels.putAll(nodes.labels());
            }
            List<String> taintTexts = nodes.taints() == null ? List.of() : nodes.taints();
            String cpu = nodes.cpu();
            String memory = nodes.memory();
            int pods = nodes.pods();
            if (override != null) {
                if (override.labels() != null) {
                    labels.putAll(override.labels());
                }
                if (override.taints() != null) {
                    taintTexts = override.taints();
                }
                cpu = override.cpu() != null ? override.cpu() : cpu;
                memory = override.memory() != null ? override.memory() : memory;
                pods = override.pods() != null ? override.pods() : pods;
            }
            out.add(new NodeBlueprint(name, i, cpu, memory, pods, labels,
                    taintTexts.stream().map(TaintText::parse).toList()));
        }
        return out;
    }
}
