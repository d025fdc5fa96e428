package io.kubeling.rbac;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.kubeling.controllers.StoppedCluster;
import io.kubeling.registry.Authorizer.Attributes;
import io.kubeling.registry.Authorizer.Decision;
import io.kubeling.registry.Authorizer.Outcome;
import io.kubeling.registry.UserInfo;

/** Who may do what, from the roles and bindings in the registry, with the reasons kube's authorizer gives. */
class RbacAuthorizerTest {

    private final RbacClusters rbac = new RbacClusters();
    private final StoppedCluster cluster = rbac.cluster;
    private static final UserInfo JANE = new UserInfo("jane", "", List.of("devs", UserInfo.AUTHENTICATED), Map.of());

    @AfterEach
    void close() {
        cluster.close();
    }

    private Decision decide(UserInfo user, String verb, String group, String resource, String namespace, String name) {
        return rbac.authorizer.authorize(new Attributes(user, verb, true, group, "v1", resource, "", namespace, name,
                ""));
    }

    @Test
    void aClusterRoleBoundToAGroupAllowsItsRulesEverywhere() {
        cluster.create(null, ClusterRole.class, """
                {"metadata": {"name": "node-reader"},
                 "rules": [{"apiGroups": [""], "resources": ["nodes", "pods"], "verbs": ["get", "list"]}]}""");
        assertThat(decide(JANE, "list", "", "nodes", "", "")).isEqualTo(Decision.noOpinion(""));
        cluster.create(null, ClusterRoleBinding.class, """
                {"metadata": {"name": "devs-read-nodes"},
                 "roleRef": {"apiGroup": "rbac.authorization.k8s.io", "kind": "ClusterRole", "name": "node-reader"},
                 "subjects": [{"kind": "Group", "name": "devs"}]}""");
        assertThat(decide(JANE, "list", "", "nodes", "", "")).isEqualTo(new Decision(Outcome.ALLOW,
                "RBAC: allowed by ClusterRoleBinding \"devs-read-nodes\" of ClusterRole \"node-reader\" to Group "
                        + "\"devs\""));
        assertThat(decide(JANE, "get", "", "pods", "anywhere", "web").allowed()).isTrue();
        assertThat(decide(JANE, "delete", "", "nodes", "", "n1").allowed()).isFalse();
        assertThat(decide(JANE, "list", "apps", "nodes", "", "").allowed()).isFalse();
    }

    @Test
    void aRoleBindingAllowsOnlyInItsNamespaceAndNamesServiceAccountsThere() {
        cluster.create("dev", Role.class, """
                {"metadata": {"name": "deployer"},
                 "rules": [{"apiGroups": ["apps"], "resources": ["deployments", "deployments/scale"],
                            "verbs": ["*"]}]}""");
        cluster.create("dev", RoleBinding.class, """
                {"metadata": {"name": "deployers"},
                 "roleRef": {"apiGroup": "rbac.authorization.k8s.io", "kind": "Role", "name": "deployer"},
                 "subjects": [{"kind": "User", "name": "jane"}, {"kind": "ServiceAccount", "name": "ci"}]}""");
        assertThat(decide(JANE, "update", "apps", "deployments", "dev", "web")).isEqualTo(new Decision(Outcome.ALLOW,
                "RBAC: allowed by RoleBinding \"deployers/dev\" of Role \"deployer\" to User \"jane\""));
        assertThat(decide(JANE, "update", "apps", "deployments", "prod", "web").allowed()).isFalse();
        assertThat(decide(JANE, "list", "apps", "deployments", "", "").allowed()).isFalse();
        UserInfo ci = new UserInfo("system:serviceaccount:dev:ci", "", List.of("system:serviceaccounts"), Map.of());
        assertThat(decide(ci, "delete", "apps", "deployments", "dev", "web").reason())
                .isEqualTo("RBAC: allowed by RoleBinding \"deployers/dev\" of Role \"deployer\" to ServiceAccount "
                        + "\"ci/dev\"");
        UserInfo otherCi = new UserInfo("system:serviceaccount:prod:ci", "", List.of(), Map.of());
        assertThat(decide(otherCi, "delete", "apps", "deployments", "dev", "web").allowed()).isFalse();
    }

    @Test
    void aBindingToARoleThatIsMissingSaysSoInTheReason() {
        cluster.create(null, ClusterRoleBinding.class, """
                {"metadata": {"name": "to-nothing"},
                 "roleRef": {"apiGroup": "rbac.authorization.k8s.io", "kind": "ClusterRole", "name": "gone"},
                 "subjects": [{"kind": "User", "name": "jane"}]}""");
        cluster.create("dev", RoleBinding.class, """
                {"metadata": {"name": "to-nothing"},
                 "roleRef": {"apiGroup": "rbac.authorization.k8s.io", "kind": "Role", "name": "absent"},
                 "subjects": [{"kind": "User", "name": "jane"}]}""");
        assertThat(decide(JANE, "get", "", "secrets", "", "s")).isEqualTo(
                Decision.noOpinion("RBAC: clusterrole.rbac.authorization.k8s.io \"gone\" not found"));
        assertThat(decide(JANE, "get", "", "secrets", "dev", "s").reason()).isEqualTo(
                "RBAC: [clusterrole.rbac.authorization.k8s.io \"gone\" not found, role.rbac.authorization.k8s.io "
                        + "\"absent\" not found]");
    }

    @Test
    void mastersMayDoAnythingWithoutARule() {
        assertThat(decide(UserInfo.ADMIN, "delete", "", "namespaces", "", "kube-system")).isEqualTo(Decision.ALLOW);
        assertThat(rbac.authorizer.authorize(new Attributes(UserInfo.ANONYMOUS, "get", false, "", "", "", "", "", "",
                "/healthz")).allowed()).isFalse();
    }

    @Test
    void nonResourceRulesComeOnlyFromClusterRoles() {
        cluster.create(null, ClusterRole.class, """
                {"metadata": {"name": "metrics"}, "rules": [{"nonResourceURLs": ["/metrics"], "verbs": ["get"]}]}""");
        cluster.create(null, ClusterRoleBinding.class, """
                {"metadata": {"name": "metrics"},
                 "roleRef": {"apiGroup": "rbac.authorization.k8s.io", "kind": "ClusterRole", "name": "metrics"},
                 "subjects": [{"kind": "User", "name": "jane"}]}""");
        assertThat(rbac.authorizer.authorize(new Attributes(JANE, "get", false, "", "", "", "", "", "", "/metrics"))
                .allowed()).isTrue();
        assertThat(rbac.authorizer.authorize(new Attributes(JANE, "get", false, "", "", "", "", "", "", "/metricsz"))
                .allowed()).isFalse();
    }
}
