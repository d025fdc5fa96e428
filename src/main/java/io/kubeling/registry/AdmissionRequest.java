package io.kubeling.registry;

import io.fabric8.kubernetes.api.model.HasMetadata;

/**
 * What admission sees of one write, as kube's admission.Attributes: the object (null on delete), the
 * stored object it replaces (null on create), the subresource written (null for the object itself), and the user
 * who asks (the admin for the server's own writes).
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
        String fieldManager,
        UserInfo user) {

    public AdmissionRequest {
        user = user == null ? UserInfo.ADMIN : user;
    }

    public AdmissionRequest(Admission.Operation operation, ResourceDefinition<T> resource, String subresource,
            String namespace, String name, T object, T oldObject, boolean dryRun, String fieldManager) {
        this(operation, resource, subresource, namespace, name, object, oldObject, dryRun, fieldManager, null);
    }

    /** The same request carrying another object, as a mutation leaves it. */
    public AdmissionRequest<T> withObject(T changed) {
        return new AdmissionRequest<>(operation, resource, subresource, namespace, name, changed, oldObject, dryRun,
                fieldManager, user);
    }
}
