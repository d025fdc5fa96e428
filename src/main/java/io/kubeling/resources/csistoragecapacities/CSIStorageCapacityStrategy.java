package io.kubeling.resources.csistoragecapacities;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import io.fabric8.kubernetes.api.model.storage.CSIStorageCapacity;
import io.kubeling.registry.Strategy;
import io.kubeling.registry.validation.FieldError;
import io.kubeling.registry.validation.Names;
import io.kubeling.resources.common.LabelSelectors;
import io.kubeling.resources.common.SelectorText;
import io.kubeling.resources.pods.Quantities;

/**
 * kube's csiStorageCapacityStrategy: nothing to prepare, ValidateCSIStorageCapacity, and the inputs of the CSI
 * GetCapacity call it reports (nodeTopology, storageClassName) immutable.
 */
class CSIStorageCapacityStrategy implements Strategy<CSIStorageCapacity> {

    @Override
    public List<FieldError> validate(CSIStorageCapacity capacity) {
        List<FieldError> errs = new ArrayList<>(LabelSelectors.validate(capacity.getNodeTopology(), "nodeTopology"));
        String className = capacity.getStorageClassName() == null ? "" : capacity.getStorageClassName();
        Names.dns1123Subdomain(className).forEach(m -> errs.add(FieldError.invalid("storageClassName", className, m)));
        if (capacity.getCapacity() != null) {
            BigDecimal value = Quantities.value(capacity.getCapacity());
            if (value != null && value.signum() < 0) {
                errs.add(FieldError.invalid("capacity", Quantities.canonical(capacity.getCapacity()),
                        "must be greater than or equal to 0"));
            }
        }
        return errs;
    }

    @Override
    public List<FieldError> validateUpdate(CSIStorageCapacity capacity, CSIStorageCapacity old) {
        List<FieldError> errs = validate(capacity);
        if (!Objects.equals(normal(capacity), normal(old))) {
            errs.add(FieldError.invalid("nodeTopology", LabelSelectors.goSelector(capacity.getNodeTopology()),
                    "field is immutable"));
        }
        if (!Objects.equals(capacity.getStorageClassName(), old.getStorageClassName())) {
            errs.add(FieldError.invalid("storageClassName", capacity.getStorageClassName(), "field is immutable"));
        }
        return errs;
    }

    private static Object normal(CSIStorageCapacity capacity) {
        return capacity.getNodeTopology() == null ? null
                : SelectorText.rendered(capacity.getNodeTopology()).orElse(capacity.getNodeTopology().toString());
    }
}
