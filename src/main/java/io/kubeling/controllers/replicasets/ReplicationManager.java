package io.kubeling.controllers.replicasets;

import java.util.List;

import org.springframework.stereotype.Component;

import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.ReplicationController;
import io.fabric8.kubernetes.api.model.ReplicationControllerStatus;
import io.kubeling.controllers.ControllerKit;

/** kube's ReplicationManager: the ReplicaSet controller on ReplicationControllers, whose selector is a label map. */
@Component
class ReplicationManager extends ReplicatedPods<ReplicationController> {

    static final String COMPONENT = "replication-controller";

    ReplicationManager(ControllerKit kit) {
        super(kit, ReplicationController.class, "ReplicationController", COMPONENT);
    }

    @Override
    protected LabelSelector selector(ReplicationController rc) {
        LabelSelector selector = new LabelSelector();
        selector.setMatchLabels(rc.getSpec().getSelector());
        return selector;
    }

    @Override
    protected Integer replicas(ReplicationController rc) {
        return rc.getSpec().getReplicas();
    }

    @Override
    protected Integer minReadySeconds(ReplicationController rc) {
        return rc.getSpec().getMinReadySeconds();
    }

    @Override
    protected PodTemplateSpec template(ReplicationController rc) {
        return rc.getSpec().getTemplate();
    }

    @Override
    protected Counts counts(ReplicationController rc) {
        ReplicationControllerStatus s = rc.getStatus();
        return s == null ? null : new Counts(s.getReplicas(), s.getFullyLabeledReplicas(), s.getReadyReplicas(),
                s.getAvailableReplicas(), s.getObservedGeneration());
    }

    @Override
    protected void setCounts(ReplicationController rc, Counts counts) {
        ReplicationControllerStatus status = new ReplicationControllerStatus();
        status.setReplicas(counts.replicas());
        status.setFullyLabeledReplicas(counts.fullyLabeled());
        status.setReadyReplicas(counts.ready());
        status.setAvailableReplicas(counts.available());
        status.setObservedGeneration(counts.observedGeneration());
        status.setConditions(rc.getStatus() == null ? List.of() : rc.getStatus().getConditions());
        rc.setStatus(status);
    }
}
