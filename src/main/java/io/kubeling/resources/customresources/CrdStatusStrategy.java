package io.kubeling.resources.customresources;

import java.util.List;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.kubeling.registry.Strategy;
import io.kubeling.registry.validation.FieldError;

/** customresourcedefinitions/status: the spec, labels, annotations and owners stay, as kube's statusStrategy keeps them (finalizers may change: the cleanup controller removes its own here). */
class CrdStatusStrategy implements Strategy<CustomResourceDefinition> {

    @Override
    public void prepareForUpdate(CustomResourceDefinition crd, CustomResourceDefinition old) {
        crd.setSpec(old.getSpec());
        crd.getMetadata().setLabels(old.getMetadata().getLabels());
        crd.getMetadata().setAnnotations(old.getMetadata().getAnnotations());
        crd.getMetadata().setOwnerReferences(old.getMetadata().getOwnerReferences());
    }

    @Override
    public List<FieldError> validateUpdate(CustomResourceDefinition crd, CustomResourceDefinition old) {
        return CrdValidation.names(crd.getStatus() == null ? null : crd.getStatus().getAcceptedNames(),
                "status.acceptedNames");
    }
}
