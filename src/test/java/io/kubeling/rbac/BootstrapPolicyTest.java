package io.kubeling.rbac;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
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
        BootstrapPolicyReconciler hook = new BootstrapPolicyReconciler(cluster.registry, hooks, false);
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
    void theServersHookBeginsOnceBuiltWithoutWaitingForTheLifecycle() {
        PostStartHooks hooks = new PostStartHooks();
        new BootstrapPolicyReconciler(cluster.registry, hooks);

        await().atMost(Duration.ofSeconds(30)).until(() -> hooks.finished().get("poststarthook/rbac/bootstrap-roles"));
        assertThat(rules("system:public-info-viewer")).isNotEmpty();
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

    private static PolicyRule rule(String group, List<String> resources, String... verbs) {
        return new PolicyRuleBuilder().withApiGroups(group).withResources(resources).withVerbs(verbs).build();
    }

    @Test
    void everyClusterRoleOfKubesIsThereAndTheComponentsRolesHoldKubesRules() {
        reconciler.reconcile();
        // the ClusterRoles of kube's testdata/cluster-roles.yaml, besides the controllers' own
        assertThat(cluster.store(ClusterRole.class).list(null, io.kubeling.registry.ListOptions.ALL).items().stream()
                .map(role -> role.getMetadata().getName()).filter(name -> !name.startsWith("system:controller:"))
                .sorted().toList()).containsExactly("admin", "cluster-admin", "edit", "system:aggregate-to-admin",
                "system:aggregate-to-edit", "system:aggregate-to-view", "system:auth-delegator", "system:basic-user",
                "system:certificates.k8s.io:certificatesigningrequests:nodeclient",
                "system:certificates.k8s.io:certificatesigningrequests:selfnodeclient",
                "system:certificates.k8s.io:kube-apiserver-client-approver",
                "system:certificates.k8s.io:kube-apiserver-client-kubelet-approver",
                "system:certificates.k8s.io:kubelet-serving-approver",
                "system:certificates.k8s.io:legacy-unknown-approver", "system:discovery", "system:heapster",
                "system:kube-aggregator", "system:kube-controller-manager", "system:kube-dns", "system:kube-scheduler",
                "system:kubelet-api-admin", "system:monitoring", "system:node", "system:node-bootstrapper",
                "system:node-problem-detector", "system:node-proxier", "system:persistent-volume-provisioner",
                "system:public-info-viewer", "system:service-account-issuer-discovery", "system:volume-scheduler",
                "view");
        List<String> read = List.of("get", "list", "watch");
        assertThat(rules("system:node")).containsExactly(
                rule("authentication.k8s.io", List.of("tokenreviews"), "create"),
                rule("authorization.k8s.io", List.of("localsubjectaccessreviews", "subjectaccessreviews"), "create"),
                rule("", List.of("services"), "get", "list", "watch"),
                rule("", List.of("nodes"), "create", "get", "list", "watch"),
                rule("", List.of("nodes/status"), "patch", "update"),
                rule("", List.of("nodes"), "patch", "update"),
                rule("", List.of("events"), "create", "patch", "update"),
                rule("", List.of("pods"), "get", "list", "watch"),
                rule("", List.of("pods"), "create", "delete"),
                rule("", List.of("pods/status"), "patch", "update"),
                rule("", List.of("pods/eviction"), "create"),
                rule("", List.of("configmaps", "secrets"), "get", "list", "watch"),
                rule("", List.of("persistentvolumeclaims", "persistentvolumes"), "get"),
                rule("", List.of("endpoints"), "get"),
                rule("certificates.k8s.io", List.of("certificatesigningrequests"), "create", "get", "list", "watch"),
                rule("coordination.k8s.io", List.of("leases"), "create", "delete", "get", "patch", "update"),
                rule("storage.k8s.io", List.of("volumeattachments"), "get"),
                rule("", List.of("serviceaccounts/token"), "create"),
                rule("", List.of("persistentvolumeclaims/status"), "get", "patch", "update"),
                rule("storage.k8s.io", List.of("csidrivers"), read.toArray(String[]::new)),
                rule("storage.k8s.io", List.of("csinodes"), "create", "delete", "get", "patch", "update"),
                rule("node.k8s.io", List.of("runtimeclasses"), read.toArray(String[]::new)));
        assertThat(rules("system:kube-scheduler")).hasSize(18).contains(
                new PolicyRuleBuilder().withApiGroups("coordination.k8s.io").withResources("leases")
                        .withResourceNames("kube-scheduler").withVerbs("get", "update").build(),
                rule("", List.of("bindings", "pods/binding"), "create"),
                rule("", List.of("pods/status"), "patch", "update"),
                rule("storage.k8s.io", List.of("csistoragecapacities"), read.toArray(String[]::new)));
        assertThat(rules("system:kube-controller-manager")).hasSize(11).contains(
                new PolicyRuleBuilder().withApiGroups("*").withResources("*").withVerbs("list", "watch").build(),
                rule("", List.of("serviceaccounts/token"), "create"));
        assertThat(rules("system:monitoring")).containsExactly(urls("get", "/healthz", "/healthz/*", "/livez",
                "/livez/*", "/metrics", "/metrics/slis", "/readyz", "/readyz/*"));
        assertThat(rules("system:service-account-issuer-discovery")).containsExactly(urls("get",
                "/.well-known/openid-configuration", "/openid/v1/jwks"));
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
