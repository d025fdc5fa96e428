package io.kubeling.controllers.replicasets;

import java.util.List;

import org.springframework.stereotype.Component;

import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetStatus;
import io.kubeling.controllers.ControllerKit;

/** kube's ReplicaSet controller. */
@Component
class ReplicaSetController extends ReplicatedPods<ReplicaSet> {

    static final String COMPONENT = "replicaset-controller";

    ReplicaSetController(ControllerKit kit) {
        super(kit, ReplicaSet.class, "ReplicaSet", COMPONENT);
    }

    @Override
    protected LabelSelector selector(ReplicaSet rs) {
        return rs.getSpec().getSelector();
    }

    @Override
    protected Integer replicas(ReplicaSet rs) {
        return rs.getSpec().getReplicas();
    }

    @Override
    protected Integer minReadySeconds(ReplicaSet rs) {
        return rs.getSpec().getMinReadySeconds();
    }

    @Override
    protected PodTemplateSpec template(ReplicaSet rs) {
        return rs.getSpec().getTemplate();
    }

    @Override
    protected Counts counts(ReplicaSet rs) {
        ReplicaSetStatus s = rs.getStatus();
        return s == null ? null : new Counts(s.getReplicas(), s.getFullyLabeledReplicas(), s.getReadyReplicas(),
                s.getAvailableReplicas(), s.getObservedGeneration());
    }

    @Override
    protected void setCounts(ReplicaSet rs, Counts counts) {
        ReplicaSetStatus status = new ReplicaSetStatus();
        status.setReplicas(counts.replicas());
        status.setFullyLabeledReplicas(counts.fullyLabeled());
        status.setReadyReplicas(counts.ready());
        status.setAvailableReplicas(counts.available());
        status.setObservedGeneration(counts.observedGeneration());
        status.setConditions(rs.getStatus() == null ? List.of() : rs.getStatus().getConditions());
        rs.setStatus(status);
    }
}
