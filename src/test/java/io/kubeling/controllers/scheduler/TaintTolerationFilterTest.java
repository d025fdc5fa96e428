package io.kubeling.controllers.scheduler;

import static io.kubeling.controllers.scheduler.Fixtures.info;
import static io.kubeling.controllers.scheduler.Fixtures.pod;
import static io.kubeling.controllers.scheduler.Fixtures.run;
import static io.kubeling.controllers.scheduler.Fixtures.taint;
import static io.kubeling.controllers.scheduler.Fixtures.tainted;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.Pod;

class TaintTolerationFilterTest {

    private final Filter filter = new TaintTolerationFilter();

    @Test
    void theFirstUntoleratedNoScheduleOrNoExecuteTaintIsNamed() {
        NodeInfo node = info(tainted("n", taint("soft", "x", "PreferNoSchedule"), taint("dedicated", "gpu", "NoSchedule"),
                taint("other", null, "NoExecute")));
        FilterResult result = run(filter, pod().build(), node);
        assertThat(result.fits()).isFalse();
        assertThat(result.unresolvable()).isTrue();
        assertThat(result.reasons()).containsExactly("node(s) had untolerated taint {dedicated: gpu}");
    }

    @Test
    void aTaintWithoutValueShowsAnEmptyOne() {
        FilterResult result = run(filter, pod().build(),
                info(tainted("n", taint("node.kubernetes.io/not-ready", null, "NoSchedule"))));
        assertThat(result.reasons()).containsExactly("node(s) had untolerated taint {node.kubernetes.io/not-ready: }");
    }

    @Test
    void matchingTolerationsLetThePodIn() {
        NodeInfo node = info(tainted("n", taint("dedicated", "gpu", "NoSchedule")));
        Pod equal = pod().editSpec().addNewToleration().withKey("dedicated").withValue("gpu").withEffect("NoSchedule")
                .endToleration().endSpec().build();
        Pod exists = pod().editSpec().addNewToleration().withOperator("Exists").endToleration().endSpec().build();
        Pod wrongValue = pod().editSpec().addNewToleration().withKey("dedicated").withValue("cpu")
                .endToleration().endSpec().build();
        assertThat(run(filter, equal, node).fits()).isTrue();
        assertThat(run(filter, exists, node).fits()).isTrue();
        assertThat(run(filter, wrongValue, node).fits()).isFalse();
    }
}
