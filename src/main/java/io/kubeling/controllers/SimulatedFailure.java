package io.kubeling.controllers;

import java.util.Map;

import io.fabric8.kubernetes.api.model.Node;

/**
 * The failure a node is asked to simulate through its {@code kubeling.io/simulate} annotation:
 * {@code NotReady} (its kubelet reports Ready=False) or {@code Unreachable} (its kubelet loses
 * the API: no heartbeats, no status, no events, and it sees no pod changes until it is back).
 */
public final class SimulatedFailure {

    public static final String ANNOTATION = "kubeling.io/simulate";
    public static final String NOT_READY = "NotReady";
    public static final String UNREACHABLE = "Unreachable";

    private SimulatedFailure() {
    }

    /** The annotation's value, or null. */
    public static String of(Node node) {
        Map<String, String> annotations = node.getMetadata().getAnnotations();
        return annotations == null ? null : annotations.get(ANNOTATION);
    }

    public static boolean unreachable(Node node) {
        return UNREACHABLE.equals(of(node));
    }
}
