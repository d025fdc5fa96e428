package io.kubeling.controllers;

import java.util.ArrayList;
import java.util.List;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.OwnerReference;

/** Owner references as controllers use them: the controller reference, and adopting or releasing a dependent. */
public final class Owners {

    private Owners() {
    }

    /** The owner reference marked {@code controller: true}, or null. */
    public static OwnerReference controllerOf(HasMetadata object) {
        for (OwnerReference ref : object.getMetadata().getOwnerReferences()) {
            if (Boolean.TRUE.equals(ref.getController())) {
                return ref;
            }
        }
        return null;
    }

    /** Whether {@code owner} is the controller of {@code object}. */
    public static boolean controlledBy(HasMetadata object, HasMetadata owner) {
        OwnerReference ref = controllerOf(object);
        return ref != null && ref.getUid() != null && ref.getUid().equals(owner.getMetadata().getUid());
    }

    /** A controller reference to {@code owner}, with blockOwnerDeletion, as controllers set it. */
    public static OwnerReference controllerReference(HasMetadata owner) {
        OwnerReference ref = new OwnerReference();
        ref.setApiVersion(owner.getApiVersion());
        ref.setKind(owner.getKind());
        ref.setName(owner.getMetadata().getName());
        ref.setUid(owner.getMetadata().getUid());
        ref.setController(true);
        ref.setBlockOwnerDeletion(true);
        return ref;
    }

    /** Adds a controller reference to {@code owner}. */
    public static void adopt(HasMetadata object, HasMetadata owner) {
        List<OwnerReference> refs = new ArrayList<>(object.getMetadata().getOwnerReferences());
        refs.add(controllerReference(owner));
        object.getMetadata().setOwnerReferences(refs);
    }

    /** Removes every reference to the owner with this uid. */
    public static void release(HasMetadata object, String ownerUid) {
        List<OwnerReference> refs = new ArrayList<>(object.getMetadata().getOwnerReferences());
        refs.removeIf(r -> ownerUid.equals(r.getUid()));
        object.getMetadata().setOwnerReferences(refs);
    }
}
