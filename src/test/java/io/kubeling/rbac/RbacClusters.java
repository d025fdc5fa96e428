package io.kubeling.rbac;

import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import io.kubeling.controllers.ComponentAuthorization;
import io.kubeling.controllers.StoppedCluster;
import io.kubeling.registry.Authorizer;
import io.kubeling.resources.rbac.RbacResources;

/** A stopped cluster serving the RBAC kinds, its writes checked for escalation, with its RBAC authorizer. */
final class RbacClusters {

    final StoppedCluster cluster;
    final RbacAuthorizer authorizer;

    RbacClusters() {
        RbacResources rbac = new RbacResources();
        AtomicReference<Authorizer> late = new AtomicReference<>();
        cluster = new StoppedCluster(List.of(rbac.roles(), rbac.clusterroles(), rbac.rolebindings(),
                rbac.clusterrolebindings()), List.of(new EscalationCheck(late::get)));
        authorizer = new RbacAuthorizer(new RuleResolver(cluster.registry));
        late.set(authorizer);
    }

    private RbacClusters(StoppedCluster cluster, RbacAuthorizer authorizer) {
        this.cluster = cluster;
        this.authorizer = authorizer;
    }

    /**
     * A cluster in Node,RBAC mode as a kubeadm cluster runs: kube's bootstrap policy in place, the components'
     * writes authorized ({@link ComponentAuthorization}) and kubelets' limited by {@link NodeRestriction}.
     */
    static RbacClusters nodeRbac() {
        RbacResources rbac = new RbacResources();
        AtomicReference<Authorizer> late = new AtomicReference<>();
        AtomicReference<StoppedCluster> built = new AtomicReference<>();
        StoppedCluster cluster = new StoppedCluster(List.of(rbac.roles(), rbac.clusterroles(), rbac.rolebindings(),
                rbac.clusterrolebindings()), List.of(new ComponentAuthorization(late::get),
                        new EscalationCheck(late::get), new NodeRestriction(late::get,
                                () -> built.get().registry)));
        built.set(cluster);
        RbacAuthorizer authorizer = new RbacAuthorizer(new RuleResolver(cluster.registry),
                new NodeAuthorizer(new NodeGraph(cluster.registry), AuthorizationConfiguration.nodeRules()));
        late.set(authorizer);
        new BootstrapPolicyReconciler(cluster.registry).reconcile();
        return new RbacClusters(cluster, authorizer);
    }
}
