package io.kubeling.registry;

import io.fabric8.kubernetes.api.model.HasMetadata;

/**
 * How a built-in resource served in a version other than its storage version passes between the two, as kube's
 * scheme converts autoscaling/v1 HorizontalPodAutoscalers to and from the autoscaling/v2 objects it stores.
 * {@code S} is the storage version's type, {@code T} the served one's. Conversions copy what they keep: neither
 * method changes its argument.
 */
public interface VersionConversion<T extends HasMetadata, S extends HasMetadata> {

    /** The type objects are stored as. */
    Class<S> storageType();

    /** A stored object as an object of the served version. */
    T fromStorage(S stored);

    /** A served object as it is to be stored. */
    S toStorage(T served);
}
