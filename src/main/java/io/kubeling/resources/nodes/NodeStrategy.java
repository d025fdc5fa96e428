package io.kubeling.resources.nodes;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeSpec;
import io.fabric8.kubernetes.api.model.NodeStatus;
import io.kubeling.registry.Strategy;

/**
 * kube's nodeStrategy: a node is created with its status (the kubelet registers itself that
 * way), and updates through the main resource keep the status.
 */
class NodeStrategy implements Strategy<Node> {

    /** A node posted without spec or status has them empty, as Go's value structs are, never missing. */
    @Override
    public void prepareForCreate(Node node) {
        if (node.getSpec() == null) {
            node.setSpec(new NodeSpec());
        }
        if (node.getStatus() == null) {
            node.setStatus(new NodeStatus());
        }
    }

    @Override
    public void prepareForUpdate(Node node, Node old) {
        node.setStatus(old.getStatus() == null ? new NodeStatus() : old.getStatus());
    }
}
