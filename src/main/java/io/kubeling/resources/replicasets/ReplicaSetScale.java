package io.kubeling.resources.replicasets;

import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;

import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.kubeling.registry.GroupResource;
import io.kubeling.registry.ObjectCodec;
import io.kubeling.registry.Registry;
import io.kubeling.resources.common.ReplicasScale;

/** replicasets/scale. */
@Component
class ReplicaSetScale extends ReplicasScale<ReplicaSet> {

    ReplicaSetScale(@Lazy Registry registry, ObjectCodec codec) {
        super(registry, codec, ReplicaSet.class, new GroupResource("apps", "replicasets"));
    }

    @Override
    protected Integer replicas(ReplicaSet rs) {
        return rs.getSpec().getReplicas();
    }

    @Override
    protected void setReplicas(ReplicaSet rs, int replicas) {
        rs.getSpec().setReplicas(replicas);
    }

    @Override
    protected LabelSelector selector(ReplicaSet rs) {
        return rs.getSpec().getSelector();
    }

    @Override
    protected Integer statusReplicas(ReplicaSet rs) {
        return rs.getStatus() == null ? null : rs.getStatus().getReplicas();
    }
}
