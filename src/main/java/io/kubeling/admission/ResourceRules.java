package io.kubeling.admission;

import java.util.List;
import java.util.function.BiPredicate;
import java.util.function.Supplier;

import io.kubeling.registry.AdmissionRequest;
import io.kubeling.registry.Registry;
import io.kubeling.registry.ResourceDefinition;

/**
 * The rule matching webhooks and admission policies share: kube's rules.Matcher over one rule (operation, group,
 * version, resource and subresource, scope), and matchPolicy Equivalent's search, which, when no rule matches the
 * request's own resource, takes the first rule that matches an equivalent one: another version of it served from
 * the same storage (a custom resource's versions) that serves the request's subresource too, as kube's
 * EquivalentResourceMapper finds them. The object is then given in that version.
 */
final class ResourceRules {

    private ResourceRules() {
    }

    /** kube's EquivalentResourcesFor: the resources served from the same storage, every version of a resource. */
    static List<ResourceDefinition<?>> equivalents(Registry registry, ResourceDefinition<?> def) {
        String prefix = def.keyPrefix(null);
        return registry.definitions().stream().filter(d -> d.keyPrefix(null).equals(prefix)).toList();
    }

    /**
     * The resource the request is matched as (its own, or under {@code equivalent} the equivalent resource some
     * rule names), or null: the request's resource against every rule first, then rule by rule the equivalents;
     * {@code matches} says whether a rule takes the request as a given resource; {@code equivalents} are read only
     * when the request's own resource matched no rule.
     */
    static <R> ResourceDefinition<?> matchedAs(List<R> rules, AdmissionRequest<?> request, boolean equivalent,
            Supplier<List<ResourceDefinition<?>>> equivalents, BiPredicate<R, ResourceDefinition<?>> matches) {
        if (rules == null) {
            return null;
        }
        for (R rule : rules) {
            if (matches.test(rule, request.resource())) {
                return request.resource();
            }
        }
        if (!equivalent || rules.isEmpty()) {
            return null;
        }
        for (R rule : rules) {
            for (ResourceDefinition<?> other : equivalents.get()) {
                if (!other.version().equals(request.resource().version()) && hasSubresource(other, request)
                        && matches.test(rule, other)) {
                    return other;
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

    /** kube's rules.Matcher: one rule's fields against the request made as resource {@code as}. */
    static boolean ruleMatches(String scope, List<String> operations, List<String> groups, List<String> versions,
            List<String> resources, AdmissionRequest<?> request, ResourceDefinition<?> as) {
        return scopeMatches(scope, request)
                && anyOrEqual(operations, request.operation().name())
                && anyOrEqual(groups, as.group())
                && anyOrEqual(versions, as.version())
                && resourceMatches(resources, as.plural(), request.subresource() == null ? "" : request.subresource());
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

    /** {@code *} covers every resource but no subresource, {@code * / *} both. */
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

    static boolean isNamespaces(ResourceDefinition<?> resource) {
        return resource.group().isEmpty() && resource.plural().equals("namespaces");
    }
}
