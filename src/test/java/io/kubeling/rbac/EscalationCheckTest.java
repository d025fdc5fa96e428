package io.kubeling.rbac;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.kubeling.controllers.StoppedCluster;
import io.kubeling.registry.CurrentUser;
import io.kubeling.registry.StatusException;
import io.kubeling.registry.UserInfo;

/** A user may grant only what it holds, unless it may escalate or bind, refused in kube's words. */
class EscalationCheckTest {

    private static final UserInfo JANE = new UserInfo("jane", "", List.of("devs", UserInfo.AUTHENTICATED), Map.of());
    private final RbacClusters rbac = new RbacClusters();
    private final StoppedCluster cluster = rbac.cluster;

    @BeforeEach
    void janeManagesRolesAndReadsPodsInDev() {
        cluster.create("dev", Role.class, """
                {"metadata": {"name": "role-manager"},
                 "rules": [{"apiGroups": ["rbac.authorization.k8s.io"], "resources": ["roles", "rolebindings"],
                            "verbs": ["create", "update", "get"]},
                           {"apiGroups": [""], "resources": ["pods"], "verbs": ["get", "list"]}]}""");
        cluster.create("dev", RoleBinding.class, """
                {"metadata": {"name": "jane"},
                 "roleRef": {"apiGroup": "rbac.authorization.k8s.io", "kind": "Role", "name": "role-manager"},
                 "subjects": [{"kind": "User", "name": "jane"}]}""");
        cluster.create("dev", Role.class, """
                {"metadata": {"name": "secret-reader"},
                 "rules": [{"apiGroups": [""], "resources": ["secrets"], "verbs": ["get"]}]}""");
    }

    @AfterEach
    void close() {
        cluster.close();
    }

    private static <T> T asJane(Supplier<T> write) {
        try (CurrentUser.Scope scope = CurrentUser.open(JANE)) {
            return write.get();
        }
    }

    private Role role(String name, String rules) {
        return asJane(() -> cluster.create("dev", Role.class, "{\"metadata\": {\"name\": \"" + name + "\"}, \"rules\": "
                + rules + "}"));
    }

    private RoleBinding binding(String name, String role) {
        return asJane(() -> cluster.create("dev", RoleBinding.class, "{\"metadata\": {\"name\": \"" + name + "\"},"
                + " \"roleRef\": {\"apiGroup\": \"rbac.authorization.k8s.io\", \"kind\": \"Role\", \"name\": \"" + role
                + "\"}, \"subjects\": [{\"kind\": \"User\", \"name\": \"joe\"}]}"));
    }

    @Test
    void aRoleWithRulesTheUserHoldsIsCreatedAndOneWithMoreIsRefused() {
        assertThat(role("pod-lister", "[{\"apiGroups\": [\"\"], \"resources\": [\"pods\"], \"verbs\": [\"list\"]}]")
                .getMetadata().getName()).isEqualTo("pod-lister");
        assertThatThrownBy(() -> role("pod-killer", "[{\"apiGroups\": [\"\"], \"resources\": [\"pods\", \"secrets\"],"
                + " \"verbs\": [\"list\", \"delete\"]}]"))
                .isInstanceOfSatisfying(StatusException.class, e -> {
                    assertThat(e.code()).isEqualTo(403);
                    assertThat(e.status().getMessage()).isEqualTo("roles.rbac.authorization.k8s.io \"pod-killer\" is "
                            + "forbidden: user \"jane\" (groups=[\"devs\" \"system:authenticated\"]) is attempting to "
                            + "grant RBAC permissions not currently held:\n"
                            + "{APIGroups:[\"\"], Resources:[\"pods\"], Verbs:[\"delete\"]}\n"
                            + "{APIGroups:[\"\"], Resources:[\"secrets\"], Verbs:[\"list\" \"delete\"]}");
                });
        assertThat(cluster.exists(Role.class, "dev", "pod-killer")).isFalse();
    }

    @Test
    void escalateOnRolesLetsTheUserGrantWhatItLacks() {
        cluster.create("dev", Role.class, """
                {"metadata": {"name": "escalator"},
                 "rules": [{"apiGroups": ["rbac.authorization.k8s.io"], "resources": ["roles"],
                            "verbs": ["escalate"]}]}""");
        cluster.create("dev", RoleBinding.class, """
                {"metadata": {"name": "jane-escalates"},
                 "roleRef": {"apiGroup": "rbac.authorization.k8s.io", "kind": "Role", "name": "escalator"},
                 "subjects": [{"kind": "User", "name": "jane"}]}""");
        assertThat(role("all-secrets", "[{\"apiGroups\": [\"\"], \"resources\": [\"secrets\"], \"verbs\": [\"*\"]}]"))
                .isNotNull();
    }

