package io.kubeling.registry;

import io.fabric8.kubernetes.api.model.HasMetadata;

/**
 * A check every write passes before it is stored, as kube's admission plugins: {@link #admit} as the
 * in-tree plugins (namespace lifecycle), {@link #mutate} before the strategy's defaults and validation,
 * as kube's mutating admission, and {@link #validate} after them, as its validating admission.
 */
public interface Admission {

    enum Operation { CREATE, UPDATE, DELETE }

    default void admit(Operation operation, ResourceDefinition<?> resource, String namespace, HasMetadata object) {
    }

    /** The object as mutating admission leaves it: the request's own object, or a changed one in its place. */
    default <T extends HasMetadata> T mutate(AdmissionRequest<T> request) {
        return request.object();
    }

    /** Refuses the request with a StatusException, or lets it through. */
    default void validate(AdmissionRequest<?> request) {
    }

    /**
     * Refuses, or lets through, a create on a subresource served by its own code ({@code pods/eviction},
     * {@code serviceaccounts/token}) before it acts, as kube's validating admission sees the Eviction or the
     * TokenRequest.
     */
    default void validateSubresource(GroupResource resource, String subresource, SubresourceCall call) {
    }
}
