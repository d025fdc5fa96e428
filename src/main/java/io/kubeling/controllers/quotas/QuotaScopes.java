package io.kubeling.controllers.quotas;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import io.fabric8.kubernetes.api.model.Affinity;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodAffinityTerm;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceQuota;
import io.fabric8.kubernetes.api.model.ScopedResourceSelectorRequirement;
import io.fabric8.kubernetes.api.model.WeightedPodAffinityTerm;
import io.kubeling.resources.pods.Quantities;

/**
 * Which objects a scoped quota counts, as kube's pod evaluator matches them: {@code spec.scopes} are
 * {@code Exists} requirements, ANDed with {@code spec.scopeSelector}'s. Only pods match a scoped quota.
 */
final class QuotaScopes {

    private QuotaScopes() {
    }

    /** kube's getScopeSelectorsFromQuota: the scopes as Exists requirements, then the selector's. */
    static List<ScopedResourceSelectorRequirement> of(ResourceQuota quota) {
        List<ScopedResourceSelectorRequirement> all = new ArrayList<>();
        if (quota.getSpec() == null) {
            return all;
        }
        if (quota.getSpec().getScopes() != null) {
            quota.getSpec().getScopes().forEach(s -> all.add(new ScopedResourceSelectorRequirement("Exists", s, null)));
        }
        if (quota.getSpec().getScopeSelector() != null && quota.getSpec().getScopeSelector().getMatchExpressions() != null) {
            quota.getSpec().getScopeSelector().getMatchExpressions()
                    .forEach(r -> all.add(r == null ? new ScopedResourceSelectorRequirement() : r));
        }
        return all;
    }

    static boolean matches(HasMetadata object, List<ScopedResourceSelectorRequirement> scopes) {
        for (ScopedResourceSelectorRequirement scope : scopes) {
            if (!(object instanceof Pod pod) || !matches(pod, scope)) {
                return false;
            }
        }
        return true;
    }

    private static boolean matches(Pod pod, ScopedResourceSelectorRequirement scope) {
        String name = scope.getScopeName() == null ? "" : scope.getScopeName();
        return switch (name) {
            case "Terminating" -> terminating(pod);
            case "NotTerminating" -> !terminating(pod);
            case "BestEffort" -> bestEffort(pod);
            case "NotBestEffort" -> !bestEffort(pod);
            case "PriorityClass" -> priorityClass(pod, scope);
            case "CrossNamespacePodAffinity" -> crossNamespaceAffinity(pod);
            default -> false;
        };
    }

    private static boolean terminating(Pod pod) {
        Long deadline = pod.getSpec().getActiveDeadlineSeconds();
        return deadline != null && deadline >= 0;
    }

    /** kube's GetPodQOS: no container asks for or limits cpu or memory. */
    private static boolean bestEffort(Pod pod) {
        List<Container> init = pod.getSpec().getInitContainers() == null ? List.of() : pod.getSpec().getInitContainers();
        return Stream.concat(pod.getSpec().getContainers().stream(), init.stream()).noneMatch(c -> c.getResources() != null
                && (positive(c.getResources().getRequests()) || positive(c.getResources().getLimits())));
    }

    private static boolean positive(Map<String, Quantity> list) {
        if (list == null) {
            return false;
        }
        for (String resource : List.of("cpu", "memory")) {
            BigDecimal v = Quantities.value(list.get(resource));
            if (v != null && v.signum() > 0) {
                return true;
            }
        }
        return false;
    }

    /**
     * The class name matched as the value of a label named {@code PriorityClass}, which a pod carries only when it
     * names a class: {@code NotIn} and {@code DoesNotExist} match the pods that name none.
     */
    private static boolean priorityClass(Pod pod, ScopedResourceSelectorRequirement scope) {
        String value = pod.getSpec().getPriorityClassName() == null ? "" : pod.getSpec().getPriorityClassName();
        List<String> values = scope.getValues() == null ? List.of() : scope.getValues();
        return switch (scope.getOperator() == null ? "" : scope.getOperator()) {
            case "Exists" -> !value.isEmpty();
            case "DoesNotExist" -> value.isEmpty();
            case "In" -> !value.isEmpty() && values.contains(value);
            case "NotIn" -> value.isEmpty() || !values.contains(value);
            default -> false;
        };
    }

    private static boolean crossNamespaceAffinity(Pod pod) {
        Affinity affinity = pod.getSpec().getAffinity();
        if (affinity == null) {
            return false;
        }
        List<PodAffinityTerm> terms = new ArrayList<>();
        if (affinity.getPodAffinity() != null) {
            terms(terms, affinity.getPodAffinity().getRequiredDuringSchedulingIgnoredDuringExecution(),
                    affinity.getPodAffinity().getPreferredDuringSchedulingIgnoredDuringExecution());
        }
        if (affinity.getPodAntiAffinity() != null) {
            terms(terms, affinity.getPodAntiAffinity().getRequiredDuringSchedulingIgnoredDuringExecution(),
                    affinity.getPodAntiAffinity().getPreferredDuringSchedulingIgnoredDuringExecution());
        }
        return terms.stream().anyMatch(t -> t.getNamespaceSelector() != null
                || t.getNamespaces() != null && !t.getNamespaces().isEmpty());
    }

    private static void terms(List<PodAffinityTerm> into, List<PodAffinityTerm> required,
            List<WeightedPodAffinityTerm> preferred) {
        if (required != null) {
            into.addAll(required);
        }
        if (preferred != null) {
            preferred.stream().map(WeightedPodAffinityTerm::getPodAffinityTerm).filter(t -> t != null).forEach(into::add);
        }
    }
}
