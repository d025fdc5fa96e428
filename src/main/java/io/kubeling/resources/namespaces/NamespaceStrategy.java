package io.kubeling.resources.namespaces;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.NamespaceSpec;
import io.fabric8.kubernetes.api.model.NamespaceStatus;
import io.fabric8.kubernetes.api.model.NamespaceStatusBuilder;
import io.kubeling.registry.Strategy;
import io.kubeling.registry.validation.FieldError;

/**
 * Kube's rules for namespaces (pkg/registry/core/namespace): a new namespace starts Active and holds the
 * {@code kubernetes} finalizer; its spec.finalizers and status only change through the finalize and status
 * subresources.
 */
public class NamespaceStrategy implements Strategy<Namespace> {

    static final String KUBERNETES_FINALIZER = "kubernetes";
    static final String PHASE_ACTIVE = "Active";
    static final String PHASE_TERMINATING = "Terminating";

    public NamespaceStrategy() {
    }

    @Override
    public NameRule nameRule() {
        return NameRule.DNS1123_LABEL;
    }

    /** A DELETE answers with the namespace, which usually lives on, Terminating, until its finalizers are done. */
    @Override
    public boolean returnDeletedObject() {
        return true;
    }

    @Override
    public void applyDefaults(Namespace namespace) {
        NamespaceNameLabel.apply(namespace);
    }

    @Override
    public void prepareForCreate(Namespace namespace) {
        namespace.setStatus(new NamespaceStatus(new ArrayList<>(), PHASE_ACTIVE));
        NamespaceSpec spec = specOf(namespace);
        List<String> finalizers = new ArrayList<>(finalizers(namespace));
        // Kube adds this on create rather than in defaulting, because the namespace controller removes it later.
        if (!finalizers.contains(KUBERNETES_FINALIZER)) {
            finalizers.add(KUBERNETES_FINALIZER);
        }
        spec.setFinalizers(finalizers);
    }

    @Override
    public void prepareForUpdate(Namespace namespace, Namespace old) {
        specOf(namespace).setFinalizers(new ArrayList<>(finalizers(old)));
        namespace.setStatus(copyStatus(old));
    }

    @Override
    public List<FieldError> validate(Namespace namespace) {
        List<FieldError> errors = new ArrayList<>();
        // Kube reports these on spec.finalizers without an index.
        for (String finalizer : finalizers(namespace)) {
            errors.addAll(FinalizerNames.validate(finalizer, "spec.finalizers"));
        }
        return errors;
    }

    @Override
    public void canonicalize(Namespace namespace) {
        // A name made from generateName is only known now, after defaulting and preparation ran.
        NamespaceNameLabel.apply(namespace);
    }

    @Override
    public Map<String, String> selectableFields(Namespace namespace) {
        Map<String, String> fields = new HashMap<>();
        String phase = namespace.getStatus() == null ? null : namespace.getStatus().getPhase();
        fields.put("status.phase", phase == null ? "" : phase);
        // Kube keeps the unqualified "name" field for backward compatibility.
        String name = namespace.getMetadata() == null ? null : namespace.getMetadata().getName();
        fields.put("name", name == null ? "" : name);
        return fields;
    }

    /** Whether spec.finalizers still holds the namespace back from being removed once it is terminating. */
    @Override
    public boolean holdsDeletion(Namespace namespace) {
        return hasSpecFinalizers(namespace);
    }

    @Override
    public void prepareForDeletion(Namespace namespace) {
        markTerminating(namespace);
    }

    public static boolean hasSpecFinalizers(Namespace namespace) {
        return !finalizers(namespace).isEmpty();
    }

    /** Puts the namespace in the Terminating phase, as kube does when deletion of it begins. */
    public static void markTerminating(Namespace namespace) {
        if (namespace.getStatus() == null) {
            namespace.setStatus(new NamespaceStatus());
        }
        namespace.getStatus().setPhase(PHASE_TERMINATING);
    }

    static List<String> finalizers(Namespace namespace) {
        if (namespace.getSpec() == null || namespace.getSpec().getFinalizers() == null) {
            return List.of();
        }
        return namespace.getSpec().getFinalizers();
    }

    static NamespaceSpec specOf(Namespace namespace) {
        if (namespace.getSpec() == null) {
            namespace.setSpec(new NamespaceSpec());
        }
        return namespace.getSpec();
    }

    static NamespaceStatus copyStatus(Namespace namespace) {
        return namespace.getStatus() == null ? null : new NamespaceStatusBuilder(namespace.getStatus()).build();
    }
}
