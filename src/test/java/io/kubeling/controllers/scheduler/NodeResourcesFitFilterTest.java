package io.kubeling.controllers.scheduler;

import static io.kubeling.controllers.scheduler.Fixtures.info;
import static io.kubeling.controllers.scheduler.Fixtures.node;
import static io.kubeling.controllers.scheduler.Fixtures.pod;
import static io.kubeling.controllers.scheduler.Fixtures.podRequesting;
import static io.kubeling.controllers.scheduler.Fixtures.run;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class NodeResourcesFitFilterTest {

    private final Filter filter = new NodeResourcesFitFilter();

    @Test
    void requestsMustFitWhatIsLeftOfAllocatable() {
        NodeInfo half = info(node("n", "4", "8Gi", 110), "2", "4Gi", 3);
        assertThat(run(filter, podRequesting("2", "4Gi"), half).fits()).isTrue();
        FilterResult result = run(filter, podRequesting("2100m", "5Gi"), half);
        assertThat(result.fits()).isFalse();
        assertThat(result.unresolvable()).isFalse();
        assertThat(result.reasons()).containsExactly("Insufficient cpu", "Insufficient memory");
    }

    @Test
    void aFullNodeHasTooManyPodsEvenForAPodThatAsksNothing() {
        NodeInfo full = info(node("n", "4", "8Gi", 2), "0", "0", 2);
        assertThat(run(filter, pod().build(), full).reasons()).containsExactly("Too many pods");
        assertThat(run(filter, pod().build(), info(node("n", "4", "8Gi", 3), "4", "8Gi", 2)).fits()).isTrue();
    }

    @Test
    void initContainersSetAFloorAndSidecarsAddUp() {
        var pod = new io.fabric8.kubernetes.api.model.PodBuilder(podRequesting("1", "1Gi")).editSpec()
                .addNewInitContainer().withName("init").withNewResources()
                .addToRequests("cpu", new io.fabric8.kubernetes.api.model.Quantity("3")).endResources().endInitContainer()
                .addNewInitContainer().withName("sidecar").withRestartPolicy("Always").withNewResources()
                .addToRequests("cpu", new io.fabric8.kubernetes.api.model.Quantity("500m")).endResources()
                .endInitContainer().endSpec().build();
        PodRequests requests = PodRequests.of(pod);
        assertThat(requests.requests().milliCpu()).isEqualTo(3000);
        assertThat(requests.requests().memory()).isEqualTo(1024L * 1024 * 1024);
        assertThat(run(filter, pod, info(node("n", "2", "8Gi", 110))).reasons()).containsExactly("Insufficient cpu");
    }
}
