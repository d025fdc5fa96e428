package io.kubeling.resources.statefulsets;

import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;

import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.kubeling.registry.GroupResource;
import io.kubeling.registry.ObjectCodec;
import io.kubeling.registry.Registry;
import io.kubeling.resources.common.ReplicasScale;

/** statefulsets/scale. */
@Component
class StatefulSetScale extends ReplicasScale<StatefulSet> {

    StatefulSetScale(@Lazy Registry registry, ObjectCodec codec) {
        super(registry, codec, StatefulSet.class, new GroupResource("apps", "statefulsets"));
    }

    @Override
    protected Integer replicas(StatefulSet sts) {
        return sts.getSpec().getReplicas();
    }

    @Override
    protected void setReplicas(StatefulSet sts, int replicas) {
        sts.getSpec().setReplicas(replicas);
    }

    @Override
    protected LabelSelector selector(StatefulSet sts) {
        return sts.getSpec().getSelector();
    }

    @Override
    protected Integer statusReplicas(StatefulSet sts) {
        return sts.getStatus() == null ? null : sts.getStatus().getReplicas();
    }
}
