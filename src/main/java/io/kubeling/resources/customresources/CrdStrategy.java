package io.kubeling.resources.customresources;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceConversion;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionNames;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionSpec;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionStatus;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionVersion;
import io.kubeling.registry.Strategy;
import io.kubeling.registry.validation.FieldError;

/**
 * Kube's strategy for CRDs (apiextensions-apiserver pkg/registry/customresourcedefinition): the v1 defaults,
 * status cleared on create and kept on update, generation bumped on spec changes, storedVersions taking the
 * storage version, and on deletion the cleanup finalizer and the Terminating condition (its REST Delete).
 */
class CrdStrategy implements Strategy<CustomResourceDefinition> {

    @Override
    public void applyDefaults(CustomResourceDefinition crd) {
        defaults(crd);
    }

    @Override
    public void prepareForCreate(CustomResourceDefinition crd) {
        crd.setStatus(new CustomResourceDefinitionStatus());
        crd.getStatus().setStoredVersions(new ArrayList<>());
        crd.getStatus().setAcceptedNames(new CustomResourceDefinitionNames());
        crd.getStatus().getAcceptedNames().setPlural("");
        crd.getStatus().getAcceptedNames().setKind("");
        addStorageVersion(crd);
    }

    @Override
    public void prepareForUpdate(CustomResourceDefinition crd, CustomResourceDefinition old) {
        crd.setStatus(old.getStatus() == null ? new CustomResourceDefinitionStatus() : old.getStatus());
        addStorageVersion(crd);
    }

    @Override
    public List<FieldError> validate(CustomResourceDefinition crd) {
        return CrdValidation.validate(crd);
    }

    @Override
    public List<FieldError> validateUpdate(CustomResourceDefinition crd, CustomResourceDefinition old) {
        return CrdValidation.validateUpdate(crd, old);
    }

    @Override
    public boolean tracksGeneration() {
        return true;
    }

    @Override
    public boolean specChanged(CustomResourceDefinition crd, CustomResourceDefinition old) {
        return !Objects.equals(crd.getSpec(), old.getSpec());
    }

    /** The first delete only marks the CRD: its instances go first, then the finalizer, then the CRD. */
    @Override
    public boolean holdsDeletion(CustomResourceDefinition crd) {
        return crd.getMetadata().getDeletionTimestamp() == null;
    }

    @Override
    public void prepareForDeletion(CustomResourceDefinition crd) {
        List<String> finalizers = new ArrayList<>(crd.getMetadata().getFinalizers());
        if (!finalizers.contains(CrdConditions.CLEANUP_FINALIZER)) {
            finalizers.add(CrdConditions.CLEANUP_FINALIZER);
        }
        crd.getMetadata().setFinalizers(finalizers);
        CrdConditions.set(crd, CrdConditions.TERMINATING, "True", "InstanceDeletionPending",
                "CustomResourceDefinition marked for deletion; CustomResource deletion will begin soon",
                crd.getMetadata().getDeletionTimestamp());
    }

    /** The v1 defaults: singular and listKind from the kind, conversion None, versions served as they say. */
    static void defaults(CustomResourceDefinition crd) {
        CustomResourceDefinitionSpec spec = crd.getSpec();
        if (spec == null) {
            return;
        }
        CustomResourceDefinitionNames names = spec.getNames();
        if (names != null && names.getKind() != null && !names.getKind().isEmpty()) {
            if (names.getSingular() == null || names.getSingular().isEmpty()) {
                names.setSingular(names.getKind().toLowerCase(Locale.ROOT));
            }
            if (names.getListKind() == null || names.getListKind().isEmpty()) {
                names.setListKind(names.getKind() + "List");
            }
        }
        if (spec.getConversion() == null) {
            spec.setConversion(new CustomResourceConversion());
        }
        if (spec.getConversion().getStrategy() == null || spec.getConversion().getStrategy().isEmpty()) {
            spec.getConversion().setStrategy("None");
        }
        ConversionWebhook.defaults(spec.getConversion());
        if (spec.getVersions() != null) {
            for (CustomResourceDefinitionVersion v : spec.getVersions()) {
                if (v.getServed() == null) {
                    v.setServed(false);
                }
                if (v.getStorage() == null) {
                    v.setStorage(false);
                }
            }
        }
    }

    private static void addStorageVersion(CustomResourceDefinition crd) {
        if (crd.getSpec() == null || crd.getSpec().getVersions() == null) {
            return;
        }
        for (CustomResourceDefinitionVersion v : crd.getSpec().getVersions()) {
            if (Boolean.TRUE.equals(v.getStorage())) {
                List<String> stored = crd.getStatus().getStoredVersions() == null ? new ArrayList<>()
                        : new ArrayList<>(crd.getStatus().getStoredVersions());
                if (!stored.contains(v.getName())) {
                    stored.add(v.getName());
                }
                crd.getStatus().setStoredVersions(stored);
                return;
            }
        }
    }
}
