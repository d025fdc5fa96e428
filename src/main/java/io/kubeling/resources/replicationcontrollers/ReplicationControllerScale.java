package io.kubeling.resources.replicationcontrollers;

import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;

import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.ReplicationController;
import io.kubeling.registry.GroupResource;
import io.kubeling.registry.ObjectCodec;
import io.kubeling.registry.Registry;
import io.kubeling.resources.common.ReplicasScale;

/** replicationcontrollers/scale: the selector is the controller's label map. */
@Component
class ReplicationControllerScale extends ReplicasScale<ReplicationController> {

    ReplicationControllerScale(@Lazy Registry registry, ObjectCodec codec) {
        super(registry, codec, ReplicationController.class, new GroupResource("", "replicationcontrollers"));
    }

    @Override
    protected Integer replicas(ReplicationController rc) {
        return rc.getSpec().getReplicas();
    }

    @Override
    protected void setReplicas(ReplicationController rc, int replicas) {
        rc.getSpec().setReplicas(replicas);
    }

    @Override
    protected LabelSelector selector(ReplicationController rc) {
        LabelSelector selector = new LabelSelector();
        selector.setMatchLabels(rc.getSpec().getSelector());
        return selector;
    }

    @Override
    protected Integer statusReplicas(ReplicationController rc) {
        return rc.getStatus() == null ? null : rc.getStatus().getReplicas();
    }
}
