package io.kubeling.controllers.scheduler;

import static io.kubeling.controllers.scheduler.Fixtures.info;
import static io.kubeling.controllers.scheduler.Fixtures.node;
import static io.kubeling.controllers.scheduler.Fixtures.pod;
import static io.kubeling.controllers.scheduler.Fixtures.run;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;

class NodeUnschedulableFilterTest {

    private final Filter filter = new NodeUnschedulableFilter();

    @Test
    void aCordonedNodeRejectsPodsForGood() {
        Node node = node("n");
        node.getSpec().setUnschedulable(true);
        FilterResult result = run(filter, pod().build(), info(node));
        assertThat(result.fits()).isFalse();
        assertThat(result.unresolvable()).isTrue();
        assertThat(result.reasons()).containsExactly("node(s) were unschedulable");
        assertThat(run(filter, pod().build(), info(node("m"))).fits()).isTrue();
    }

    @Test
    void aPodToleratingTheUnschedulableTaintFits() {
        Node node = node("n");
        node.getSpec().setUnschedulable(true);
        Pod pod = pod().editSpec().addNewToleration().withKey("node.kubernetes.io/unschedulable")
                .withOperator("Exists").withEffect("NoSchedule").endToleration().endSpec().build();
        assertThat(run(filter, pod, info(node)).fits()).isTrue();
    }
}
