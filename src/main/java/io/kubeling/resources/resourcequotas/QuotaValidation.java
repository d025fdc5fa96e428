package io.kubeling.resources.resourcequotas;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

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
    private static final Set<String> EXISTS_ONLY = Set.of("Terminating", "NotTerminating", "BestEffort",
            "NotBestEffort", "CrossNamespacePodAffinity");
    private static final Set<String> POD_COMPUTE = Set.of("cpu", "memory", "limits.cpu", "limits.memory",
            "requests.cpu", "requests.memory");
    private static final List<String> OPERATORS = List.of("DoesNotExist", "Exists", "In", "NotIn");

    private QuotaValidation() {
    }

    static void spec(List<FieldError> errs, ResourceQuotaSpec spec) {
        resources(errs, spec.getHard(), "spec.hard");
        scopes(errs, spec);
        if (spec.getScopeSelector() != null) {
            selector(errs, spec);
        }
    }

    /** kube's validateResourceQuotaScopes. */
    private static void scopes(List<FieldError> errs, ResourceQuotaSpec spec) {
        List<String> scopes = spec.getScopes() == null ? List.of() : spec.getScopes();
        for (String named : scopes) {
            String scope = named == null ? "" : named;
            if (!SCOPES.contains(scope)) {
                errs.add(FieldError.invalid("spec.scopes", goList(scopes), "unsupported scope"));
            }
            for (String resource : hardNames(spec)) {
                if (!validFor(scope, resource)) {
                    errs.add(FieldError.invalid("spec.scopes", goList(scopes), "unsupported scope applied to resource"));
                }
            }
        }
        if (conflicting(scopes)) {
            errs.add(FieldError.invalid("spec.scopes", goList(scopes), "conflicting scopes"));
        }
    }

    /** kube's validateScopedResourceSelectorRequirement. */
    private static void selector(List<FieldError> errs, ResourceQuotaSpec spec) {
        ScopeSelector selector = spec.getScopeSelector();
        List<ScopedResourceSelectorRequirement> expressions = selector.getMatchExpressions() == null ? List.of()
                : selector.getMatchExpressions();
        String path = "spec.scopeSelector.matchExpressions";
        List<String> names = new ArrayList<>();
        for (ScopedResourceSelectorRequirement given : expressions) {
            // a null entry decodes in Go as an empty requirement
            ScopedResourceSelectorRequirement r = given == null ? new ScopedResourceSelectorRequirement() : given;
            String scope = r.getScopeName() == null ? "" : r.getScopeName();
            if (!SCOPES.contains(scope)) {
                errs.add(FieldError.invalid(path + ".scopeName", scope, "unsupported scope"));
            }
            for (String resource : hardNames(spec)) {
                if (!validFor(scope, resource)) {
                    errs.add(FieldError.invalid(path, goSelector(expressions), "unsupported scope applied to resource"));
                }
            }
            String op = r.getOperator() == null ? "" : r.getOperator();
            if (EXISTS_ONLY.contains(scope) && !op.equals("Exists")) {
                errs.add(FieldError.invalid(path + ".operator", op, "must be 'Exist' when scope is any of "
                        + "ResourceQuotaScopeTerminating, ResourceQuotaScopeNotTerminating, ResourceQuotaScopeBestEffort, "
                        + "ResourceQuotaScopeNotBestEffort or ResourceQuotaScopeCrossNamespacePodAffinity"));
            }
            boolean values = r.getValues() != null && !r.getValues().isEmpty();
            if (!OPERATORS.contains(op)) {
                errs.add(FieldError.invalid(path + ".operator", op, "not a valid selector operator"));
            } else if ((op.equals("In") || op.equals("NotIn")) && !values) {
                errs.add(FieldError.required(path + ".values",
                        "must be at least one value when `operator` is 'In' or 'NotIn' for scope selector"));
            } else if ((op.equals("Exists") || op.equals("DoesNotExist")) && values) {
                errs.add(FieldError.invalid(path + ".values", goStrings(r.getValues()),
                        "must be no value when `operator` is 'Exist' or 'DoesNotExist' for scope selector"));
            }
            names.add(scope);
        }
        if (conflicting(names)) {
            // kube reports the spec's scopes list here, whatever it holds
            List<String> scopes = spec.getScopes() == null ? List.of() : spec.getScopes();
            errs.add(FieldError.invalid(path, goList(scopes), "conflicting scopes"));
        }
    }

    private static boolean conflicting(List<String> scopes) {
        return scopes.contains("Terminating") && scopes.contains("NotTerminating")
                || scopes.contains("BestEffort") && scopes.contains("NotBestEffort");
    }

    private static List<String> hardNames(ResourceQuotaSpec spec) {
        return spec.getHard() == null ? List.of() : new ArrayList<>(new TreeSet<>(spec.getHard().keySet()));
    }

    /** kube's IsResourceQuotaScopeValidForResource, for the standard resources it constrains. */
    private static boolean validFor(String scope, String resource) {
        if (!STANDARD.contains(resource) && !hugePages(resource)) {
            return true;
        }
        return switch (scope) {
            case "Terminating", "NotTerminating", "NotBestEffort", "PriorityClass", "CrossNamespacePodAffinity" ->
                resource.equals("pods") || POD_COMPUTE.contains(resource);
            case "BestEffort" -> resource.equals("pods");
            case "VolumeAttributesClass" -> resource.equals("persistentvolumeclaims")
                    || resource.equals("requests.storage");
            default -> true;
        };
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
        return values.isEmpty() ? goNil() : go("[]core.ResourceQuotaScope{" + quoted(values) + "}");
    }

    private static Object goNil() {
        return go("[]core.ResourceQuotaScope(nil)");
    }

    private static Object goStrings(List<String> values) {
        // an absent list decodes empty here, nil in Go
        return go(values == null || values.isEmpty() ? "[]string(nil)" : "[]string{" + quoted(values) + "}");
    }

    /** The selector as Go's %#v prints kube's internal type, which is how field errors show it. */
    private static Object goSelector(List<ScopedResourceSelectorRequirement> expressions) {
        List<String> parts = new ArrayList<>();
        for (ScopedResourceSelectorRequirement given : expressions) {
            ScopedResourceSelectorRequirement r = given == null ? new ScopedResourceSelectorRequirement() : given;
            parts.add("core.ScopedResourceSelectorRequirement{ScopeName:\"" + nullToEmpty(r.getScopeName())
                    + "\", Operator:\"" + nullToEmpty(r.getOperator()) + "\", Values:"
                    + goStrings(r.getValues())
                    + "}");
        }
        return go("core.ScopeSelector{MatchExpressions:[]core.ScopedResourceSelectorRequirement{"
                + String.join(", ", parts) + "}}");
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }

    private static String quoted(List<String> values) {
        return String.join(", ", values.stream().map(v -> "\"" + v + "\"").toList());
    }

    private static Object go(String text) {
        return new Object() {
            @Override
            public String toString() {
                return text;
            }
        };
    }
}
