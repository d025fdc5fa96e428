package io.kubeling.controllers;

import io.fabric8.kubernetes.api.model.Node;

/** nodeutil's question: does the node report Ready=True. */
public final class NodeReadiness {

    private NodeReadiness() {
    }

    public static boolean ready(Node node) {
        return node.getStatus() != null && node.getStatus().getConditions() != null && node.getStatus()
                .getConditions().stream().anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
    }
}
