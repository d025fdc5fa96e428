package io.kubeling.controllers.clusterroleaggregation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.PolicyRuleBuilder;
import io.kubeling.controllers.StoppedCluster;
import io.kubeling.registry.DeleteOptions;
import io.kubeling.resources.rbac.RbacResources;

/** An aggregated ClusterRole follows the rules of the roles its selectors match, as they come, change and go. */
class ClusterRoleAggregationControllerTest {

    private final StoppedCluster cluster = new StoppedCluster(List.of(new RbacResources().clusterroles()),
            List.of());

    @AfterEach
    void close() {
        cluster.close();
    }

    private static PolicyRule rule(String resource, String verb) {
        return new PolicyRuleBuilder().withApiGroups("").withResources(resource).withVerbs(verb).build();
    }

    private void labelled(String name, String label, String rules) {
        cluster.create(null, ClusterRole.class, "{\"metadata\": {\"name\": \"" + name + "\", \"labels\": {\"" + label
                + "\": \"true\"}}, \"rules\": " + rules + "}");
    }

    @Test
    void theAggregatedRoleHoldsEachMatchingRolesRulesOnceInNameOrder() {
        cluster.start(new ClusterRoleAggregationController(cluster.kit()));
        cluster.create(null, ClusterRole.class, """
                {"metadata": {"name": "monitoring"},
                 "aggregationRule": {"clusterRoleSelectors": [{"matchLabels": {"agg/monitoring": "true"}},
                                                              {"matchLabels": {"agg/extra": "true"}}]}}""");
        labelled("b-pods", "agg/monitoring", "[{\"apiGroups\": [\"\"], \"resources\": [\"pods\"], \"verbs\": [\"get\"]}]");
        labelled("a-nodes", "agg/monitoring", "[{\"apiGroups\": [\"\"], \"resources\": [\"nodes\"], \"verbs\": [\"get\"]},"
                + "{\"apiGroups\": [\"\"], \"resources\": [\"pods\"], \"verbs\": [\"get\"]}]");
        labelled("c-events", "agg/extra", "[{\"apiGroups\": [\"\"], \"resources\": [\"events\"], \"verbs\": [\"list\"]}]");
        labelled("unrelated", "agg/other", "[{\"apiGroups\": [\"\"], \"resources\": [\"secrets\"], \"verbs\": [\"get\"]}]");

        ClusterRole aggregated = cluster.await(ClusterRole.class, null, "monitoring", r -> r.getRules().size() == 3);
        assertThat(aggregated.getRules()).containsExactly(rule("nodes", "get"), rule("pods", "get"),
                rule("events", "list"));
        assertThat(aggregated.getMetadata().getManagedFields()).extracting(f -> f.getManager())
                .contains("clusterrole-aggregation-controller");

        cluster.store(ClusterRole.class).delete(null, "a-nodes", DeleteOptions.DEFAULT);
        assertThat(cluster.await(ClusterRole.class, null, "monitoring", r -> r.getRules().size() == 2).getRules())
                .containsExactly(rule("pods", "get"), rule("events", "list"));
    }

    @Test
    void rolesThatExistBeforeTheControllerStartsAreAggregatedOnStart() {
        labelled("viewer", "agg/view", "[{\"apiGroups\": [\"\"], \"resources\": [\"pods\"], \"verbs\": [\"list\"]}]");
        cluster.create(null, ClusterRole.class, """
                {"metadata": {"name": "view-all"},
                 "aggregationRule": {"clusterRoleSelectors": [{"matchLabels": {"agg/view": "true"}}]}}""");
        cluster.start(new ClusterRoleAggregationController(cluster.kit()));
        assertThat(cluster.await(ClusterRole.class, null, "view-all", r -> r.getRules() != null
                && !r.getRules().isEmpty()).getRules()).containsExactly(rule("pods", "list"));
    }
}
