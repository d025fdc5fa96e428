package io.kubeling.rbac;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.PolicyRuleBuilder;
import io.kubeling.registry.Authorizer.Attributes;
import io.kubeling.registry.UserInfo;

/** kube's RuleAllows and Covers cases, and how missing rules are printed. */
class PolicyRulesTest {

    private static final UserInfo JANE = new UserInfo("jane", "", List.of(), Map.of());

    private static Attributes resource(String verb, String group, String resource, String subresource, String name) {
        return new Attributes(JANE, verb, true, group, "v1", resource, subresource, "dev", name, "");
    }

    private static Attributes path(String verb, String path) {
        return new Attributes(JANE, verb, false, "", "", "", "", "", "", path);
    }

    private static PolicyRule rule(List<String> groups, List<String> resources, List<String> verbs) {
        return new PolicyRuleBuilder().withApiGroups(groups).withResources(resources).withVerbs(verbs).build();
    }

    @Test
    void aRuleAllowsItsVerbsGroupsResourcesAndNames() {
        PolicyRule pods = rule(List.of(""), List.of("pods"), List.of("get", "list"));
        assertThat(PolicyRules.allows(resource("get", "", "pods", "", "web"), pods)).isTrue();
        assertThat(PolicyRules.allows(resource("delete", "", "pods", "", "web"), pods)).isFalse();
        assertThat(PolicyRules.allows(resource("get", "apps", "pods", "", "web"), pods)).isFalse();
        assertThat(PolicyRules.allows(resource("get", "", "pods", "log", "web"), pods)).isFalse();

        PolicyRule named = new PolicyRuleBuilder(pods).withResourceNames("web").build();
        assertThat(PolicyRules.allows(resource("get", "", "pods", "", "web"), named)).isTrue();
        assertThat(PolicyRules.allows(resource("get", "", "pods", "", "db"), named)).isFalse();
        assertThat(PolicyRules.allows(resource("list", "", "pods", "", ""), named)).isFalse();

        PolicyRule anyStatus = rule(List.of("*"), List.of("*/status"), List.of("*"));
        assertThat(PolicyRules.allows(resource("update", "apps", "deployments", "status", "web"), anyStatus)).isTrue();
        assertThat(PolicyRules.allows(resource("update", "apps", "deployments", "scale", "web"), anyStatus)).isFalse();
        assertThat(PolicyRules.allows(resource("update", "apps", "deployments", "", "web"), anyStatus)).isFalse();
        assertThat(PolicyRules.allows(resource("get", "", "pods", "log", "web"),
                rule(List.of(""), List.of("pods/log"), List.of("get")))).isTrue();
    }

    @Test
    void aNonResourceRuleMatchesItsPathsAndTheirStarredPrefixes() {
        PolicyRule discovery = new PolicyRuleBuilder().withNonResourceURLs("/apis", "/apis/*", "/healthz")
                .withVerbs("get").build();
        assertThat(PolicyRules.allows(path("get", "/apis"), discovery)).isTrue();
        assertThat(PolicyRules.allows(path("get", "/apis/apps/v1"), discovery)).isTrue();
        assertThat(PolicyRules.allows(path("get", "/healthz/etcd"), discovery)).isFalse();
        assertThat(PolicyRules.allows(path("post", "/apis"), discovery)).isFalse();
        assertThat(PolicyRules.allows(resource("get", "", "pods", "", ""), discovery)).isFalse();
        assertThat(PolicyRules.allows(path("delete", "/anything"),
                new PolicyRuleBuilder().withNonResourceURLs("*").withVerbs("*").build())).isTrue();
    }

    @Test
    void coversBreaksRulesDownAndReportsWhatNoOwnedRuleCovers() {
        List<PolicyRule> owner = List.of(rule(List.of(""), List.of("pods", "*/status"), List.of("get", "list")),
                new PolicyRuleBuilder().withNonResourceURLs("/logs/*").withVerbs("get").build());
        assertThat(PolicyRules.uncovered(owner, List.of(rule(List.of(""), List.of("pods"), List.of("get"))))).isEmpty();
        assertThat(PolicyRules.uncovered(owner, List.of(rule(List.of(""), List.of("deployments/status"),
                List.of("list"))))).isEmpty();
        assertThat(PolicyRules.uncovered(owner, List.of(new PolicyRuleBuilder().withNonResourceURLs("/logs/a")
                .withVerbs("get").build()))).isEmpty();
        List<PolicyRule> missing = PolicyRules.uncovered(owner, List.of(
                rule(List.of("", "apps"), List.of("pods"), List.of("get", "delete", "watch")),
                new PolicyRuleBuilder().withApiGroups("").withResources("secrets").withResourceNames("a", "b")
                        .withVerbs("get").build()));
        assertThat(PolicyRules.describeMissing(missing)).containsExactly(
                "{APIGroups:[\"\"], Resources:[\"pods\"], Verbs:[\"delete\" \"watch\"]}",
                "{APIGroups:[\"\"], Resources:[\"secrets\"], ResourceNames:[\"a\"], Verbs:[\"get\"]}",
                "{APIGroups:[\"\"], Resources:[\"secrets\"], ResourceNames:[\"b\"], Verbs:[\"get\"]}",
                "{APIGroups:[\"apps\"], Resources:[\"pods\"], Verbs:[\"get\" \"delete\" \"watch\"]}");
    }

    @Test
    void aNamedRuleDoesNotCoverTheWholeResource() {
        List<PolicyRule> owner = List.of(new PolicyRuleBuilder().withApiGroups("").withResources("configmaps")
                .withResourceNames("settings").withVerbs("get").build());
        assertThat(PolicyRules.uncovered(owner, List.of(rule(List.of(""), List.of("configmaps"), List.of("get")))))
                .hasSize(1);
        assertThat(PolicyRules.uncovered(owner, owner)).isEmpty();
    }
}
