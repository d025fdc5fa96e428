package io.kubeling.registry;

/**
 * How a resource is served from another resource's stored objects in a shape of its own, as kube serves
 * events.k8s.io Events from the core Events in storage: where the objects are kept, and how each one's JSON passes
 * from the stored shape to the served one and back.
 */
public interface StoredShape {

    /** The resource whose keys hold the objects. */
    GroupResource storage();

    /** A stored object's JSON in the served shape. */
    byte[] fromStorage(byte[] stored);

    /** A served object's JSON in the stored shape. */
    byte[] toStorage(byte[] served);
}
