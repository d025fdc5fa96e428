package io.kubeling.admission;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;

import io.fabric8.kubernetes.api.model.admissionregistration.v1.MatchResources;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.NamedRuleWithOperations;
import io.kubeling.registry.AdmissionRequest;
import io.kubeling.registry.ResourceDefinition;

/**
 * Whether a policy's matchConstraints or a binding's matchResources take a request, as kube's policy matcher
 * decides: the namespace and object selectors as for webhooks, then no excludeResourceRules and one of the
 * resourceRules (with its resourceNames, if any) matching; no resourceRules matches every resource. Under
 * matchPolicy Equivalent a rule may match an equivalent resource of the request's, as {@link ResourceRules} finds
 * it, and the policy then sees the object in that version.
 */
final class PolicyMatch {

    private PolicyMatch() {
    }

    /**
     * The resource the request is matched as (its own, or the equivalent one a rule names), or null when it is not
     * matched; {@code namespaceLabels} reads a namespace's labels, or throws its 404; {@code equivalents} are the
     * resources served from the request's resource's storage, its own included.
     */
    static ResourceDefinition<?> matches(MatchResources match, AdmissionRequest<?> request,
            Function<String, Map<String, String>> namespaceLabels, Supplier<List<ResourceDefinition<?>>> equivalents) {
        if (!SelectorMatch.namespace(match.getNamespaceSelector(), request, namespaceLabels)
                || !SelectorMatch.object(match.getObjectSelector(), request)) {
            return null;
        }
        boolean equivalent = "Equivalent".equals(match.getMatchPolicy());
        if (matchedAs(match.getExcludeResourceRules(), request, equivalent, equivalents) != null) {
            return null;
        }
        List<NamedRuleWithOperations> rules = match.getResourceRules();
        if (rules == null || rules.isEmpty()) {
            return request.resource();
        }
        return matchedAs(rules, request, equivalent, equivalents);
    }

    private static ResourceDefinition<?> matchedAs(List<NamedRuleWithOperations> rules, AdmissionRequest<?> request,
            boolean equivalent, Supplier<List<ResourceDefinition<?>>> equivalents) {
        return ResourceRules.matchedAs(rules, request, equivalent, equivalents,
                (rule, as) -> ResourceRules.ruleMatches(rule.getScope(), rule.getOperations(), rule.getApiGroups(),
                        rule.getApiVersions(), rule.getResources(), request, as)
                        && (rule.getResourceNames() == null || rule.getResourceNames().isEmpty()
                                || rule.getResourceNames().contains(request.name())));
    }
}
