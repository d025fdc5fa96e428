package io.kubeling.registry;

import io.fabric8.kubernetes.api.model.HasMetadata;

/** A check every write passes before it is stored, as kube's admission plugins (namespace lifecycle). */
public interface Admission {

    enum Operation { CREATE, UPDATE, DELETE }

    void admit(Operation operation, ResourceDefinition<?> resource, String namespace, HasMetadata object);
}
