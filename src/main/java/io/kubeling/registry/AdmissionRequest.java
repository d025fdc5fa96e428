package io.kubeling.registry;

import io.fabric8.kubernetes.api.model.HasMetadata;

/**
 * What admission sees of one write, as kube's admission.Attributes: the object (null on delete), the
 * stored object it replaces (null on create), the subresource written (null for the object itself).
 */
public record AdmissionRequest<T extends HasMetadata>(
        Admission.Operation operation,
        ResourceDefinition<T> resource,
        String subresource,
        String namespace,
        String name,
        T object,
        T oldObject,
        boolean dryRun,
        String fieldManager) {

    /** The same request carrying another object, as a mutation leaves it. */
    public AdmissionRequest<T> withObject(T changed) {
        return new AdmissionRequest<>(operation, resource, subresource, namespace, name, changed, oldObject, dryRun,
                fieldManager);
    }
}
