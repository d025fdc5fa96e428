package io.kubeling.rbac;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.api.model.rbac.RoleRef;
import io.fabric8.kubernetes.api.model.rbac.Subject;
import io.kubeling.registry.Registry;
import io.kubeling.registry.ResourceStore;
import io.kubeling.registry.UserInfo;

/**
 * kube's DefaultRuleResolver: the rules a user holds in a namespace, from the cluster role bindings and the
 * namespace's role bindings that name the user, one of its groups or its service account. It reads a snapshot of
 * the four RBAC stores, taken again only after one of them has been written, so that authorizing a request costs
 * no list.
 */
public final class RuleResolver {

    /** Each rule with where it came from, or an error resolving a binding's role; return false to stop. */
    public interface Visitor {
        boolean visit(String source, PolicyRule rule, String error);
    }

    private final Registry registry;
    private final ResourceStore<ClusterRoleBinding> clusterBindings;
    private final ResourceStore<RoleBinding> roleBindings;
    private final ResourceStore<ClusterRole> clusterRoles;
    private final ResourceStore<Role> roles;
    private volatile Snapshot snapshot;

    public RuleResolver(Registry registry) {
        this.registry = registry;
        this.clusterBindings = registry.store(ClusterRoleBinding.class);
        this.roleBindings = registry.store(RoleBinding.class);
        this.clusterRoles = registry.store(ClusterRole.class);
        this.roles = registry.store(Role.class);
    }

    Registry registry() {
        return registry;
    }

    private record Snapshot(long writes, List<ClusterRoleBinding> clusterBindings,
            Map<String, List<RoleBinding>> roleBindings, Map<String, ClusterRole> clusterRoles,
            Map<String, Role> roles) {
    }

    private long writes() {
        return clusterBindings.writes() + roleBindings.writes() + clusterRoles.writes() + roles.writes();
    }

    private Snapshot snapshot() {
        Snapshot current = snapshot;
        long writes = writes();
        if (current != null && current.writes() == writes) {
            return current;
        }
        synchronized (this) {
            current = snapshot;
            if (current != null && current.writes() == writes()) {
                return current;
            }
            // counted before reading, so a write made meanwhile makes the next reader read again
            long before = writes();
            Map<String, List<RoleBinding>> byNamespace = new HashMap<>();
            for (RoleBinding b : roleBindings.peekAll()) {
                byNamespace.computeIfAbsent(b.getMetadata().getNamespace(), ns -> new ArrayList<>()).add(b);
            }
            Map<String, ClusterRole> clusterRoleByName = new HashMap<>();
            clusterRoles.peekAll().forEach(r -> clusterRoleByName.put(r.getMetadata().getName(), r));
            Map<String, Role> roleByKey = new HashMap<>();
            roles.peekAll().forEach(r -> roleByKey.put(r.getMetadata().getNamespace() + "/" + r.getMetadata().getName(),
                    r));
            current = new Snapshot(before, clusterBindings.peekAll(), byNamespace, clusterRoleByName, roleByKey);
            snapshot = current;
            return current;
        }
    }

    /** VisitRulesFor: the cluster bindings' rules, then those of the namespace's role bindings. */
    public void visit(UserInfo user, String namespace, Visitor visitor) {
        Snapshot s = snapshot();
        for (ClusterRoleBinding binding : s.clusterBindings()) {
            Subject subject = applies(user, binding.getSubjects(), "");
            if (subject == null) {
                continue;
            }
            RoleRef ref = binding.getRoleRef();
            List<PolicyRule> rules = rules(s, ref, "");
            if (rules == null) {
                if (!visitor.visit(null, null, notFound(ref))) {
                    return;
                }
                continue;
            }
            String source = "ClusterRoleBinding \"" + binding.getMetadata().getName() + "\" of " + ref.getKind() + " \""
                    + ref.getName() + "\" to " + describe(subject, "");
            for (PolicyRule rule : rules) {
                if (!visitor.visit(source, rule, null)) {
                    return;
                }
            }
        }
        if (namespace == null || namespace.isEmpty()) {
            return;
        }
        for (RoleBinding binding : s.roleBindings().getOrDefault(namespace, List.of())) {
            Subject subject = applies(user, binding.getSubjects(), namespace);
            if (subject == null) {
                continue;
            }
            RoleRef ref = binding.getRoleRef();
            List<PolicyRule> rules = rules(s, ref, namespace);
            if (rules == null) {
                if (!visitor.visit(null, null, notFound(ref))) {
                    return;
                }
                continue;
            }
            String source = "RoleBinding \"" + binding.getMetadata().getName() + "/" + namespace + "\" of "
                    + ref.getKind() + " \"" + ref.getName() + "\" to " + describe(subject, namespace);
            for (PolicyRule rule : rules) {
                if (!visitor.visit(source, rule, null)) {
                    return;
                }
            }
        }
    }

