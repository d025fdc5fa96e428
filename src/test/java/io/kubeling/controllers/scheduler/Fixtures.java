package io.kubeling.controllers.scheduler;

import java.util.List;
import java.util.Map;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Taint;

/** Nodes and pods for the scheduler's unit tests. */
final class Fixtures {

    private Fixtures() {
    }

    static Node node(String name, String cpu, String memory, int pods) {
        return new NodeBuilder().withNewMetadata().withName(name)
                .withLabels(Map.of("kubernetes.io/hostname", name)).endMetadata()
                .withNewSpec().endSpec()
                .withNewStatus().withAllocatable(Map.of("cpu", new Quantity(cpu), "memory", new Quantity(memory),
                        "pods", new Quantity(Integer.toString(pods)))).endStatus()
                .build();
    }

    static Node node(String name) {
        return node(name, "4", "16Gi", 110);
    }

    static Node tainted(String name, Taint... taints) {
        Node node = node(name);
        node.getSpec().setTaints(List.of(taints));
        return node;
    }

    static Taint taint(String key, String value, String effect) {
        Taint taint = new Taint();
        taint.setKey(key);
        taint.setValue(value);
        taint.setEffect(effect);
        return taint;
    }

    static PodBuilder pod() {
        return new PodBuilder().withNewMetadata().withName("p").withNamespace("ns").endMetadata()
                .withNewSpec().addNewContainer().withName("c").withImage("nginx").endContainer().endSpec();
    }

    static Pod podRequesting(String cpu, String memory) {
        return new PodBuilder(pod().build()).editSpec().editFirstContainer().withNewResources()
                .addToRequests("cpu", new Quantity(cpu)).addToRequests("memory", new Quantity(memory))
                .endResources().endContainer().endSpec().build();
    }

    static NodeInfo info(Node node) {
        return NodeInfo.empty(node);
    }

    /** A node with pods already placed on it that request these amounts in total. */
    static NodeInfo info(Node node, String cpu, String memory, int pods) {
        Resources used = Resources.of(Map.of("cpu", new Quantity(cpu), "memory", new Quantity(memory)));
        return new NodeInfo(node, used, used.milliCpu(), used.memory(), pods, List.of());
    }

    static FilterResult run(Filter filter, Pod pod, NodeInfo node) {
        return filter.filter(pod, PodRequests.of(pod), node);
    }
}
