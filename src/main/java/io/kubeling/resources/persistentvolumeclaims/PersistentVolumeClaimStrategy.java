package io.kubeling.resources.persistentvolumeclaims;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimSpec;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimStatus;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.VolumeResourceRequirements;
import io.kubeling.registry.Strategy;
import io.kubeling.registry.validation.FieldError;
import io.kubeling.resources.common.LabelSelectors;
import io.kubeling.resources.persistentvolumes.StorageRules;
import io.kubeling.resources.pods.Quantities;

/**
 * kube's persistentvolumeclaimStrategy: Filesystem by default, a Pending status on create, and a spec that
 * is immutable once created but for the volume name (set once, by the binder) and a larger storage request.
 */
class PersistentVolumeClaimStrategy implements Strategy<PersistentVolumeClaim> {

    static final String STORAGE_CLASS_ANNOTATION = "volume.beta.kubernetes.io/storage-class";

    @Override
    public void applyDefaults(PersistentVolumeClaim pvc) {
        if (pvc.getSpec() == null) {
            pvc.setSpec(new PersistentVolumeClaimSpec());
        }
        if (pvc.getSpec().getVolumeMode() == null) {
            pvc.getSpec().setVolumeMode("Filesystem");
        }
    }

    @Override
    public void prepareForCreate(PersistentVolumeClaim pvc) {
        PersistentVolumeClaimStatus status = new PersistentVolumeClaimStatus();
        status.setPhase("Pending");
        pvc.setStatus(status);
    }

    @Override
    public List<FieldError> validate(PersistentVolumeClaim pvc) {
        PersistentVolumeClaimSpec spec = pvc.getSpec();
        List<FieldError> errs = new ArrayList<>();
        List<String> modes = spec.getAccessModes() == null ? List.of() : spec.getAccessModes();
        if (modes.isEmpty()) {
            errs.add(FieldError.required("spec.accessModes", "at least 1 access mode is required"));
        }
        if (spec.getSelector() != null) {
            errs.addAll(LabelSelectors.validate(spec.getSelector(), "spec.selector"));
        }
        StorageRules.accessModes(errs, modes, "spec.accessModes");
        Map<String, Quantity> requests = requests(spec);
        Quantity storage = requests.get("storage");
        if (storage == null) {
            errs.add(FieldError.required("spec.resources[storage]", ""));
        } else {
            StorageRules.positive(errs, storage, "spec.resources[storage]");
        }
        StorageRules.className(errs, spec.getStorageClassName(), "spec.storageClassName");
        if (spec.getVolumeMode() != null && !StorageRules.VOLUME_MODES.contains(spec.getVolumeMode())) {
            errs.add(FieldError.notSupported("spec.volumeMode", spec.getVolumeMode(), StorageRules.VOLUME_MODES));
        }
        if (spec.getDataSource() != null) {
            dataSource(errs, spec.getDataSource().getName(), spec.getDataSource().getKind(),
                    spec.getDataSource().getApiGroup(), "spec.dataSource");
        }
        if (spec.getDataSourceRef() != null) {
            dataSource(errs, spec.getDataSourceRef().getName(), spec.getDataSourceRef().getKind(),
                    spec.getDataSourceRef().getApiGroup(), "spec.dataSourceRef");
        }
        return errs;
    }

    private static void dataSource(List<FieldError> errs, String name, String kind, String group, String path) {
        if (name == null || name.isEmpty()) {
            errs.add(FieldError.required(path + ".name", ""));
        }
        if (kind == null || kind.isEmpty()) {
            errs.add(FieldError.required(path + ".kind", ""));
        }
        if ((group == null || group.isEmpty()) && !"PersistentVolumeClaim".equals(kind)) {
            errs.add(FieldError.invalid(path, kind == null ? "" : kind,
                    "must be 'PersistentVolumeClaim' when referencing the default apiGroup"));
        }
    }

    @Override
    public void prepareForUpdate(PersistentVolumeClaim pvc, PersistentVolumeClaim old) {
        pvc.setStatus(old.getStatus());
    }