    @Test
    void bindingNeedsTheRolesRulesOrBindOnIt() {
        assertThatThrownBy(() -> binding("joe-reads-secrets", "secret-reader"))
                .isInstanceOfSatisfying(StatusException.class, e -> assertThat(e.status().getMessage()).isEqualTo(
                        "rolebindings.rbac.authorization.k8s.io \"joe-reads-secrets\" is forbidden: user \"jane\" "
                                + "(groups=[\"devs\" \"system:authenticated\"]) is attempting to grant RBAC permissions "
                                + "not currently held:\n{APIGroups:[\"\"], Resources:[\"secrets\"], Verbs:[\"get\"]}"));
        assertThatThrownBy(() -> binding("joe-reads-nothing", "no-such-role"))
                .isInstanceOfSatisfying(StatusException.class, e -> {
                    assertThat(e.code()).isEqualTo(404);
                    assertThat(e.status().getMessage()).isEqualTo(
                            "roles.rbac.authorization.k8s.io \"no-such-role\" not found");
                });
        cluster.create("dev", Role.class, """
                {"metadata": {"name": "binder"},
                 "rules": [{"apiGroups": ["rbac.authorization.k8s.io"], "resources": ["roles"],
                            "resourceNames": ["secret-reader"], "verbs": ["bind"]}]}""");
        cluster.create("dev", RoleBinding.class, """
                {"metadata": {"name": "jane-binds"},
                 "roleRef": {"apiGroup": "rbac.authorization.k8s.io", "kind": "Role", "name": "binder"},
                 "subjects": [{"kind": "User", "name": "jane"}]}""");
        assertThat(binding("joe-reads-secrets", "secret-reader")).isNotNull();
    }

    @Test
    void clusterWideGrantsAndAggregationNeedFullAuthority() {
        assertThatThrownBy(() -> asJane(() -> cluster.create(null, ClusterRoleBinding.class, """
                {"metadata": {"name": "jane-admin"},
                 "roleRef": {"apiGroup": "rbac.authorization.k8s.io", "kind": "ClusterRole", "name": "cluster-admin"},
                 "subjects": [{"kind": "User", "name": "jane"}]}""")))
                .isInstanceOfSatisfying(StatusException.class, e -> assertThat(e.code()).isEqualTo(404));
        cluster.create(null, ClusterRole.class, """
                {"metadata": {"name": "everything"},
                 "rules": [{"apiGroups": ["rbac.authorization.k8s.io"], "resources": ["clusterroles"],
                            "verbs": ["create"]}]}""");
        cluster.create(null, ClusterRoleBinding.class, """
                {"metadata": {"name": "jane-everything"},
                 "roleRef": {"apiGroup": "rbac.authorization.k8s.io", "kind": "ClusterRole", "name": "everything"},
                 "subjects": [{"kind": "User", "name": "jane"}]}""");
        assertThatThrownBy(() -> asJane(() -> cluster.create(null, ClusterRole.class, """
                {"metadata": {"name": "gatherer"},
                 "aggregationRule": {"clusterRoleSelectors": [{"matchLabels": {"gather": "true"}}]}}""")))
                .isInstanceOfSatisfying(StatusException.class, e -> assertThat(e.status().getMessage()).isEqualTo(
                        "clusterroles.rbac.authorization.k8s.io \"gatherer\" is forbidden: must have cluster-admin "
                                + "privileges to use the aggregationRule"));
    }

    @Test
    void mastersAndTheServerItselfAreNotChecked() {
        try (CurrentUser.Scope scope = CurrentUser.open(UserInfo.ADMIN)) {
            assertThat(cluster.create("dev", Role.class, """
                    {"metadata": {"name": "anything"},
                     "rules": [{"apiGroups": ["*"], "resources": ["*"], "verbs": ["*"]}]}""")).isNotNull();
        }
        assertThat(cluster.create("dev", Role.class, """
                {"metadata": {"name": "anything-else"},
                 "rules": [{"apiGroups": ["*"], "resources": ["*"], "verbs": ["*"]}]}""")).isNotNull();
    }
}
