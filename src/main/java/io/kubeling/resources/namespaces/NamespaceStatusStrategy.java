package io.kubeling.resources.namespaces;

import java.util.ArrayList;
import java.util.List;

import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.NamespaceSpecBuilder;
import io.fabric8.kubernetes.api.model.NamespaceStatus;
import io.kubeling.registry.validation.FieldError;

/** The namespaces/status subresource: only status changes, and its phase must agree with the deletion state. */
public class NamespaceStatusStrategy extends NamespaceStrategy {

    public NamespaceStatusStrategy() {
    }

    /** Kube's defaulting of a decoded Namespace: its name label, and an empty phase means Active. */
    @Override
    public void applyDefaults(Namespace namespace) {
        NamespaceNameLabel.apply(namespace);
        if (namespace.getStatus() == null) {
            namespace.setStatus(new NamespaceStatus());
        }
        String phase = namespace.getStatus().getPhase();
        if (phase == null || phase.isEmpty()) {
            namespace.getStatus().setPhase(PHASE_ACTIVE);
        }
    }

    @Override
    public void prepareForUpdate(Namespace namespace, Namespace old) {
        namespace.setSpec(old.getSpec() == null ? null : new NamespaceSpecBuilder(old.getSpec()).build());
    }

    @Override
    public List<FieldError> validateUpdate(Namespace namespace, Namespace old) {
        List<FieldError> errors = new ArrayList<>();
        String phase = namespace.getStatus() == null || namespace.getStatus().getPhase() == null ? ""
                : namespace.getStatus().getPhase();
        String deletionTimestamp = namespace.getMetadata() == null ? null
                : namespace.getMetadata().getDeletionTimestamp();
        // Kube names the field "status.Phase" in these messages.
        if (deletionTimestamp == null || deletionTimestamp.isEmpty()) {
            if (!PHASE_ACTIVE.equals(phase)) {
                errors.add(FieldError.invalid("status.Phase", phase,
                        "may only be 'Active' if `deletionTimestamp` is empty"));
            }
        } else if (!PHASE_TERMINATING.equals(phase)) {
            errors.add(FieldError.invalid("status.Phase", phase,
                    "may only be 'Terminating' if `deletionTimestamp` is not empty"));
        }
        return errors;
    }
}
