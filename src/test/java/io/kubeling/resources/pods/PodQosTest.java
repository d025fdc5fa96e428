package io.kubeling.resources.pods;

import static io.kubeling.resources.pods.PodFixtures.created;
import static io.kubeling.resources.pods.PodFixtures.minimal;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Quantity;

class PodQosTest {

    @Test
    void noRequestsOrLimitsIsBestEffort() {
        assertThat(qos(minimal().build())).isEqualTo("BestEffort");
    }

    @Test
    void limitsOnlyBecomeEqualRequestsAndGuaranteed() {
        Pod pod = minimal().editSpec().editFirstContainer().withNewResources()
                .addToLimits("cpu", new Quantity("1")).addToLimits("memory", new Quantity("1Gi"))
                .endResources().endContainer().endSpec().build();

        assertThat(qos(pod)).isEqualTo("Guaranteed");
    }

    @Test
    void equalValuesInOtherUnitsAreGuaranteed() {
        Pod pod = minimal().editSpec().editFirstContainer().withNewResources()
                .addToLimits("cpu", new Quantity("1")).addToLimits("memory", new Quantity("1Gi"))
                .addToRequests("cpu", new Quantity("1000m")).addToRequests("memory", new Quantity("1024Mi"))
                .endResources().endContainer().endSpec().build();

        assertThat(qos(pod)).isEqualTo("Guaranteed");
    }

    @Test
    void requestsBelowLimitsAreBurstable() {
        Pod pod = minimal().editSpec().editFirstContainer().withNewResources()
                .addToLimits("cpu", new Quantity("1")).addToLimits("memory", new Quantity("1Gi"))
                .addToRequests("cpu", new Quantity("500m"))
                .endResources().endContainer().endSpec().build();

        assertThat(qos(pod)).isEqualTo("Burstable");
    }

    @Test
    void onlySomeResourcesLimitedIsBurstable() {
        Pod pod = minimal().editSpec().editFirstContainer().withNewResources()
                .addToLimits("cpu", new Quantity("1"))
                .endResources().endContainer().endSpec().build();

        assertThat(qos(pod)).isEqualTo("Burstable");
    }

    @Test
    void oneContainerWithoutLimitsMakesThePodBurstable() {
        Pod pod = minimal().editSpec().editFirstContainer().withNewResources()
                .addToLimits("cpu", new Quantity("1")).addToLimits("memory", new Quantity("1Gi"))
                .endResources().endContainer()
                .addNewInitContainer().withName("init").withImage("busybox").endInitContainer()
                .endSpec().build();

        assertThat(qos(pod)).isEqualTo("Burstable");
    }

    @Test
    void zeroRequestsCountAsNone() {
        Pod pod = minimal().editSpec().editFirstContainer().withNewResources()
                .addToRequests("cpu", new Quantity("0"))
                .endResources().endContainer().endSpec().build();

        assertThat(qos(pod)).isEqualTo("BestEffort");
    }

    @Test
    void otherResourcesDoNotCount() {
        Pod pod = minimal().editSpec().editFirstContainer().withNewResources()
                .addToRequests("ephemeral-storage", new Quantity("1Gi"))
                .endResources().endContainer().endSpec().build();

        assertThat(qos(pod)).isEqualTo("BestEffort");
    }

    @Test
    void podLevelResourcesDecide() {
        Pod pod = new PodBuilder(minimal().build()).editSpec().withNewResources()
                .addToLimits("cpu", new Quantity("2")).addToLimits("memory", new Quantity("2Gi"))
                .addToRequests("cpu", new Quantity("2")).addToRequests("memory", new Quantity("2Gi"))
                .endResources().endSpec().build();

        assertThat(qos(pod)).isEqualTo("Guaranteed");
    }

    private static String qos(Pod pod) {
        return created(pod).getStatus().getQosClass();
    }
}
