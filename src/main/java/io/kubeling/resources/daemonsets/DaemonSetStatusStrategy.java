package io.kubeling.resources.daemonsets;

import java.util.List;

import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.kubeling.registry.Strategy;
import io.kubeling.registry.validation.FieldError;

/** daemonsets/status: only the status changes; the template generation stays the stored one. */
class DaemonSetStatusStrategy implements Strategy<DaemonSet> {

    @Override
    public void prepareForUpdate(DaemonSet ds, DaemonSet old) {
        ds.setSpec(old.getSpec());
        DaemonSetStrategy.setTemplateGeneration(ds, DaemonSetStrategy.templateGeneration(old));
        if (ds.getStatus() == null) {
            ds.setStatus(DaemonSetStrategy.emptyStatus());
        }
    }

    @Override
    public List<FieldError> validateUpdate(DaemonSet ds, DaemonSet old) {
        return DaemonSetValidation.status(ds.getStatus(), old.getStatus());
    }
}
