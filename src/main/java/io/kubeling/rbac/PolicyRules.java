package io.kubeling.rbac;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.PolicyRuleBuilder;
import io.kubeling.registry.Authorizer.Attributes;
import io.kubeling.registry.validation.GoQuote;

/**
 * kube's rule arithmetic: whether a rule allows a request (RuleAllows), whether one set of rules covers another
 * (Covers, over the rules broken down to one group, resource, verb and name each), and how the missing ones are
 * printed (CompactRules, CompactString).
 */
public final class PolicyRules {

    static final String ALL = "*";

    private PolicyRules() {
    }

    /** RuleAllows: the verb, group, resource (or {@code *}/subresource) and name, or the verb and path. */
    public static boolean allows(Attributes request, PolicyRule rule) {
        if (!has(rule.getVerbs(), request.verb())) {
            return false;
        }
        if (!request.resourceRequest()) {
            return urlMatches(list(rule.getNonResourceURLs()), request.path());
        }
        String subresource = Objects.requireNonNullElse(request.subresource(), "");
        String combined = subresource.isEmpty() ? request.resource() : request.resource() + "/" + subresource;
        return has(rule.getApiGroups(), Objects.requireNonNullElse(request.apiGroup(), ""))
                && resourceMatches(list(rule.getResources()), combined, subresource)
                && (list(rule.getResourceNames()).isEmpty()
                        || list(rule.getResourceNames()).contains(Objects.requireNonNullElse(request.name(), "")));
    }

    private static boolean has(List<String> values, String wanted) {
        for (String v : list(values)) {
            if (v.equals(ALL) || v.equals(wanted)) {
                return true;
            }
        }
        return false;
    }

    private static boolean resourceMatches(List<String> resources, String combined, String subresource) {
        for (String r : resources) {
            if (r.equals(ALL) || r.equals(combined)) {
                return true;
            }
            if (!subresource.isEmpty() && r.length() == subresource.length() + 2 && r.startsWith("*/")
                    && r.endsWith(subresource)) {
                return true;
            }
        }
        return false;
    }

    private static boolean urlMatches(List<String> urls, String path) {
        for (String u : urls) {
            if (u.equals(ALL) || u.equals(path) || (u.endsWith("*") && path.startsWith(trimStars(u)))) {
                return true;
            }
        }
        return false;
    }

    private static String trimStars(String s) {
        int end = s.length();
        while (end > 0 && s.charAt(end - 1) == '*') {
            end--;
        }
        return s.substring(0, end);
    }

    /** Covers: the rules of {@code servant}, broken down, that no rule of {@code owner} covers; empty if covered. */
    public static List<PolicyRule> uncovered(List<PolicyRule> owner, List<PolicyRule> servant) {
        List<PolicyRule> missing = new ArrayList<>();
        for (PolicyRule rule : servant) {
            for (PolicyRule sub : breakdown(rule)) {
                if (owner.stream().noneMatch(o -> covers(o, sub))) {
                    missing.add(sub);
                }
            }
        }
        return missing;
    }

    /** BreakdownRule: one rule per group, resource, verb and name, and per path and verb. */
    static List<PolicyRule> breakdown(PolicyRule rule) {
        List<PolicyRule> subs = new ArrayList<>();
        for (String group : list(rule.getApiGroups())) {
            for (String resource : list(rule.getResources())) {
                for (String verb : list(rule.getVerbs())) {
                    if (!list(rule.getResourceNames()).isEmpty()) {
                        for (String name : rule.getResourceNames()) {
                            subs.add(new PolicyRuleBuilder().withApiGroups(group).withResources(resource)
                                    .withVerbs(verb).withResourceNames(name).build());
                        }
                    } else {
                        subs.add(new PolicyRuleBuilder().withApiGroups(group).withResources(resource).withVerbs(verb)
                                .build());
                    }
                }
            }
        }
        for (String url : list(rule.getNonResourceURLs())) {
            for (String verb : list(rule.getVerbs())) {
                subs.add(new PolicyRuleBuilder().withNonResourceURLs(url).withVerbs(verb).build());
            }
        }
        return subs;
    }

