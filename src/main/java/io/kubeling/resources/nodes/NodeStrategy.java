package io.kubeling.resources.nodes;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeStatus;
import io.kubeling.registry.Strategy;

/**
 * kube's nodeStrategy: a node is created with its status (the kubelet registers itself that
 * way), and updates through the main resource keep the status.
 */
class NodeStrategy implements Strategy<Node> {

    @Override
    public void prepareForUpdate(Node node, Node old) {
        node.setStatus(old.getStatus() == null ? new NodeStatus() : old.getStatus());
    }
}
