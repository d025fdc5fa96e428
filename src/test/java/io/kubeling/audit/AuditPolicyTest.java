package io.kubeling.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.kubeling.registry.UserInfo;

class AuditPolicyTest {

    private static final UserInfo ALICE = new UserInfo("alice", "", List.of("dev", "system:authenticated"), Map.of());
    private static final UserInfo NODE = new UserInfo("system:node:n1", "", List.of("system:nodes"), Map.of());

    // the policy of kube's "Auditing" task page, shortened
    private static final AuditPolicy POLICY = AuditPolicy.parse("""
            apiVersion: audit.k8s.io/v1
            kind: Policy
            omitStages:
              - "RequestReceived"
            rules:
              - level: RequestResponse
                resources:
                - group: ""
                  resources: ["pods"]
              - level: Metadata
                resources:
                - group: ""
                  resources: ["pods/log", "pods/status"]
              - level: None
                resources:
                - group: ""
                  resources: ["configmaps"]
                  resourceNames: ["controller-leader"]
              - level: None
                users: ["system:kube-proxy"]
                verbs: ["watch"]
                resources:
                - group: ""
                  resources: ["endpoints", "services"]
              - level: None
                userGroups: ["system:nodes"]
              - level: None
                nonResourceURLs:
                - /api*
                - /version
              - level: Request
                resources:
                - group: ""
                  resources: ["configmaps"]
                namespaces: ["kube-system"]
                omitManagedFields: true
              - level: Request
                resources:
                - group: "apps"
                  resources: ["*/scale"]
                omitStages:
                  - "ResponseStarted"
              - level: Metadata
                omitStages:
                  - "RequestReceived"
            """);

    @Test
    void theFirstMatchingRuleSetsTheLevel() {
        assertThat(level(ALICE, "get", "", "default", "pods", "", "p")).isEqualTo(AuditLevel.RequestResponse);
        assertThat(level(ALICE, "get", "", "default", "pods", "log", "p")).isEqualTo(AuditLevel.Metadata);
        assertThat(level(ALICE, "get", "", "default", "configmaps", "", "controller-leader"))
                .isEqualTo(AuditLevel.None);
        assertThat(level(ALICE, "get", "", "kube-system", "configmaps", "", "other")).isEqualTo(AuditLevel.Request);
        assertThat(level(ALICE, "get", "", "default", "configmaps", "", "other")).isEqualTo(AuditLevel.Metadata);
    }

    @Test
    void usersGroupsAndVerbsMustAllMatch() {
        UserInfo proxy = new UserInfo("system:kube-proxy", "", List.of(), Map.of());
        assertThat(level(proxy, "watch", "", "default", "services", "", "")).isEqualTo(AuditLevel.None);
        assertThat(level(proxy, "list", "", "default", "services", "", "")).isEqualTo(AuditLevel.Metadata);
        assertThat(level(ALICE, "watch", "", "default", "services", "", "")).isEqualTo(AuditLevel.Metadata);
        assertThat(level(NODE, "create", "", "default", "events", "", "")).isEqualTo(AuditLevel.None);
    }

    @Test
    void subresourceWildcardsMatchAsKubes() {
        assertThat(level(ALICE, "update", "apps", "default", "deployments", "scale", "d"))
                .isEqualTo(AuditLevel.Request);
        assertThat(level(ALICE, "update", "apps", "default", "deployments", "", "d")).isEqualTo(AuditLevel.Metadata);
        AuditPolicy podsAll = AuditPolicy.parse("""
                apiVersion: audit.k8s.io/v1
                kind: Policy
                rules:
                - level: Request
                  resources: [{group: "", resources: ["pods/*"]}]
                """);
        assertThat(podsAll.evaluate(resource(ALICE, "get", "", "d", "pods", "exec", "p")).level())
                .isEqualTo(AuditLevel.Request);
        assertThat(podsAll.evaluate(resource(ALICE, "get", "", "d", "services", "", "s")).level())
                .isEqualTo(AuditLevel.None);
    }

    @Test
    void nonResourceUrlsMatchOnlyNonResourceRequests() {
        assertThat(POLICY.evaluate(nonResource("/apis/apps/v1")).level()).isEqualTo(AuditLevel.None);
        assertThat(POLICY.evaluate(nonResource("/version")).level()).isEqualTo(AuditLevel.None);
        assertThat(POLICY.evaluate(nonResource("/healthz")).level()).isEqualTo(AuditLevel.Metadata);
        AuditPolicy onlyUrls = AuditPolicy.parse("""
                apiVersion: audit.k8s.io/v1
                kind: Policy
                rules:
                - level: Metadata
                  nonResourceURLs: ["*"]
                """);
        assertThat(onlyUrls.evaluate(resource(ALICE, "get", "", "d", "pods", "", "p")).level())
                .isEqualTo(AuditLevel.None);
    }

    @Test
    void omitStagesJoinThePolicysAndTheRules() {
        AuditPolicy.Config scale = POLICY.evaluate(resource(ALICE, "update", "apps", "d", "deployments", "scale", "x"));
        assertThat(scale.omitStages()).containsExactlyInAnyOrder(AuditStage.RequestReceived,
                AuditStage.ResponseStarted);
        assertThat(POLICY.evaluate(resource(ALICE, "get", "", "d", "pods", "", "p")).omitStages())
                .containsExactly(AuditStage.RequestReceived);
    }

    @Test
    void aRuleMayOmitManagedFields() {
        assertThat(POLICY.evaluate(resource(ALICE, "get", "", "kube-system", "configmaps", "", "c"))
                .omitManagedFields()).isTrue();
        assertThat(POLICY.evaluate(resource(ALICE, "get", "", "default", "pods", "", "p")).omitManagedFields())
                .isFalse();
    }

    @Test
    void aRequestNoRuleMatchesIsNotLogged() {
        AuditPolicy none = AuditPolicy.parse("""
                apiVersion: audit.k8s.io/v1
                kind: Policy
                rules:
                - level: Metadata
                  users: ["bob"]
                """);
        assertThat(none.evaluate(resource(ALICE, "get", "", "d", "pods", "", "p")).level())
                .isEqualTo(AuditLevel.None);
    }

    @Test
    void aPolicyOfAnotherKindOrAnUnknownLevelIsRefused() {
        assertThatThrownBy(() -> AuditPolicy.parse("apiVersion: v1\nkind: ConfigMap\n"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("audit.k8s.io/v1");
        assertThatThrownBy(() -> AuditPolicy.parse("""
                apiVersion: audit.k8s.io/v1
                kind: Policy
                rules:
                - level: Everything
                """)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Everything");
    }

    private static AuditLevel level(UserInfo user, String verb, String group, String namespace, String resource,
            String subresource, String name) {
        return POLICY.evaluate(resource(user, verb, group, namespace, resource, subresource, name)).level();
    }

    static AuditPolicy.Attributes resource(UserInfo user, String verb, String group, String namespace,
            String resource, String subresource, String name) {
        return new AuditPolicy.Attributes(user, verb, true, "/api", group, namespace, resource, subresource, name);
    }

    private static AuditPolicy.Attributes nonResource(String path) {
        return new AuditPolicy.Attributes(ALICE, "get", false, path, "", "", "", "", "");
    }
}
