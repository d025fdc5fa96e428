package io.kubeling.resources.storageclasses;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import io.fabric8.kubernetes.api.model.storage.StorageClass;
import io.kubeling.registry.Strategy;
import io.kubeling.registry.validation.FieldError;
import io.kubeling.registry.validation.Names;

/**
 * kube's storageClassStrategy: Delete and Immediate by default, ValidateStorageClass, and a provisioner,
 * parameters, reclaim policy and binding mode that never change.
 */
class StorageClassStrategy implements Strategy<StorageClass> {

    private static final List<String> RECLAIM = List.of("Delete", "Retain");
    private static final List<String> BINDING = List.of("Immediate", "WaitForFirstConsumer");
    private static final int MAX_PARAMETERS = 256 * 1024;

    @Override
    public void applyDefaults(StorageClass sc) {
        if (sc.getReclaimPolicy() == null) {
            sc.setReclaimPolicy("Delete");
        }
        if (sc.getVolumeBindingMode() == null) {
            sc.setVolumeBindingMode("Immediate");
        }
    }

    @Override
    public List<FieldError> validate(StorageClass sc) {
        List<FieldError> errs = new ArrayList<>();
        provisioner(errs, sc.getProvisioner(), "provisioner");
        Map<String, String> parameters = sc.getParameters() == null ? Map.of() : sc.getParameters();
        long size = 0;
        for (var e : new java.util.TreeMap<>(parameters).entrySet()) {
            if (e.getKey().isEmpty()) {
                errs.add(FieldError.invalid("parameters", e.getKey(), "field can not be empty."));
            }
            size += e.getKey().getBytes(StandardCharsets.UTF_8).length
                    + Objects.toString(e.getValue(), "").getBytes(StandardCharsets.UTF_8).length;
        }
        if (size > MAX_PARAMETERS) {
            errs.add(FieldError.tooLong("parameters", MAX_PARAMETERS));
        }
        if (!RECLAIM.contains(sc.getReclaimPolicy())) {
            errs.add(FieldError.notSupported("reclaimPolicy", sc.getReclaimPolicy(), RECLAIM));
        }
        if (!BINDING.contains(sc.getVolumeBindingMode())) {
            errs.add(FieldError.notSupported("volumeBindingMode", sc.getVolumeBindingMode(), BINDING));
        }
        return errs;
    }

    /** validateProvisioner: required, at most 63 characters, a qualified name once lower-cased. */
    static void provisioner(List<FieldError> errs, String provisioner, String path) {
        if (provisioner == null || provisioner.isEmpty()) {
            errs.add(FieldError.required(path, ""));
            return;
        }
        if (provisioner.length() > 63) {
            errs.add(FieldError.tooLong(path, 63));
        }
        for (String msg : Names.qualifiedName(provisioner.toLowerCase(java.util.Locale.ROOT))) {
            errs.add(FieldError.invalid(path, provisioner, msg));
        }
    }

    @Override
    public List<FieldError> validateUpdate(StorageClass sc, StorageClass old) {
        List<FieldError> errs = validate(sc);
        Map<String, String> parameters = sc.getParameters() == null ? Map.of() : sc.getParameters();
        Map<String, String> oldParameters = old.getParameters() == null ? Map.of() : old.getParameters();
        if (!parameters.equals(oldParameters)) {
            errs.add(FieldError.forbidden("parameters", "updates to parameters are forbidden."));
        }
        if (!Objects.equals(sc.getProvisioner(), old.getProvisioner())) {
            errs.add(FieldError.forbidden("provisioner", "updates to provisioner are forbidden."));
        }
        if (!Objects.equals(sc.getReclaimPolicy(), old.getReclaimPolicy())) {
            errs.add(FieldError.forbidden("reclaimPolicy", "updates to reclaimPolicy are forbidden."));
        }
        if (!Objects.equals(sc.getVolumeBindingMode(), old.getVolumeBindingMode())) {
            errs.add(FieldError.invalid("volumeBindingMode", sc.getVolumeBindingMode(), "field is immutable"));
        }
        return errs;
    }
}
