package io.kubeling.rbac;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.PolicyRuleBuilder;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.api.model.rbac.Subject;
import io.kubeling.controllers.StoppedCluster;
import io.kubeling.registry.PostStartHooks;
import io.kubeling.registry.WriteOptions;

/** The bootstrap policy is kube's, created on start and reconciled without undoing what users changed. */
class BootstrapPolicyTest {

    private final RbacClusters rbac = new RbacClusters();
    private final StoppedCluster cluster = rbac.cluster;
    private final BootstrapPolicyReconciler reconciler = new BootstrapPolicyReconciler(cluster.registry);

    @AfterEach
    void close() {
        cluster.close();
    }

    private static PolicyRule urls(String verb, String... urls) {
        return new PolicyRuleBuilder().withNonResourceURLs(urls).withVerbs(verb).build();
    }

    private List<PolicyRule> rules(String clusterRole) {
        return cluster.get(ClusterRole.class, null, clusterRole).getRules();
    }

    @Test
    void theHookRunsOnAThreadOfItsOwnAndReportsUnfinishedUntilDone() {
        PostStartHooks hooks = new PostStartHooks();
        BootstrapPolicyReconciler hook = new BootstrapPolicyReconciler(cluster.registry, hooks);
        assertThat(hooks.finished()).containsExactly(Map.entry("poststarthook/rbac/bootstrap-roles", false));

        hook.start();
        hook.run(null);

        assertThat(hooks.finished()).containsExactly(Map.entry("poststarthook/rbac/bootstrap-roles", true));
        assertThat(rules("system:public-info-viewer")).isNotEmpty();
        // as kube's tryEnsureNamespace, the namespaces of its Roles are made when they are not there yet
        assertThat(cluster.get(Namespace.class, null, "kube-public").getMetadata().getName()).isEqualTo("kube-public");
        assertThat(cluster.get(Role.class, "kube-public", "system:controller:bootstrap-signer")).isNotNull();
    }

    @Test
    void theRolesAndBindingsAreKubes() {
        reconciler.reconcile();
        // kube's plugin/pkg/auth/authorizer/rbac/bootstrappolicy/testdata/cluster-roles.yaml
        assertThat(rules("system:discovery")).containsExactly(urls("get", "/api", "/api/*", "/apis", "/apis/*",
                "/healthz", "/livez", "/openapi", "/openapi/*", "/readyz", "/version", "/version/"));
        assertThat(rules("system:public-info-viewer")).containsExactly(urls("get", "/healthz", "/livez", "/readyz",
                "/version", "/version/"));
        assertThat(rules("system:basic-user")).containsExactly(
                new PolicyRuleBuilder().withApiGroups("authorization.k8s.io")
                        .withResources("selfsubjectaccessreviews", "selfsubjectrulesreviews").withVerbs("create").build(),
                new PolicyRuleBuilder().withApiGroups("authentication.k8s.io").withResources("selfsubjectreviews")
                        .withVerbs("create").build());
        assertThat(rules("cluster-admin")).containsExactly(
                new PolicyRuleBuilder().withApiGroups("*").withResources("*").withVerbs("*").build(),
                urls("*", "*"));
        ClusterRole view = cluster.get(ClusterRole.class, null, "view");
        assertThat(view.getMetadata().getLabels()).containsEntry("kubernetes.io/bootstrapping", "rbac-defaults")
                .containsEntry("rbac.authorization.k8s.io/aggregate-to-edit", "true");
        assertThat(view.getMetadata().getAnnotations()).containsEntry("rbac.authorization.kubernetes.io/autoupdate",
                "true");
        assertThat(view.getAggregationRule().getClusterRoleSelectors().get(0).getMatchLabels())
                .isEqualTo(Map.of("rbac.authorization.k8s.io/aggregate-to-view", "true"));

        assertThat(cluster.get(ClusterRoleBinding.class, null, "system:public-info-viewer").getSubjects())
                .extracting(Subject::getKind, Subject::getName)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("Group", "system:authenticated"),
                        org.assertj.core.groups.Tuple.tuple("Group", "system:unauthenticated"));
        assertThat(cluster.get(ClusterRoleBinding.class, null, "cluster-admin").getSubjects().get(0).getName())
                .isEqualTo("system:masters");
        assertThat(cluster.get(Role.class, "kube-system", "extension-apiserver-authentication-reader").getRules()
                .get(0).getResourceNames()).containsExactly("extension-apiserver-authentication");
        assertThat(cluster.get(RoleBinding.class, "kube-system", "system::leader-locking-kube-scheduler").getSubjects())
                .extracting(Subject::getKind).containsExactly("User", "ServiceAccount");
    }

    @Test
    void reconcilingAddsBackWhatIsMissingButLeavesAddedRulesAndProtectedRoles() {
        reconciler.reconcile();
        PolicyRule extra = new PolicyRuleBuilder().withApiGroups("").withResources("configmaps").withVerbs("get")
                .build();
        cluster.store(ClusterRole.class).update(null, "system:basic-user", null, role -> {
            role.setRules(List.of(role.getRules().get(0), extra));
            return role;
        }, WriteOptions.DEFAULT);
        cluster.store(ClusterRole.class).update(null, "system:discovery", null, role -> {
            role.getMetadata().getAnnotations().put(BootstrapPolicy.AUTOUPDATE, "false");
            role.setRules(List.of(urls("get", "/version")));
            return role;
        }, WriteOptions.DEFAULT);
        cluster.store(ClusterRoleBinding.class).update(null, "system:basic-user", null, binding -> {
            binding.setSubjects(List.of());
            return binding;
        }, WriteOptions.DEFAULT);

        reconciler.reconcile();

        assertThat(rules("system:basic-user")).containsExactly(
                new PolicyRuleBuilder().withApiGroups("authorization.k8s.io")
                        .withResources("selfsubjectaccessreviews", "selfsubjectrulesreviews").withVerbs("create").build(),
                extra,
                new PolicyRuleBuilder().withApiGroups("authentication.k8s.io").withResources("selfsubjectreviews")
                        .withVerbs("create").build());
        assertThat(rules("system:discovery")).containsExactly(urls("get", "/version"));
        assertThat(cluster.get(ClusterRoleBinding.class, null, "system:basic-user").getSubjects())
                .extracting(Subject::getName).containsExactly("system:authenticated");
    }
}
