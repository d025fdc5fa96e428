package io.kubeling.rbac;

import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.PolicyRuleBuilder;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.api.model.rbac.RoleRef;
import io.kubeling.registry.Admission;
import io.kubeling.registry.AdmissionRequest;
import io.kubeling.registry.Authorizer;
import io.kubeling.registry.CurrentUser;
import io.kubeling.registry.Errors;
import io.kubeling.registry.GroupResource;
import io.kubeling.registry.UserInfo;

/**
 * kube's RBAC escalation prevention (pkg/registry/rbac, policybased storage): a client may write a Role or
 * ClusterRole only with rules it holds itself, unless it may {@code escalate} roles; and a binding only to a role
 * whose rules it holds, unless it may {@code bind} that role. Members of system:masters and the server's own
 * callers are not checked. It runs before the strategy, as kube checks before its store.
 */
@Component
class EscalationCheck implements Admission {

    static final String GROUP = "rbac.authorization.k8s.io";
    private static final List<PolicyRule> FULL_AUTHORITY = List.of(
            new PolicyRuleBuilder().withApiGroups("*").withResources("*").withVerbs("*").build(),
            new PolicyRuleBuilder().withNonResourceURLs("*").withVerbs("*").build());

    private final Supplier<Authorizer> authorizer;

    @Autowired
    EscalationCheck(ObjectProvider<Authorizer> authorizer) {
        this((Supplier<Authorizer>) authorizer::getObject);
    }

    EscalationCheck(Supplier<Authorizer> authorizer) {
        this.authorizer = authorizer;
    }

    @Override
    public <T extends HasMetadata> T mutate(AdmissionRequest<T> request) {
        if (request.operation() == Operation.DELETE || request.subresource() != null
                || !request.resource().group().equals(GROUP)) {
            return request.object();
        }
        UserInfo user = CurrentUser.get().orElse(null);
        if (user == null || user.groups().contains(UserInfo.MASTERS)
                || !(authorizer.get() instanceof RbacAuthorizer rbac)) {
            return request.object();
        }
        check(request, user, rbac);
        return request.object();
    }

    private void check(AdmissionRequest<?> request, UserInfo user, RbacAuthorizer rbac) {
        String namespace = Objects.requireNonNullElse(request.namespace(), "");
        GroupResource resource = request.resource().groupResource();
        String name = request.object().getMetadata().getName();
        HasMetadata object = request.object();
        if (object instanceof Role role) {
            if (!authorized(rbac, user, "escalate", "roles", name, namespace)) {
                confirm(rbac, user, namespace, PolicyRules.list(role.getRules()), resource, name);
            }
        } else if (object instanceof ClusterRole role) {
            if (!authorized(rbac, user, "escalate", "clusterroles", name, "")) {
                confirm(rbac, user, "", PolicyRules.list(role.getRules()), resource, name);
                if (role.getAggregationRule() != null && !rbac.missing(user, "", FULL_AUTHORITY).isEmpty()) {
                    throw Errors.forbidden(resource, name,
                            "must have cluster-admin privileges to use the aggregationRule");
                }
            }
        } else if (object instanceof RoleBinding binding) {
            bind(rbac, user, binding.getRoleRef(), namespace, resource, name);
        } else if (object instanceof ClusterRoleBinding binding) {
            bind(rbac, user, binding.getRoleRef(), "", resource, name);
        }
    }

    private void bind(RbacAuthorizer rbac, UserInfo user, RoleRef ref, String namespace, GroupResource resource,
            String name) {
        if (ref == null || !("Role".equals(ref.getKind()) || "ClusterRole".equals(ref.getKind()))) {
            // refused by validation
            return;
        }
        String roles = "Role".equals(ref.getKind()) ? "roles" : "clusterroles";
        String group = ref.getApiGroup() == null || ref.getApiGroup().isEmpty() ? GROUP : ref.getApiGroup();
        Authorizer.Attributes bind = new Authorizer.Attributes(user, "bind", true, group, "", roles, "", namespace,
                ref.getName(), "");
        if (rbac.authorize(bind).allowed()) {
            return;
        }
        List<PolicyRule> rules = rbac.resolver().roleRules(ref, namespace);
        if (rules == null) {
            throw Errors.notFound(new GroupResource(GROUP, roles), ref.getName());
        }
        confirm(rbac, user, namespace, rules, resource, name);
    }

    /** RoleEscalationAuthorized: the user may {@code escalate} the role. */
    private static boolean authorized(RbacAuthorizer rbac, UserInfo user, String verb, String resource, String name,
            String namespace) {
        return rbac.authorize(new Authorizer.Attributes(user, verb, true, GROUP, "*", resource, "", namespace,
                Objects.requireNonNullElse(name, ""), "")).allowed();
    }

    /** ConfirmNoEscalation, refused as kube refuses it. */
    private static void confirm(RbacAuthorizer rbac, UserInfo user, String namespace, List<PolicyRule> rules,
            GroupResource resource, String name) {
        RuleResolver.Rules held = rbac.rulesFor(user, namespace);
        List<PolicyRule> missing = PolicyRules.uncovered(held.rules(), rules);
        if (missing.isEmpty()) {
            return;
        }
        String message = "user \"" + user.name() + "\" (groups=" + PolicyRules.goQuoted(user.groups())
                + ") is attempting to grant RBAC permissions not currently held:\n"
                + String.join("\n", PolicyRules.describeMissing(missing));
        if (!held.errors().isEmpty()) {
            message += "; resolution errors: [" + String.join(" ", held.errors()) + "]";
        }
        throw Errors.forbidden(resource, name, message);
    }
}
