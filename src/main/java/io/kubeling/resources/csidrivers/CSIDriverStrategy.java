package io.kubeling.resources.csidrivers;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import io.fabric8.kubernetes.api.model.storage.CSIDriver;
import io.fabric8.kubernetes.api.model.storage.CSIDriverSpec;
import io.fabric8.kubernetes.api.model.storage.TokenRequest;
import io.kubeling.registry.Strategy;
import io.kubeling.registry.validation.FieldError;

/**
 * kube's csiDriverStrategy: the v1 defaults (attach required, Persistent volumes, ReadWriteOnceWithFSType) and
 * ValidateCSIDriver; attachRequired, the lifecycle modes and the fsGroup policy never change.
 */
class CSIDriverStrategy implements Strategy<CSIDriver> {

    private static final List<String> MODES = List.of("Ephemeral", "Persistent");
    private static final List<String> FS_GROUP = List.of("File", "None", "ReadWriteOnceWithFSType");

    @Override
    public void applyDefaults(CSIDriver driver) {
        if (driver.getSpec() == null) {
            driver.setSpec(new CSIDriverSpec());
        }
        CSIDriverSpec spec = driver.getSpec();
        if (spec.getAttachRequired() == null) {
            spec.setAttachRequired(true);
        }
        if (spec.getPodInfoOnMount() == null) {
            spec.setPodInfoOnMount(false);
        }
        if (spec.getStorageCapacity() == null) {
            spec.setStorageCapacity(false);
        }
        if (spec.getFsGroupPolicy() == null) {
            spec.setFsGroupPolicy("ReadWriteOnceWithFSType");
        }
        if (spec.getVolumeLifecycleModes() == null || spec.getVolumeLifecycleModes().isEmpty()) {
            spec.setVolumeLifecycleModes(new ArrayList<>(List.of("Persistent")));
        }
        if (spec.getRequiresRepublish() == null) {
            spec.setRequiresRepublish(false);
        }
        if (spec.getSeLinuxMount() == null) {
            spec.setSeLinuxMount(false);
        }
    }

    @Override
    public List<FieldError> validate(CSIDriver driver) {
        CSIDriverSpec spec = driver.getSpec();
        List<FieldError> errs = new ArrayList<>();
        if (spec.getAttachRequired() == null) {
            errs.add(FieldError.required("spec.attachedRequired", ""));
        }
        if (spec.getFsGroupPolicy() != null && !FS_GROUP.contains(spec.getFsGroupPolicy())) {
            errs.add(FieldError.notSupported("spec.fsGroupPolicy", spec.getFsGroupPolicy(), FS_GROUP));
        }
        if (spec.getPodInfoOnMount() == null) {
            errs.add(FieldError.required("spec.podInfoOnMount", ""));
        }
        List<String> modes = spec.getVolumeLifecycleModes() == null ? List.of() : spec.getVolumeLifecycleModes();
        for (String mode : modes) {
            if (!MODES.contains(mode)) {
                errs.add(FieldError.notSupported("spec.volumeLifecycleModes", mode, MODES));
            }
        }
        if (spec.getStorageCapacity() == null) {
            errs.add(FieldError.required("spec.storageCapacity", ""));
        }
        List<TokenRequest> tokens = spec.getTokenRequests() == null ? List.of() : spec.getTokenRequests();
        java.util.Set<String> audiences = new java.util.HashSet<>();
        for (int i = 0; i < tokens.size(); i++) {
            TokenRequest t = tokens.get(i);
            String audience = t.getAudience() == null ? "" : t.getAudience();
            if (!audiences.add(audience)) {
                errs.add(FieldError.duplicate("spec.tokenRequests[" + i + "].audience", audience));
            }
            if (t.getExpirationSeconds() != null) {
                long s = t.getExpirationSeconds();
                if (s < 600) {
                    errs.add(FieldError.invalid("spec.tokenRequests[" + i + "].expirationSeconds", s,
                            "may not specify a duration less than 10 minutes"));
                } else if (s > (1L << 32)) {
                    errs.add(FieldError.invalid("spec.tokenRequests[" + i + "].expirationSeconds", s,
                            "may not specify a duration larger than 2^32 seconds"));
                }
            }
        }
        return errs;
    }

    @Override
    public List<FieldError> validateUpdate(CSIDriver driver, CSIDriver old) {
        List<FieldError> errs = validate(driver);
        if (!Objects.equals(driver.getSpec().getAttachRequired(), old.getSpec().getAttachRequired())) {
            errs.add(FieldError.invalid("spec.attachRequired", driver.getSpec().getAttachRequired(), "field is immutable"));
        }
        if (!Objects.equals(driver.getSpec().getFsGroupPolicy(), old.getSpec().getFsGroupPolicy())) {
            errs.add(FieldError.invalid("spec.fsGroupPolicy", driver.getSpec().getFsGroupPolicy(), "field is immutable"));
        }
        if (!Objects.equals(driver.getSpec().getVolumeLifecycleModes(), old.getSpec().getVolumeLifecycleModes())) {
            errs.add(FieldError.invalid("spec.volumeLifecycleModes", goList(driver.getSpec().getVolumeLifecycleModes()),
                    "field is immutable"));
        }
        return errs;
    }

    private static Object goList(List<String> values) {
        String text = "[]storage.VolumeLifecycleMode{" + String.join(", ",
                (values == null ? List.<String>of() : values).stream().map(v -> "\"" + v + "\"").toList()) + "}";
        return new Object() {
            @Override
            public String toString() {
                return text;
            }
        };
    }
}
