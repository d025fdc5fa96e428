package io.kubeling.admission;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import io.kubeling.registry.AdmissionRequest;
import io.kubeling.registry.ResourceDefinition;

/**
 * Whether a webhook is called for a request, as kube's ShouldCallHook decides: one of its rules matches the
 * operation, group, version, resource and subresource and scope; the namespace's labels match its
 * namespaceSelector (cluster-scoped objects other than namespaces always do); the new or the old object's
 * labels match its objectSelector. Under matchPolicy Equivalent (kube's default) a webhook none of whose rules
 * matches the request's resource is called when one matches an equivalent resource, as {@link ResourceRules} finds
 * it.
 */
final class WebhookMatcher {

    /** kube never sends its own admission configuration to webhooks, so that a webhook cannot lock itself in. */
    private static final Set<String> EXEMPT = Set.of("mutatingwebhookconfigurations",
            "validatingwebhookconfigurations", "validatingadmissionpolicies", "validatingadmissionpolicybindings",
            "mutatingadmissionpolicies", "mutatingadmissionpolicybindings");

    private WebhookMatcher() {
    }

    static boolean exempt(ResourceDefinition<?> resource) {
        return resource.group().equals("admissionregistration.k8s.io") && EXEMPT.contains(resource.plural());
    }

    /**
     * The resource the webhook is called as (the request's own, or the equivalent one its rules name), or null when
     * it is not called; {@code namespaceLabels} reads a namespace's labels, or throws its 404; {@code equivalents}
     * are the resources served from the request's resource's storage, its own included.
     */
    static ResourceDefinition<?> invocation(Webhook hook, AdmissionRequest<?> request,
            Function<String, Map<String, String>> namespaceLabels, List<ResourceDefinition<?>> equivalents) {
        ResourceDefinition<?> as = rulesMatch(hook, request, equivalents);
        if (as == null || !SelectorMatch.namespace(hook.namespaceSelector(), request, namespaceLabels)
                || !SelectorMatch.object(hook.objectSelector(), request)) {
            return null;
        }
        return as;
    }

    /** kube's ShouldCallHook on rules: the request's resource first, then, rule by rule, its equivalents. */
    static ResourceDefinition<?> rulesMatch(Webhook hook, AdmissionRequest<?> request,
            List<ResourceDefinition<?>> equivalents) {
        return ResourceRules.matchedAs(hook.rules(), request, hook.equivalent(), () -> equivalents,
                (rule, as) -> ResourceRules.ruleMatches(rule.getScope(), rule.getOperations(), rule.getApiGroups(),
                        rule.getApiVersions(), rule.getResources(), request, as));
    }
}
