package io.kubeling.rbac;

import java.util.ArrayList;
import java.util.List;

import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.kubeling.registry.Authorizer;
import io.kubeling.registry.UserInfo;

/**
 * kube-apiserver's authorizer chain in RBAC mode: members of system:masters are allowed everything (the
 * privileged-groups authorizer), then, in Node,RBAC mode, kubelets what the {@link NodeAuthorizer} allows them, and
 * everyone else what a rule they hold allows (the RBAC authorizer); no rule, no opinion, which the API answers with
 * 403 and the reasons of the authorizers asked, one a line, as kube's union authorizer joins them.
 */
public final class RbacAuthorizer implements Authorizer {

    private final RuleResolver resolver;
    private final NodeAuthorizer node;

    public RbacAuthorizer(RuleResolver resolver) {
        this(resolver, null);
    }

    /** RBAC after the Node authorizer {@code node}, when not null. */
    public RbacAuthorizer(RuleResolver resolver, NodeAuthorizer node) {
        this.resolver = resolver;
        this.node = node;
    }

    /** Whether the Node authorizer decides for kubelets first (Node,RBAC mode), which NodeRestriction goes with. */
    public boolean authorizesNodes() {
        return node != null;
    }

    public RuleResolver resolver() {
        return resolver;
    }

    @Override
    public Decision authorize(Attributes request) {
        UserInfo user = request.user();
        if (user.groups().contains(UserInfo.MASTERS)) {
            return Decision.ALLOW;
        }
        String nodeReason = "";
        if (node != null) {
            Decision decision = node.authorize(request);
            if (decision.allowed()) {
                return decision;
            }
            nodeReason = decision.reason();
        }
        Decision rbac = rbac(request, user);
        if (rbac.allowed() || nodeReason.isEmpty()) {
            return rbac;
        }
        return Decision.noOpinion(rbac.reason().isEmpty() ? nodeReason : nodeReason + "\n" + rbac.reason());
    }

    private Decision rbac(Attributes request, UserInfo user) {
        String[] allowedBy = new String[1];
        List<String> errors = new ArrayList<>();
        resolver.visit(user, request.namespace(), (source, rule, error) -> {
            if (rule != null && PolicyRules.allows(request, rule)) {
                allowedBy[0] = source;
                return false;
            }
            if (error != null) {
                errors.add(error);
            }
            return true;
        });
        if (allowedBy[0] != null) {
            return new Decision(Outcome.ALLOW, "RBAC: allowed by " + allowedBy[0]);
        }
        return Decision.noOpinion(errors.isEmpty() ? "" : "RBAC: " + RuleResolver.aggregate(errors));
    }

    /** The rules a user holds in a namespace, for rules reviews and escalation checks. */
    public RuleResolver.Rules rulesFor(UserInfo user, String namespace) {
        return resolver.rulesFor(user, namespace);
    }

    /** Whether the user holds every rule given, and what is missing if not. */
    public List<PolicyRule> missing(UserInfo user, String namespace, List<PolicyRule> rules) {
        return PolicyRules.uncovered(resolver.rulesFor(user, namespace).rules(), rules);
    }
}
