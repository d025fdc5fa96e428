package io.kubeling.resources.nodes;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeSpec;
import io.kubeling.registry.Strategy;

/** The nodes/status subresource: only status changes. */
class NodeStatusStrategy implements Strategy<Node> {

    @Override
    public void prepareForUpdate(Node node, Node old) {
        node.setSpec(old.getSpec() == null ? new NodeSpec() : old.getSpec());
    }
}
