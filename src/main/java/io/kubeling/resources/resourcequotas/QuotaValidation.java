package io.kubeling.resources.resourcequotas;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceQuotaSpec;
import io.fabric8.kubernetes.api.model.ScopeSelector;
import io.fabric8.kubernetes.api.model.ScopedResourceSelectorRequirement;
import io.kubeling.registry.validation.FieldError;
import io.kubeling.registry.validation.Names;
import io.kubeling.resources.persistentvolumes.StorageRules;
import io.kubeling.resources.pods.Quantities;

/** kube's ValidateResourceQuotaSpec and the checks of a quota's resource lists. */
final class QuotaValidation {

    static final Set<String> STANDARD = Set.of("cpu", "memory", "ephemeral-storage", "requests.cpu",
            "requests.memory", "requests.storage", "requests.ephemeral-storage", "limits.cpu", "limits.memory",
            "limits.ephemeral-storage", "pods", "services", "replicationcontrollers", "resourcequotas", "secrets",
            "persistentvolumeclaims", "configmaps", "services.nodeports", "services.loadbalancers");
    private static final Set<String> INTEGER = Set.of("pods", "services", "replicationcontrollers", "resourcequotas",
            "secrets", "configmaps", "persistentvolumeclaims", "services.nodeports", "services.loadbalancers");
    static final List<String> SCOPES = List.of("BestEffort", "CrossNamespacePodAffinity", "NotBestEffort",
            "NotTerminating", "PriorityClass", "Terminating", "VolumeAttributesClass");
    private static final List<String> OPERATORS = List.of("DoesNotExist", "Exists", "In", "NotIn");

    private QuotaValidation() {
    }

    static void spec(List<FieldError> errs, ResourceQuotaSpec spec) {
        resources(errs, spec.getHard(), "spec.hard");
        List<String> scopes = spec.getScopes() == null ? List.of() : spec.getScopes();
        for (String scope : scopes) {
            if (!SCOPES.contains(scope)) {
                errs.add(FieldError.invalid("spec.scopes", scope, "unsupported scope"));
            }
        }
        boolean terminating = scopes.contains("Terminating") && scopes.contains("NotTerminating");
        boolean bestEffort = scopes.contains("BestEffort") && scopes.contains("NotBestEffort");
        if (terminating || bestEffort) {
            errs.add(FieldError.invalid("spec.scopes", goList(scopes), "conflicting scopes"));
        }
        ScopeSelector selector = spec.getScopeSelector();
        if (selector != null && selector.getMatchExpressions() != null) {
            for (int i = 0; i < selector.getMatchExpressions().size(); i++) {
                ScopedResourceSelectorRequirement r = selector.getMatchExpressions().get(i);
                String path = "spec.scopeSelector.matchExpressions";
                if (!SCOPES.contains(r.getScopeName())) {
                    errs.add(FieldError.invalid(path + ".scopeName", r.getScopeName(), "unsupported scope"));
                }
                String op = r.getOperator() == null ? "" : r.getOperator();
                boolean values = r.getValues() != null && !r.getValues().isEmpty();
                if (!OPERATORS.contains(op)) {
                    errs.add(FieldError.invalid(path + ".operator", op, "not a valid selector operator"));
                } else if ((op.equals("In") || op.equals("NotIn")) && !values) {
                    errs.add(FieldError.required(path + ".values",
                            "must be at least one value when `operator` is 'In' or 'NotIn' for scope selector"));
                } else if ((op.equals("Exists") || op.equals("DoesNotExist")) && values) {
                    errs.add(FieldError.invalid(path + ".values", goList(r.getValues()),
                            "must be no value when `operator` is 'Exist' or 'DoesNotExist' for scope selector"));
                }
            }
        }
    }

    /** Each entry's name a quota resource, its quantity not negative and whole where it counts things. */
    static void resources(List<FieldError> errs, Map<String, Quantity> list, String path) {
        for (var e : StorageRules.sorted(list).entrySet()) {
            String key = e.getKey();
            String p = path + "[" + key + "]";
            List<String> invalid = Names.qualifiedName(key);
            invalid.forEach(m -> errs.add(FieldError.invalid(p, key, m)));
            if (invalid.isEmpty() && !key.contains("/") && !STANDARD.contains(key) && !hugePages(key)) {
                errs.add(FieldError.invalid(p, key, "must be a standard resource for quota"));
            }
            BigDecimal value = Quantities.value(e.getValue());
            if (value != null && value.signum() < 0) {
                errs.add(FieldError.invalid(p, Quantities.canonical(e.getValue()), "must be greater than or equal to 0"));
            }
            boolean integer = INTEGER.contains(key) || key.startsWith("count/") || key.startsWith("requests.")
                    && key.contains("/") && !key.contains("kubernetes.io/");
            if (integer && value != null && value.stripTrailingZeros().scale() > 0) {
                errs.add(FieldError.invalid(p, Quantities.canonical(e.getValue()), "must be an integer"));
            }
        }
    }

    private static boolean hugePages(String key) {
        return key.startsWith("requests.hugepages-") || key.startsWith("limits.hugepages-") || key.startsWith("hugepages-");
    }

    private static Object goList(List<String> values) {
        return new Object() {
            @Override
            public String toString() {
                return "[]core.ResourceQuotaScope{" + String.join(", ",
                        values.stream().map(v -> "\"" + v + "\"").toList()) + "}";
            }
        };
    }
}
