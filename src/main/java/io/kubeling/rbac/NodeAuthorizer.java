package io.kubeling.rbac;

import java.util.List;
import java.util.Optional;

import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.kubeling.registry.Authorizer;
import io.kubeling.registry.UserInfo;
import io.kubeling.registry.selection.FieldSelector;
import io.kubeling.registry.selection.SelectorException;

/**
 * kube's Node authorizer (plugin/pkg/auth/authorizer/node): a kubelet, {@code system:node:<name>} in
 * {@code system:nodes}, reads only the secrets, configmaps, claims, volumes and service-account tokens of the pods
 * bound to its node, its own Node and Lease, and those pods (AuthorizeNodeWithSelectors, on in kube 1.32); anything
 * else it may do is the {@code system:node} role's rules, which no binding grants. What a node writes is then limited
 * to its own objects by {@link NodeRestriction}. Anyone else gets no opinion, for RBAC to decide.
 */
public final class NodeAuthorizer implements Authorizer {

    static final String NODES_GROUP = "system:nodes";
    static final String USER_PREFIX = "system:node:";
    static final String LEASE_NAMESPACE = "kube-node-lease";

    private final NodeGraph graph;
    private final List<PolicyRule> nodeRules;

    public NodeAuthorizer(NodeGraph graph, List<PolicyRule> nodeRules) {
        this.graph = graph;
        this.nodeRules = List.copyOf(nodeRules);
    }

    /** nodeidentifier.NodeIdentity: the node a user is, empty when not a node, "" for a node it cannot name. */
    static Optional<String> nodeName(UserInfo user) {
        if (!user.name().startsWith(USER_PREFIX) || !user.groups().contains(NODES_GROUP)) {
            return Optional.empty();
        }
        return Optional.of(user.name().substring(USER_PREFIX.length()));
    }

    @Override
    public Decision authorize(Attributes a) {
        Optional<String> identity = nodeName(a.user());
        if (identity.isEmpty()) {
            return Decision.noOpinion("");
        }
        String node = identity.get();
        if (node.isEmpty()) {
            return Decision.noOpinion("unknown node for user \"" + a.user().name() + "\"");
        }
        if (a.resourceRequest()) {
            Decision decided = byResource(node, a);
            if (decided != null) {
                return decided;
            }
        }
        for (PolicyRule rule : nodeRules) {
            if (PolicyRules.allows(a, rule)) {
                return Decision.ALLOW;
            }
        }
        return Decision.noOpinion("");
    }

    /** The decision for the resources the authorizer subdivides, null for the others. */
    private Decision byResource(String node, Attributes a) {
        String group = a.apiGroup();
        String resource = a.resource();
        if (group.isEmpty()) {
            switch (resource) {
                case "secrets":
                    return readNamespaced(node, NodeGraph.Kind.SECRET, a);
                case "configmaps":
                    return readNamespaced(node, NodeGraph.Kind.CONFIG_MAP, a);
                case "persistentvolumeclaims":
                    return "status".equals(a.subresource()) ? statusUpdate(node, NodeGraph.Kind.CLAIM, a)
                            : get(node, NodeGraph.Kind.CLAIM, a);
                case "persistentvolumes":
                    return get(node, NodeGraph.Kind.VOLUME, a);
                case "serviceaccounts":
                    return createToken(node, a);
                case "nodes":
                    return nodeObject(node, a);
                case "pods":
                    return pod(node, a);
                default:
                    return null;
            }
        }
        if (group.equals("storage.k8s.io") && resource.equals("volumeattachments")) {
            return get(node, NodeGraph.Kind.VOLUME_ATTACHMENT, a);
        }
        if (group.equals("coordination.k8s.io") && resource.equals("leases")) {
            return lease(node, a);
        }
        if (group.equals("storage.k8s.io") && resource.equals("csinodes")) {
            return csiNode(node, a);
        }
        return null;
    }

    private Decision statusUpdate(String node, NodeGraph.Kind kind, Attributes a) {
        if (!a.verb().equals("update") && !a.verb().equals("patch")) {
            return Decision.noOpinion("can only get/update/patch this type");
        }
        if (!"status".equals(a.subresource())) {
            return Decision.noOpinion("can only update status subresource");
        }
        return related(node, kind, a);
    }

    private Decision get(String node, NodeGraph.Kind kind, Attributes a) {
        if (!a.verb().equals("get")) {
            return Decision.noOpinion("can only get individual resources of this type");
        }
        if (!a.subresource().isEmpty()) {
            return Decision.noOpinion("cannot get subresource");
        }
        return related(node, kind, a);
    }

