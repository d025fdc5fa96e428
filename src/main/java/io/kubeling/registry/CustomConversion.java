package io.kubeling.registry;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;

/**
 * How the objects of a custom resource pass between storage and one served version, as kube's codec of a CRD's
 * storage passes them: a stored object is defaulted by the schema of the version it was stored in and converted
 * to the served version; a written one is converted to the storage version. Failures are {@link StatusException}s
 * carrying kube's answer.
 */
public interface CustomConversion {

    /** Turns a stored object, just decoded and not yet shared, into an object of the served version, in place. */
    void fromStorage(GenericKubernetesResource stored);

    /** The object as it is to be stored: itself when it is in the storage version, else a converted copy. */
    GenericKubernetesResource toStorage(GenericKubernetesResource object);

    /**
     * Whether a stored revision reads the same every time, so that its encoded form may be reused; not when a
     * webhook converts it, which kube asks again on every read (and whose failure the read must report).
     */
    default boolean repeatable() {
        return true;
    }
}
