package io.kubeling.admission;

import java.util.List;
import java.util.Map;
import java.util.function.Function;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.MatchResources;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.NamedRuleWithOperations;
import io.kubeling.registry.AdmissionRequest;
import io.kubeling.registry.ResourceDefinition;
import io.kubeling.resources.common.LabelSelectors;

/**
 * Whether a policy's matchConstraints or a binding's matchResources take a request, as kube's policy matcher
 * decides: the namespace and object selectors as for webhooks, then no excludeResourceRules and one of the
 * resourceRules (with its resourceNames, if any) matching; no resourceRules matches every resource. matchPolicy
 * Equivalent is matched as Exact: a request made through another version of a resource (a custom resource's other
 * versions) is not matched, where kube would match it and convert the object to the version the rule names.
 */
final class PolicyMatch {

    private PolicyMatch() {
    }

    /** {@code namespaceLabels} reads a namespace's labels, or throws its 404. */
    static boolean matches(MatchResources match, AdmissionRequest<?> request,
            Function<String, Map<String, String>> namespaceLabels) {
        if (!namespaceMatches(match.getNamespaceSelector(), request, namespaceLabels)
                || !objectMatches(match.getObjectSelector(), request)) {
            return false;
        }
        if (anyRuleMatches(match.getExcludeResourceRules(), request)) {
            return false;
        }
        List<NamedRuleWithOperations> rules = match.getResourceRules();
        return rules == null || rules.isEmpty() || anyRuleMatches(rules, request);
    }

    private static boolean anyRuleMatches(List<NamedRuleWithOperations> rules, AdmissionRequest<?> request) {
        if (rules == null) {
            return false;
        }
        for (NamedRuleWithOperations rule : rules) {
            if (ruleMatches(rule, request) && (rule.getResourceNames() == null || rule.getResourceNames().isEmpty()
                    || rule.getResourceNames().contains(request.name()))) {
                return true;
            }
        }
        return false;
    }

    private static boolean ruleMatches(NamedRuleWithOperations rule, AdmissionRequest<?> request) {
        ResourceDefinition<?> def = request.resource();
        return scopeMatches(rule.getScope(), request)
                && anyOrEqual(rule.getOperations(), request.operation().name())
                && anyOrEqual(rule.getApiGroups(), def.group())
                && anyOrEqual(rule.getApiVersions(), def.version())
                && resourceMatches(rule.getResources(), def.plural(),
                        request.subresource() == null ? "" : request.subresource());
    }

    private static boolean scopeMatches(String scope, AdmissionRequest<?> request) {
        boolean namespaceObject = isNamespaces(request.resource());
        return switch (scope == null ? "*" : scope) {
            case "Namespaced" -> !namespaceObject && request.resource().namespaced();
            case "Cluster" -> namespaceObject || !request.resource().namespaced();
            default -> true;
        };
    }

    private static boolean anyOrEqual(List<String> values, String value) {
        return values != null && (values.contains("*") || values.contains(value));
    }

    /** kube's rule matcher: {@code *} covers every resource but no subresource, {@code * / *} both. */
    private static boolean resourceMatches(List<String> resources, String resource, String subresource) {
        if (resources == null) {
            return false;
        }
        for (String entry : resources) {
            int slash = entry.indexOf('/');
            String res = slash < 0 ? entry : entry.substring(0, slash);
            String sub = slash < 0 ? "" : entry.substring(slash + 1);
            if ((res.equals("*") || res.equals(resource)) && (sub.equals("*") || sub.equals(subresource))) {
                return true;
            }
        }
        return false;
    }

    private static boolean namespaceMatches(LabelSelector selector, AdmissionRequest<?> request,
            Function<String, Map<String, String>> namespaceLabels) {
        boolean namespaceObject = isNamespaces(request.resource());
        if (!request.resource().namespaced() && !namespaceObject) {
            return true;
        }
        if (LabelSelectors.isEmpty(selector)) {
            return true;
        }
        Map<String, String> labels;
        if (namespaceObject && request.subresource() == null && request.object() != null) {
            labels = request.object().getMetadata().getLabels();
        } else {
            labels = namespaceLabels.apply(namespaceObject ? request.name() : request.namespace());
        }
        return LabelSelectors.matches(selector, labels);
    }

    private static boolean objectMatches(LabelSelector selector, AdmissionRequest<?> request) {
        if (LabelSelectors.isEmpty(selector)) {
            return true;
        }
        return labelsMatch(selector, request.object()) || labelsMatch(selector, request.oldObject());
    }

    private static boolean labelsMatch(LabelSelector selector, HasMetadata object) {
        return object != null && object.getMetadata() != null
                && LabelSelectors.matches(selector, object.getMetadata().getLabels());
    }

    static boolean isNamespaces(ResourceDefinition<?> resource) {
        return resource.group().isEmpty() && resource.plural().equals("namespaces");
    }
}
