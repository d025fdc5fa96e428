package io.kubeling.rbac;

import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

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
}