    private Decision readNamespaced(String node, NodeGraph.Kind kind, Attributes a) {
        switch (a.verb()) {
            case "get", "list", "watch" -> {
            }
            default -> {
                return Decision.noOpinion("can only read resources of this type");
            }
        }
        if (!a.subresource().isEmpty()) {
            return Decision.noOpinion("cannot read subresource");
        }
        if (a.namespace().isEmpty()) {
            return Decision.noOpinion("can only read namespaced object of this type");
        }
        return related(node, kind, a);
    }

    private Decision related(String node, NodeGraph.Kind kind, Attributes a) {
        if (a.name().isEmpty()) {
            return Decision.noOpinion("No Object name found");
        }
        if (!graph.related(node, kind, a.namespace(), a.name())) {
            return Decision.noOpinion(noRelationship(node));
        }
        return Decision.ALLOW;
    }

    static String noRelationship(String node) {
        return "no relationship found between node '" + node + "' and this object";
    }

    private Decision createToken(String node, Attributes a) {
        if (!a.verb().equals("create") || a.name().isEmpty()) {
            return Decision.noOpinion("can only create tokens for individual service accounts");
        }
        if (!"token".equals(a.subresource())) {
            return Decision.noOpinion("can only create token subresource of serviceaccount");
        }
        if (!graph.related(node, NodeGraph.Kind.SERVICE_ACCOUNT, a.namespace(), a.name())) {
            return Decision.noOpinion(noRelationship(node));
        }
        return Decision.ALLOW;
    }

    private static Decision lease(String node, Attributes a) {
        switch (a.verb()) {
            case "get", "create", "update", "patch", "delete" -> {
            }
            default -> {
                return Decision.noOpinion("can only get, create, update, patch, or delete a node lease");
            }
        }
        if (!a.namespace().equals(LEASE_NAMESPACE)) {
            return Decision.noOpinion("can only access leases in the \"" + LEASE_NAMESPACE + "\" system namespace");
        }
        // a create names no object: NodeRestriction checks the name in its body
        if (!a.verb().equals("create") && !a.name().equals(node)) {
            return Decision.noOpinion("can only access node lease with the same name as the requesting node");
        }
        return Decision.ALLOW;
    }

    private static Decision csiNode(String node, Attributes a) {
        switch (a.verb()) {
            case "get", "create", "update", "patch", "delete" -> {
            }
            default -> {
                return Decision.noOpinion("can only get, create, update, patch, or delete a CSINode");
            }
        }
        if (!a.subresource().isEmpty()) {
            return Decision.noOpinion("cannot authorize CSINode subresources");
        }
        if (!a.verb().equals("create") && !a.name().equals(node)) {
            return Decision.noOpinion("can only access CSINode with the same name as the requesting node");
        }
        return Decision.ALLOW;
    }

    private static Decision nodeObject(String node, Attributes a) {
        switch (a.subresource()) {
            case "" -> {
                switch (a.verb()) {
                    case "create", "update", "patch" -> {
                        return Decision.ALLOW;
                    }
                    case "get", "list", "watch" -> {
                        if (a.name().equals(node)) {
                            return Decision.ALLOW;
                        }
                        return Decision.noOpinion(a.name().isEmpty()
                                ? "node '" + node + "' cannot read all nodes, only its own Node object"
                                : "node '" + node + "' cannot read '" + a.name() + "', only its own Node object");
                    }
                    default -> {
                    }
                }
            }
            case "status" -> {
                if (a.verb().equals("update") || a.verb().equals("patch")) {
                    return Decision.ALLOW;
                }
            }
            default -> {
            }
        }
        return Decision.noOpinion("");
    }

    /** Whether a field selector requires {@code spec.nodeName} to be this node; a malformed one requires nothing. */
    static boolean selectsNode(String fieldSelector, String node) {
        try {
            return FieldSelector.parse(fieldSelector).terms().stream().anyMatch(t -> t.equals()
                    && t.field().equals("spec.nodeName") && t.value().equals(node));
        } catch (SelectorException malformed) {
            return false;
        }
    }

    private Decision pod(String node, Attributes a) {
        switch (a.subresource()) {
            case "" -> {
                switch (a.verb()) {
                    case "get" -> {
                        return get(node, NodeGraph.Kind.POD, a);
                    }
                    case "list", "watch" -> {
                        if (selectsNode(a.fieldSelector(), node)) {
                            return Decision.ALLOW;
                        }
                        if (!a.name().isEmpty()) {
                            return related(node, NodeGraph.Kind.POD, a);
                        }
                        return Decision.noOpinion("can only list/watch pods with spec.nodeName field selector");
                    }
                    case "create", "delete" -> {
                        return Decision.ALLOW;
                    }
                    default -> {
                    }
                }
            }
            case "status" -> {
                if (a.verb().equals("update") || a.verb().equals("patch")) {
                    return Decision.ALLOW;
                }
            }
            case "eviction" -> {
                if (a.verb().equals("create")) {
                    return Decision.ALLOW;
                }
            }
            default -> {
            }
        }
        return Decision.noOpinion("");
    }
}