    /** ruleCovers. */
    static boolean covers(PolicyRule owner, PolicyRule sub) {
        boolean verbs = list(owner.getVerbs()).contains(ALL) || list(owner.getVerbs()).containsAll(list(sub.getVerbs()));
        boolean groups = list(owner.getApiGroups()).contains(ALL)
                || list(owner.getApiGroups()).containsAll(list(sub.getApiGroups()));
        boolean resources = resourcesCover(list(owner.getResources()), list(sub.getResources()));
        boolean urls = list(sub.getNonResourceURLs()).stream()
                .allMatch(path -> list(owner.getNonResourceURLs()).stream().anyMatch(o -> urlCovers(o, path)));
        List<String> ownerNames = list(owner.getResourceNames());
        boolean names = list(sub.getResourceNames()).isEmpty() ? ownerNames.isEmpty()
                : ownerNames.isEmpty() || ownerNames.containsAll(sub.getResourceNames());
        return verbs && groups && resources && names && urls;
    }

    private static boolean resourcesCover(List<String> owner, List<String> wanted) {
        if (owner.contains(ALL) || owner.containsAll(wanted)) {
            return true;
        }
        for (String path : wanted) {
            if (owner.contains(path)) {
                continue;
            }
            int slash = path.indexOf('/');
            if (slash < 0 || !owner.contains("*/" + path.substring(slash + 1))) {
                return false;
            }
        }
        return true;
    }

    private static boolean urlCovers(String owner, String path) {
        return owner.equals(path) || (owner.endsWith("*") && path.startsWith(trimStars(owner)));
    }

    /** CompactRules then CompactString, sorted and unique, as an escalation refusal lists the missing rules. */
    public static List<String> describeMissing(List<PolicyRule> missing) {
        List<PolicyRule> compacted = new ArrayList<>();
        Map<List<String>, PolicyRule> simple = new LinkedHashMap<>();
        for (PolicyRule rule : missing) {
            List<String> key = simpleKey(rule);
            if (key == null) {
                compacted.add(rule);
            } else if (simple.containsKey(key)) {
                simple.get(key).getVerbs().addAll(list(rule.getVerbs()));
            } else {
                simple.put(key, new PolicyRuleBuilder(rule).withVerbs(new ArrayList<>(list(rule.getVerbs()))).build());
            }
        }
        compacted.addAll(simple.values());
        TreeSet<String> lines = new TreeSet<>();
        compacted.forEach(r -> lines.add(compactString(r)));
        return List.copyOf(lines);
    }

    /** isSimpleResourceRule: one group, one resource and at most one name; its key, else null. */
    private static List<String> simpleKey(PolicyRule rule) {
        if (list(rule.getResourceNames()).size() > 1 || !list(rule.getNonResourceURLs()).isEmpty()
                || list(rule.getApiGroups()).size() != 1 || list(rule.getResources()).size() != 1) {
            return null;
        }
        List<String> names = list(rule.getResourceNames());
        return List.of(rule.getApiGroups().get(0), rule.getResources().get(0), names.isEmpty() ? "" : "+" + names.get(0));
    }

    /** CompactString: {@code {APIGroups:[""], Resources:["pods"], Verbs:["get" "list"]}}. */
    public static String compactString(PolicyRule rule) {
        List<String> parts = new ArrayList<>();
        add(parts, "APIGroups", rule.getApiGroups());
        add(parts, "Resources", rule.getResources());
        add(parts, "NonResourceURLs", rule.getNonResourceURLs());
        add(parts, "ResourceNames", rule.getResourceNames());
        add(parts, "Verbs", rule.getVerbs());
        return "{" + String.join(", ", parts) + "}";
    }

    private static void add(List<String> parts, String name, List<String> values) {
        if (!list(values).isEmpty()) {
            parts.add(name + ":" + goQuoted(values));
        }
    }

    /** A []string as Go's %q prints it: {@code ["a" "b"]}. */
    static String goQuoted(List<String> values) {
        return "[" + String.join(" ", list(values).stream().map(GoQuote::quote).toList()) + "]";
    }

    static <T> List<T> list(List<T> values) {
        return values == null ? List.of() : values;
    }
}
