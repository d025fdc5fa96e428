package io.kubeling.resources.customresources;

import java.util.List;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.kubeling.registry.validation.FieldError;

/** What the structural schema of one version of a custom resource does to its objects. */
interface VersionSchema {

    /** Drops the fields the schema does not know and returns their paths, as kube reports them for fieldValidation. */
    List<String> prune(GenericKubernetesResource object);

    /** Fills the schema's defaults. */
    void applyDefaults(GenericKubernetesResource object);

    /** Prunes and defaults a stored object being read, as kube's storage decoder coerces and defaults it. */
    default void applyOnRead(GenericKubernetesResource object) {
        prune(object);
        applyDefaults(object);
    }

    /** Validates an object against the schema and its rules, {@code old} being null on create. */
    List<FieldError> validate(GenericKubernetesResource object, GenericKubernetesResource old);

    /** A schema that keeps, defaults and refuses nothing. */
    VersionSchema NONE = new VersionSchema() {
        @Override
        public List<String> prune(GenericKubernetesResource object) {
            return List.of();
        }

        @Override
        public void applyDefaults(GenericKubernetesResource object) {
        }

        @Override
        public List<FieldError> validate(GenericKubernetesResource object, GenericKubernetesResource old) {
            return List.of();
        }
    };
}
