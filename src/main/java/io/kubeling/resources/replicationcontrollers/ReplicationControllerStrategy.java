package io.kubeling.resources.replicationcontrollers;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.ReplicationController;
import io.fabric8.kubernetes.api.model.ReplicationControllerSpec;
import io.fabric8.kubernetes.api.model.ReplicationControllerStatus;
import io.kubeling.registry.Strategy;
import io.kubeling.registry.validation.FieldError;
import io.kubeling.resources.common.LabelSelectors;
import io.kubeling.resources.pods.PodTemplates;
import io.kubeling.resources.replicasets.WorkloadValidation;

/**
 * kube's rcStrategy: SetDefaults_ReplicationController (selector and labels from the template, one replica), a
 * fresh status, generation on spec changes, and ValidateReplicationControllerSpec; unlike a ReplicaSet's, the
 * selector may change.
 */
class ReplicationControllerStrategy implements Strategy<ReplicationController> {

    @Override
    public void applyDefaults(ReplicationController rc) {
        if (rc.getSpec() == null) {
            rc.setSpec(new ReplicationControllerSpec());
        }
        ReplicationControllerSpec spec = rc.getSpec();
        PodTemplateSpec template = spec.getTemplate();
        if (template != null) {
            PodTemplates.applyDefaults(template);
            Map<String, String> labels = template.getMetadata().getLabels();
            if (spec.getSelector() == null || spec.getSelector().isEmpty()) {
                spec.setSelector(labels == null ? null : new HashMap<>(labels));
            }
            if (rc.getMetadata().getLabels() == null || rc.getMetadata().getLabels().isEmpty()) {
                rc.getMetadata().setLabels(labels == null ? null : new HashMap<>(labels));
            }
        }
        if (spec.getReplicas() == null) {
            spec.setReplicas(1);
        }
    }

    @Override
    public void prepareForCreate(ReplicationController rc) {
        ReplicationControllerStatus status = new ReplicationControllerStatus();
        status.setReplicas(0);
        rc.setStatus(status);
    }

    @Override
    public List<FieldError> validate(ReplicationController rc) {
        ReplicationControllerSpec spec = rc.getSpec();
        List<FieldError> errs = new ArrayList<>();
        WorkloadValidation.nonNegative(errs, spec.getMinReadySeconds(), "spec.minReadySeconds");
        Map<String, String> selector = spec.getSelector() == null ? Map.of() : spec.getSelector();
        if (selector.isEmpty()) {
            errs.add(FieldError.required("spec.selector", ""));
        } else {
            errs.addAll(PodTemplates.labels(selector, "spec.selector"));
        }
        WorkloadValidation.nonNegative(errs, spec.getReplicas(), "spec.replicas");
        PodTemplateSpec template = spec.getTemplate();
        if (template == null) {
            errs.add(FieldError.required("spec.template", ""));
            return errs;
        }
        Map<String, String> labels = template.getMetadata() == null ? null : template.getMetadata().getLabels();
        if (!selector.isEmpty() && !matches(selector, labels)) {
            errs.add(FieldError.invalid("spec.template.metadata.labels", LabelSelectors.goMap(labels),
                    "`selector` does not match template `labels`"));
        }
        errs.addAll(PodTemplates.validate(template, "spec.template"));
        String restartPolicy = template.getSpec() == null ? "" : Objects.toString(template.getSpec().getRestartPolicy(), "");
        if (!restartPolicy.equals("Always")) {
            errs.add(FieldError.notSupported("spec.template.spec.restartPolicy", restartPolicy, List.of("Always")));
        }
        if (template.getSpec() != null && template.getSpec().getActiveDeadlineSeconds() != null) {
            errs.add(FieldError.invalid("spec.template.spec.activeDeadlineSeconds",
                    template.getSpec().getActiveDeadlineSeconds(),
                    "activeDeadlineSeconds in ReplicationController is not Supported"));
        }
        return errs;
    }

    static boolean matches(Map<String, String> selector, Map<String, String> labels) {
        Map<String, String> have = labels == null ? Map.of() : labels;
        return selector.entrySet().stream().allMatch(e -> Objects.equals(have.get(e.getKey()), e.getValue()));
    }

    @Override
    public void prepareForUpdate(ReplicationController rc, ReplicationController old) {
        rc.setStatus(old.getStatus());
    }

    @Override
    public boolean tracksGeneration() {
        return true;
    }

    @Override
    public boolean specChanged(ReplicationController rc, ReplicationController old) {
        return !Objects.equals(rc.getSpec(), old.getSpec());
    }

    @Override
    public Map<String, String> selectableFields(ReplicationController rc) {
        Integer replicas = rc.getStatus() == null ? null : rc.getStatus().getReplicas();
        return Map.of("status.replicas", String.valueOf(replicas == null ? 0 : replicas));
    }
}
