package io.kubeling.controllers.scheduler;

import static io.kubeling.controllers.scheduler.Fixtures.info;
import static io.kubeling.controllers.scheduler.Fixtures.node;
import static io.kubeling.controllers.scheduler.Fixtures.pod;
import static io.kubeling.controllers.scheduler.Fixtures.run;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.Pod;

class NodeNameFilterTest {

    private final Filter filter = new NodeNameFilter();

    @Test
    void aNamedNodeIsTheOnlyFit() {
        Pod pod = pod().editSpec().withNodeName("a").endSpec().build();
        assertThat(run(filter, pod, info(node("a"))).fits()).isTrue();
        FilterResult other = run(filter, pod, info(node("b")));
        assertThat(other.fits()).isFalse();
        assertThat(other.reasons()).containsExactly("node(s) didn't match the requested node name");
        assertThat(run(filter, pod().build(), info(node("b"))).fits()).isTrue();
    }
}