    /** RulesFor: every rule the user holds in the namespace, and the errors met resolving them. */
    public Rules rulesFor(UserInfo user, String namespace) {
        List<PolicyRule> rules = new ArrayList<>();
        List<String> errors = new ArrayList<>();
        visit(user, namespace, (source, rule, error) -> {
            if (rule != null) {
                rules.add(rule);
            }
            if (error != null) {
                errors.add(error);
            }
            return true;
        });
        return new Rules(rules, errors);
    }

    /** A user's rules and the resolution errors, as kube's aggregate prints them. */
    public record Rules(List<PolicyRule> rules, List<String> errors) {

        public String errorText() {
            return aggregate(errors);
        }
    }

    /** utilerrors.NewAggregate(...).Error(): one message as it is, more in brackets. */
    static String aggregate(List<String> errors) {
        if (errors.isEmpty()) {
            return "";
        }
        return errors.size() == 1 ? errors.get(0) : "[" + String.join(", ", errors) + "]";
    }

    /** GetRoleReferenceRules: the role's rules, or null when it does not exist. */
    public List<PolicyRule> roleRules(RoleRef ref, String namespace) {
        return rules(snapshot(), ref, namespace);
    }

    private static List<PolicyRule> rules(Snapshot s, RoleRef ref, String namespace) {
        if (ref == null) {
            return null;
        }
        if ("ClusterRole".equals(ref.getKind())) {
            ClusterRole role = s.clusterRoles().get(ref.getName());
            return role == null ? null : PolicyRules.list(role.getRules());
        }
        if ("Role".equals(ref.getKind())) {
            Role role = s.roles().get(namespace + "/" + ref.getName());
            return role == null ? null : PolicyRules.list(role.getRules());
        }
        return null;
    }

    /** The lister's not-found error, which names the resource in the singular. */
    private static String notFound(RoleRef ref) {
        if (!"ClusterRole".equals(ref.getKind()) && !"Role".equals(ref.getKind())) {
            return "unsupported role reference kind: \"" + ref.getKind() + "\"";
        }
        return ref.getKind().toLowerCase(java.util.Locale.ROOT) + ".rbac.authorization.k8s.io \"" + ref.getName()
                + "\" not found";
    }

    /** appliesTo: the first subject that names the user, one of its groups or its service account. */
    static Subject applies(UserInfo user, List<Subject> subjects, String namespace) {
        for (Subject s : PolicyRules.list(subjects)) {
            if (appliesTo(user, s, namespace)) {
                return s;
            }
        }
        return null;
    }

    private static boolean appliesTo(UserInfo user, Subject subject, String namespace) {
        String name = Objects.requireNonNullElse(subject.getName(), "");
        return switch (Objects.requireNonNullElse(subject.getKind(), "")) {
            case "User" -> user.name().equals(name);
            case "Group" -> user.groups().contains(name);
            case "ServiceAccount" -> {
                String ns = subject.getNamespace() != null && !subject.getNamespace().isEmpty()
                        ? subject.getNamespace() : namespace;
                yield !ns.isEmpty() && user.name().equals("system:serviceaccount:" + ns + ":" + name);
            }
            default -> false;
        };
    }

    private static String describe(Subject s, String bindingNamespace) {
        if ("ServiceAccount".equals(s.getKind())) {
            String ns = s.getNamespace() != null && !s.getNamespace().isEmpty() ? s.getNamespace() : bindingNamespace;
            return s.getKind() + " \"" + s.getName() + "/" + ns + "\"";
        }
        return s.getKind() + " \"" + s.getName() + "\"";
    }
}
