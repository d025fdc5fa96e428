package io.kubeling.resources.pods;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import io.fabric8.kubernetes.api.model.Toleration;
import io.kubeling.registry.validation.FieldError;
import io.kubeling.registry.validation.Names;

/** kube's ValidateTolerations, and the update rule that existing tolerations stay as they are. */
final class TolerationValidation {

    private static final List<String> EFFECTS = List.of("NoSchedule", "PreferNoSchedule", "NoExecute");

    private TolerationValidation() {
    }

    static List<FieldError> validate(List<Toleration> tolerations, String path) {
        List<FieldError> errs = new ArrayList<>();
        for (int i = 0; i < tolerations.size(); i++) {
            Toleration t = tolerations.get(i);
            String p = path + "[" + i + "]";
            String key = PodDefaults.nullToEmpty(t.getKey());
            String operator = PodDefaults.nullToEmpty(t.getOperator());
            String value = PodDefaults.nullToEmpty(t.getValue());
            String effect = PodDefaults.nullToEmpty(t.getEffect());
            if (!key.isEmpty()) {
                Names.qualifiedName(key).forEach(m -> errs.add(FieldError.invalid(p + ".key", key, m)));
            }
            if (key.isEmpty() && !operator.equals("Exists")) {
                errs.add(FieldError.invalid(p + ".operator", operator,
                        "operator must be Exists when `key` is empty, which means \"match all values and all keys\""));
            }
            if (t.getTolerationSeconds() != null && !effect.equals("NoExecute")) {
                errs.add(FieldError.invalid(p + ".effect", effect,
                        "effect must be 'NoExecute' when `tolerationSeconds` is set"));
            }
            switch (operator) {
                case "Equal", "" -> {
                    List<String> msgs = Names.labelValue(value);
                    if (!msgs.isEmpty()) {
                        errs.add(FieldError.invalid(p + ".operator", value, String.join(";", msgs)));
                    }
                }
                case "Exists" -> {
                    if (!value.isEmpty()) {
                        errs.add(FieldError.invalid(p + ".operator", value,
                                "value must be empty when `operator` is 'Exists'"));
                    }
                }
                default -> errs.add(FieldError.notSupported(p + ".operator", operator, List.of("Equal", "Exists")));
            }
            if (!effect.isEmpty() && !EFFECTS.contains(effect)) {
                errs.add(FieldError.notSupported(p + ".effect", effect, EFFECTS));
            }
        }
        return errs;
    }

    /**
     * An update may add tolerations and change the tolerationSeconds of existing ones, nothing else;
     * the new list is then validated as a whole.
     */
    static List<FieldError> onlyAdded(List<Toleration> updated, List<Toleration> old, String path) {
        for (Toleration o : old) {
            boolean found = updated.stream().anyMatch(n -> sameExceptSeconds(o, n));
            if (!found) {
                return List.of(FieldError.forbidden(path,
                        "existing toleration can not be modified except its tolerationSeconds"));
            }
        }
        return validate(updated, path);
    }

    private static boolean sameExceptSeconds(Toleration a, Toleration b) {
        return PodDefaults.nullToEmpty(a.getKey()).equals(PodDefaults.nullToEmpty(b.getKey()))
                && PodDefaults.nullToEmpty(a.getOperator()).equals(PodDefaults.nullToEmpty(b.getOperator()))
                && PodDefaults.nullToEmpty(a.getValue()).equals(PodDefaults.nullToEmpty(b.getValue()))
                && Objects.equals(PodDefaults.nullToEmpty(a.getEffect()), PodDefaults.nullToEmpty(b.getEffect()));
    }
}
