package io.kubeling.resources.rbac;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.api.model.rbac.RoleRef;
import io.kubeling.controllers.StoppedCluster;
import io.kubeling.registry.StatusException;
import io.kubeling.registry.WriteOptions;

/** kube's RBAC validation messages, and v1's defaults for role references and subjects. */
class RbacValidationTest {

    private final RbacResources rbac = new RbacResources();
    private final StoppedCluster cluster = new StoppedCluster(List.of(rbac.roles(), rbac.clusterroles(),
            rbac.rolebindings(), rbac.clusterrolebindings()), List.of());

    @AfterEach
    void close() {
        cluster.close();
    }

    private <T extends HasMetadata> String refusal(String namespace, Class<T> type, String json) {
        StatusException e = (StatusException) org.assertj.core.api.Assertions.catchThrowable(
                () -> cluster.create(namespace, type, json));
        assertThat(e).isNotNull();
        assertThat(e.code()).isEqualTo(422);
        return e.status().getMessage();
    }

    @Test
    void rulesNeedVerbsAndEitherResourcesOrPaths() {
        assertThat(refusal("dev", Role.class, """
                {"metadata": {"name": "r"}, "rules": [{"nonResourceURLs": ["/x"], "verbs": ["get"]}, {}]}"""))
                .isEqualTo("Role.rbac.authorization.k8s.io \"r\" is invalid: [rules[0].nonResourceURLs: Invalid value: "
                        + "[]string{\"/x\"}: namespaced rules cannot apply to non-resource URLs, rules[1].verbs: "
                        + "Required value: verbs must contain at least one value, rules[1].apiGroups: Required value: "
                        + "resource rules must supply at least one api group, rules[1].resources: Required value: "
                        + "resource rules must supply at least one resource]");
        assertThat(refusal(null, ClusterRole.class, """
                {"metadata": {"name": "c"}, "rules": [{"nonResourceURLs": ["/x"], "resources": ["pods"],
                 "verbs": ["get"]}], "aggregationRule": {}}"""))
                .isEqualTo("ClusterRole.rbac.authorization.k8s.io \"c\" is invalid: [rules[0].nonResourceURLs: Invalid "
                        + "value: []string{\"/x\"}: rules cannot apply to both regular resources and non-resource URLs, "
                        + "aggregationRule.clusterRoleSelectors: Required value: at least one clusterRoleSelector "
                        + "required if aggregationRule is non-nil]");
    }

    @Test
    void bindingsReferToRolesOfRbacAndNameTheirSubjectsProperly() {
        assertThat(refusal("dev", RoleBinding.class, """
                {"metadata": {"name": "b"}, "roleRef": {"kind": "Deployment", "name": "x"},
                 "subjects": [{"kind": "Robot", "name": "r2"}, {"kind": "ServiceAccount", "name": "Bad_Name",
                               "apiGroup": "rbac.authorization.k8s.io"}]}"""))
                .isEqualTo("RoleBinding.rbac.authorization.k8s.io \"b\" is invalid: [roleRef.kind: Unsupported value: "
                        + "\"Deployment\": supported values: \"Role\", \"ClusterRole\", subjects[0].kind: Unsupported "
                        + "value: \"Robot\": supported values: \"ServiceAccount\", \"User\", \"Group\", "
                        + "subjects[1].name: Invalid value: \"Bad_Name\": a lowercase RFC 1123 subdomain must consist of "
                        + "lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric "
                        + "character (e.g. 'example.com', regex used for validation is "
                        + "'[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*'), subjects[1].apiGroup: "
                        + "Unsupported value: \"rbac.authorization.k8s.io\": supported values: \"\"]");
        assertThat(refusal(null, ClusterRoleBinding.class, """
                {"metadata": {"name": "c"}, "roleRef": {"kind": "Role", "name": "x"},
                 "subjects": [{"kind": "ServiceAccount", "name": "ci"}]}"""))
                .isEqualTo("ClusterRoleBinding.rbac.authorization.k8s.io \"c\" is invalid: [roleRef.kind: Unsupported "
                        + "value: \"Role\": supported values: \"ClusterRole\", subjects[0].namespace: Required value]");
    }

    @Test
    void aBindingsGroupsAreDefaultedAndItsRoleRefNeverChanges() {
        RoleBinding created = cluster.create("dev", RoleBinding.class, """
                {"metadata": {"name": "b"}, "roleRef": {"kind": "Role", "name": "a"},
                 "subjects": [{"kind": "User", "name": "jane"}, {"kind": "ServiceAccount", "name": "ci"}]}""");
        assertThat(created.getRoleRef().getApiGroup()).isEqualTo("rbac.authorization.k8s.io");
        assertThat(created.getSubjects().get(0).getApiGroup()).isEqualTo("rbac.authorization.k8s.io");
        assertThat(created.getSubjects().get(1).getApiGroup()).isNull();
        assertThatThrownBy(() -> cluster.store(RoleBinding.class).update("dev", "b", null, b -> {
            b.setRoleRef(new RoleRef("rbac.authorization.k8s.io", "ClusterRole", "view"));
            return b;
        }, WriteOptions.DEFAULT)).isInstanceOfSatisfying(StatusException.class, e -> assertThat(
                e.status().getMessage()).isEqualTo("RoleBinding.rbac.authorization.k8s.io \"b\" is invalid: roleRef: "
                        + "Invalid value: rbac.RoleRef{APIGroup:\"rbac.authorization.k8s.io\", Kind:\"ClusterRole\", "
                        + "Name:\"view\"}: cannot change roleRef"));
    }
}
