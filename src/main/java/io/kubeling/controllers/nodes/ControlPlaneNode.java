package io.kubeling.controllers.nodes;

import io.kubeling.config.SimulationProperties;

/**
 * The control-plane node a kubeadm cluster shows besides its workers: registered after them (so their names,
 * addresses and pod ranges stay as configured), labelled and tainted as kubeadm marks it.
 */
public final class ControlPlaneNode {

    public static final String NAME = "kubeling-control-plane";
    public static final String ROLE = "node-role.kubernetes.io/control-plane";
    static final String EXCLUDE_FROM_LOAD_BALANCERS = "node.kubernetes.io/exclude-from-external-load-balancers";

    private ControlPlaneNode() {
    }

    /** The node's InternalIP, which kube-apiserver advertises: the address after the workers'. */
    public static String address(SimulationProperties.Nodes nodes) {
        return NodeTemplate.address(nodes.addressCidr(), NodeBlueprint.workers(nodes).size());
    }
}
