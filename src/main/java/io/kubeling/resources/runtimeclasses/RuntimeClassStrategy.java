package io.kubeling.resources.runtimeclasses;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

import io.fabric8.kubernetes.api.model.node.v1.RuntimeClass;
import io.fabric8.kubernetes.api.model.node.v1.Scheduling;
import io.kubeling.registry.Strategy;
import io.kubeling.registry.validation.FieldError;
import io.kubeling.registry.validation.Names;

/** kube's ValidateRuntimeClass: a DNS label handler, immutable, and valid scheduling labels. */
class RuntimeClassStrategy implements Strategy<RuntimeClass> {

    @Override
    public List<FieldError> validate(RuntimeClass runtimeClass) {
        List<FieldError> errs = new ArrayList<>();
        String handler = Objects.requireNonNullElse(runtimeClass.getHandler(), "");
        for (String message : Names.dns1123Label(handler)) {
            errs.add(FieldError.invalid("handler", handler, message));
        }
        Scheduling scheduling = runtimeClass.getScheduling();
        if (scheduling != null && scheduling.getNodeSelector() != null) {
            for (Map.Entry<String, String> label : new TreeMap<>(scheduling.getNodeSelector()).entrySet()) {
                for (String message : Names.qualifiedName(label.getKey())) {
                    errs.add(FieldError.invalid("scheduling.nodeSelector", label.getKey(), message));
                }
                String value = Objects.requireNonNullElse(label.getValue(), "");
                for (String message : Names.labelValue(value)) {
                    errs.add(FieldError.invalid("scheduling.nodeSelector", value, message));
                }
            }
        }
        return errs;
    }

    @Override
    public List<FieldError> validateUpdate(RuntimeClass runtimeClass, RuntimeClass old) {
        List<FieldError> errs = new ArrayList<>();
        if (!Objects.equals(runtimeClass.getHandler(), old.getHandler())) {
            errs.add(FieldError.invalid("handler", Objects.requireNonNullElse(runtimeClass.getHandler(), ""),
                    "field is immutable"));
        }
        return errs;
    }
}
