package io.kubeling.rbac;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.rbac.ClusterRole;

/**
 * Every server of a JVM builds its policy from the file parsed once, and gets objects of its own: what one server's
 * writes do to them (a store sets their uid and resourceVersion) reaches no other server's.
 */
class BootstrapPolicyLoadTest {

    @Test
    void eachLoadHasObjectsOfItsOwn() {
        BootstrapPolicy first = BootstrapPolicy.load();
        ClusterRole node = first.clusterRole("system:node");
        node.getMetadata().setResourceVersion("7");
        node.getMetadata().getLabels().put("changed", "true");
        node.getRules().clear();

        BootstrapPolicy second = BootstrapPolicy.load();

        ClusterRole again = second.clusterRole("system:node");
        assertThat(again).isNotSameAs(node);
        assertThat(again.getMetadata().getResourceVersion()).isNull();
        assertThat(again.getMetadata().getLabels()).doesNotContainKey("changed");
        assertThat(again.getRules()).isNotEmpty();
        assertThat(second.clusterRoles()).hasSameSizeAs(first.clusterRoles());
    }

    @Test
    void controllerRolesAreNamedInEachLoad() {
        BootstrapPolicy.load();

        assertThat(BootstrapPolicy.load().clusterRole("system:controller:deployment-controller").getRules())
                .isNotEmpty();
    }
}
