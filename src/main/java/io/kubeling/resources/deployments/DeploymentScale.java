package io.kubeling.resources.deployments;

import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;

import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.kubeling.registry.GroupResource;
import io.kubeling.registry.ObjectCodec;
import io.kubeling.registry.Registry;
import io.kubeling.resources.common.ReplicasScale;

/** deployments/scale. */
@Component
class DeploymentScale extends ReplicasScale<Deployment> {

    DeploymentScale(@Lazy Registry registry, ObjectCodec codec) {
        super(registry, codec, Deployment.class, new GroupResource("apps", "deployments"));
    }

    @Override
    protected Integer replicas(Deployment d) {
        return d.getSpec().getReplicas();
    }

    @Override
    protected void setReplicas(Deployment d, int replicas) {
        d.getSpec().setReplicas(replicas);
    }

    @Override
    protected LabelSelector selector(Deployment d) {
        return d.getSpec().getSelector();
    }

    @Override
    protected Integer statusReplicas(Deployment d) {
        return d.getStatus() == null ? null : d.getStatus().getReplicas();
    }
}
