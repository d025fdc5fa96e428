package io.kubeling.admission;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.RuleWithOperations;
import io.kubeling.registry.AdmissionRequest;
import io.kubeling.registry.ResourceDefinition;
import io.kubeling.resources.common.LabelSelectors;

/**
 * Whether a webhook is called for a request, as kube's ShouldCallHook decides: one of its rules matches the
 * operation, group, version, resource and subresource and scope; the namespace's labels match its
 * namespaceSelector (cluster-scoped objects other than namespaces always do); the new or the old object's
 * labels match its objectSelector. Under matchPolicy Equivalent (kube's default) a webhook none of whose rules
 * matches the request's resource is called when one matches an equivalent resource: another version of it, served
 * from the same storage (a custom resource's versions), as kube's EquivalentResourceMapper finds them.
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
        if (as == null || !namespaceMatches(hook, request, namespaceLabels) || !objectMatches(hook, request)) {
            return null;
        }
        return as;
    }

    /** kube's ShouldCallHook on rules: the request's resource first, then, rule by rule, its equivalents. */
    static ResourceDefinition<?> rulesMatch(Webhook hook, AdmissionRequest<?> request,
            List<ResourceDefinition<?>> equivalents) {
        for (RuleWithOperations rule : hook.rules()) {
            if (ruleMatches(rule, request, request.resource())) {
                return request.resource();
            }
        }
        if (!hook.equivalent()) {
            return null;
        }
        for (RuleWithOperations rule : hook.rules()) {
            for (ResourceDefinition<?> equivalent : equivalents) {
                if (!equivalent.version().equals(request.resource().version()) && hasSubresource(equivalent, request)
                        && ruleMatches(rule, request, equivalent)) {
                    return equivalent;
                }
            }
        }
        return null;
    }

    /** An equivalent resource counts for a subresource's request only if it serves that subresource too. */
    private static boolean hasSubresource(ResourceDefinition<?> equivalent, AdmissionRequest<?> request) {
        String sub = request.subresource();
        return sub == null || !request.resource().subresources().containsKey(sub)
                || equivalent.subresources().containsKey(sub);
    }

    private static boolean ruleMatches(RuleWithOperations rule, AdmissionRequest<?> request, ResourceDefinition<?> def) {
        return scopeMatches(rule.getScope(), request)
                && anyOrEqual(rule.getOperations(), request.operation().name())
                && anyOrEqual(rule.getApiGroups(), def.group())
                && anyOrEqual(rule.getApiVersions(), def.version())
                && resourceMatches(rule, def.plural(), request.subresource() == null ? "" : request.subresource());
    }

    private static boolean scopeMatches(String scope, AdmissionRequest<?> request) {
        boolean namespaceObject = isNamespaces(request.resource());
        return switch (scope == null ? "*" : scope) {
            case "Namespaced" -> !namespaceObject && request.resource().namespaced();
            case "Cluster" -> namespaceObject || !request.resource().namespaced();
            default -> true;
        };
    }

    private static boolean anyOrEqual(java.util.List<String> values, String value) {
        return values != null && (values.contains("*") || values.contains(value));
    }

    /** kube's rule matcher: {@code *} covers every resource but no subresource, {@code * / *} both. */
    private static boolean resourceMatches(RuleWithOperations rule, String resource, String subresource) {
        if (rule.getResources() == null) {
            return false;
        }
        for (String entry : rule.getResources()) {
            int slash = entry.indexOf('/');
            String res = slash < 0 ? entry : entry.substring(0, slash);
            String sub = slash < 0 ? "" : entry.substring(slash + 1);
            if ((res.equals("*") || res.equals(resource)) && (sub.equals("*") || sub.equals(subresource))) {
                return true;
            }
        }
        return false;
    }

    static boolean namespaceMatches(Webhook hook, AdmissionRequest<?> request,
            Function<String, Map<String, String>> namespaceLabels) {
        boolean namespaceObject = isNamespaces(request.resource());
        if (!request.resource().namespaced() && !namespaceObject) {
            return true;
        }
        if (LabelSelectors.isEmpty(hook.namespaceSelector())) {
            return true;
        }
        Map<String, String> labels;
        if (namespaceObject && request.subresource() == null && request.object() != null) {
            // a namespace being created or updated is matched by the labels it is about to have
            labels = request.object().getMetadata().getLabels();
        } else {
            labels = namespaceLabels.apply(namespaceObject ? request.name() : request.namespace());
        }
        return LabelSelectors.matches(hook.namespaceSelector(), labels);
    }

    static boolean objectMatches(Webhook hook, AdmissionRequest<?> request) {
        if (LabelSelectors.isEmpty(hook.objectSelector())) {
            return true;
        }
        return labelsMatch(hook, request.object()) || labelsMatch(hook, request.oldObject());
    }

    private static boolean labelsMatch(Webhook hook, HasMetadata object) {
        return object != null && object.getMetadata() != null
                && LabelSelectors.matches(hook.objectSelector(), object.getMetadata().getLabels());
    }

    static boolean isNamespaces(ResourceDefinition<?> resource) {
        return resource.group().isEmpty() && resource.plural().equals("namespaces");
    }
}