    @Override
    public List<FieldError> validateUpdate(PersistentVolumeClaim pvc, PersistentVolumeClaim old) {
        List<FieldError> errs = validate(pvc);
        PersistentVolumeClaimSpec now = copy(pvc.getSpec());
        PersistentVolumeClaimSpec before = copy(old.getSpec());
        if (before.getVolumeName() == null || before.getVolumeName().isEmpty()) {
            before.setVolumeName(now.getVolumeName());
        }
        // a claim's class may be set once when it had none
        if (before.getStorageClassName() == null && now.getStorageClassName() != null) {
            String annotated = annotation(old);
            if (annotated == null || annotated.equals(now.getStorageClassName())) {
                before.setStorageClassName(now.getStorageClassName());
            }
        }
        boolean bound = old.getStatus() != null && "Bound".equals(old.getStatus().getPhase());
        if (bound) {
            requests(now).put("storage", requests(before).get("storage"));
        }
        now.setVolumeAttributesClassName(before.getVolumeAttributesClassName());
        if (!Objects.equals(normal(now), normal(before))) {
            errs.add(FieldError.forbidden("spec", "spec is immutable after creation except resources.requests and "
                    + "volumeAttributesClassName for bound claims"));
        }
        if (!Objects.equals(annotation(pvc), annotation(old))) {
            errs.add(FieldError.invalid("metadata.annotations[" + STORAGE_CLASS_ANNOTATION + "]",
                    annotation(pvc) == null ? "" : annotation(pvc), "field is immutable"));
        }
        BigDecimal newSize = StorageRules.storage(requests(pvc.getSpec()));
        BigDecimal oldSize = StorageRules.storage(requests(old.getSpec()));
        // RecoverVolumeExpansionFailure (on by default since 1.32): a request may come back down towards what the
        // claim has, to undo a failed expansion, but not to its capacity or below
        BigDecimal statusSize = old.getStatus() == null ? null : StorageRules.storage(old.getStatus().getCapacity());
        if (newSize != null && oldSize != null && newSize.compareTo(oldSize) < 0
                && newSize.compareTo(statusSize == null ? BigDecimal.ZERO : statusSize) <= 0) {
            errs.add(FieldError.forbidden("spec.resources.requests.storage",
                    "field can not be less than status.capacity"));
        }
        if (!Objects.equals(pvc.getSpec().getVolumeMode(), old.getSpec().getVolumeMode())) {
            errs.add(FieldError.invalid("volumeMode", pvc.getSpec().getVolumeMode(), "field is immutable"));
        }
        return errs;
    }

    private static String annotation(PersistentVolumeClaim pvc) {
        Map<String, String> a = pvc.getMetadata().getAnnotations();
        return a == null ? null : a.get(STORAGE_CLASS_ANNOTATION);
    }

    private static PersistentVolumeClaimSpec copy(PersistentVolumeClaimSpec spec) {
        PersistentVolumeClaimSpec c = new PersistentVolumeClaimSpec(spec.getAccessModes(), spec.getDataSource(),
                spec.getDataSourceRef(), null, spec.getSelector(), spec.getStorageClassName(),
                spec.getVolumeAttributesClassName(), spec.getVolumeMode(), spec.getVolumeName());
        VolumeResourceRequirements r = new VolumeResourceRequirements();
        r.setLimits(spec.getResources() == null ? null : spec.getResources().getLimits());
        r.setRequests(new java.util.HashMap<>(requests(spec)));
        c.setResources(r);
        return c;
    }

    /** The spec with quantities compared by value, as kube's semantic equality compares them. */
    private static String normal(PersistentVolumeClaimSpec spec) {
        Map<String, String> requests = new java.util.TreeMap<>();
        requests(spec).forEach((k, v) -> requests.put(k, v == null ? null : String.valueOf(Quantities.value(v))));
        PersistentVolumeClaimSpec c = copy(spec);
        c.setResources(null);
        return c + "|" + requests + "|" + (spec.getResources() == null ? null : spec.getResources().getLimits());
    }

    static Map<String, Quantity> requests(PersistentVolumeClaimSpec spec) {
        if (spec.getResources() == null) {
            spec.setResources(new VolumeResourceRequirements());
        }
        if (spec.getResources().getRequests() == null) {
            spec.getResources().setRequests(new java.util.LinkedHashMap<>());
        }
        return spec.getResources().getRequests();
    }

    @Override
    public Map<String, String> selectableFields(PersistentVolumeClaim pvc) {
        return Map.of("name", Objects.toString(pvc.getMetadata().getName(), ""));
    }
}
