package io.kubeling.registry;

import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.kubeling.registry.validation.FieldError;

/**
 * The rules of one resource (or one subresource of it), stateless, as kube's RESTCreateStrategy
 * and RESTUpdateStrategy: the generic store calls these at fixed points of every write.
 */
public interface Strategy<T extends HasMetadata> {

    /**
     * Kube's scheme defaulting (SetDefaults_*, a custom resource's schema defaults), which kube runs as it
     * decodes a request body, and again on an object a mutating webhook patched: what it fills in comes with
     * the writer's object, so the writer owns it in managedFields.
     */
    default void applyDefaults(T object) {
    }

    /**
     * Clears what a client may not set on create (status, for most) and fills what kube's PrepareForCreate
     * fills, after mutating admission: no writer owns it.
     */
    default void prepareForCreate(T object) {
    }

    /** Kube's validation of a new object, beyond the common metadata rules. */
    default List<FieldError> validate(T object) {
        return List.of();
    }

    /** Keeps what a client may not change on update (status through the main resource, spec through status). */
    default void prepareForUpdate(T object, T old) {
    }

    /** Kube's validation of an update, beyond the immutable metadata fields. */
    default List<FieldError> validateUpdate(T object, T old) {
        return validate(object);
    }

    /** Normalizes an object after validation, before it is stored. */
    default void canonicalize(T object) {
    }

    /** How names of this resource are validated. */
    default NameRule nameRule() {
        return NameRule.DNS1123_SUBDOMAIN;
    }

    /** Whether a PUT of an absent object creates it. */
    default boolean allowCreateOnUpdate() {
        return false;
    }

    /** Whether objects carry metadata.generation: 1 on create, bumped when {@link #specChanged} says so. */
    default boolean tracksGeneration() {
        return false;
    }

    /** Whether generation changes on this update (kube bumps it when the spec changes). */
    default boolean specChanged(T object, T old) {
        return false;
    }

    /** The field selector fields besides metadata.name and metadata.namespace. */
    default Map<String, String> selectableFields(T object) {
        return Map.of();
    }

    /**
     * Graceful deletion: the grace period to wait, or empty to delete at once.
     * {@code requested} is the client's gracePeriodSeconds, or null.
     */
    default OptionalLong gracePeriod(T object, Long requested) {
        return OptionalLong.empty();
    }

    /** Whether something besides metadata.finalizers keeps a deleted object (a namespace's spec.finalizers). */
    default boolean holdsDeletion(T object) {
        return false;
    }

    /** Changes an object takes when its deletion starts but it must stay (a namespace turns Terminating). */
    default void prepareForDeletion(T object) {
    }

    /** Whether DELETE answers with the deleted object rather than a Success Status. */
    default boolean returnDeletedObject() {
        return false;
    }

    /**
     * Drops the fields this resource's schema does not know from a decoded request and returns their paths, for
     * resources decoded without a model of their own (custom resources); built-in ones are pruned by their model.
     */
    default List<String> prune(T object) {
        return List.of();
    }

    /** Warnings sent back in Warning headers for a create or update. */
    default List<String> warnings(T object) {
        return List.of();
    }

    /** Whether the resource is only read (get and list), as kube's componentstatuses; writes get 405. */
    default boolean readOnly() {
        return false;
    }

    /** The Warning every request to this resource gets, as for a deprecated kind, or null. */
    default String deprecationWarning() {
        return null;
    }

    enum NameRule {
        DNS1123_SUBDOMAIN, DNS1123_LABEL, DNS1035_LABEL, PATH_SEGMENT
    }
}
