package io.kubeling.resources.pods;

import static io.kubeling.resources.pods.PodFixtures.created;
import static io.kubeling.resources.pods.PodFixtures.minimal;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.OptionalLong;

import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodIP;
import io.kubeling.registry.Strategy;

class PodStrategyTest {

    private final PodStrategy strategy = new PodStrategy();

    @Test
    void selectableFieldsOfANewPod() {
        Pod pod = created(minimal().build());

        assertThat(strategy.selectableFields(pod)).containsExactly(
                entry("spec.nodeName", ""),
                entry("spec.restartPolicy", "Always"),
                entry("spec.schedulerName", "default-scheduler"),
                entry("spec.serviceAccountName", "default"),
                entry("spec.hostNetwork", "false"),
                entry("status.phase", "Pending"),
                entry("status.podIP", ""),
                entry("status.nominatedNodeName", ""));
    }

    @Test
    void selectableFieldsOfARunningPod() {
        Pod pod = new PodBuilder(created(minimal().build()))
                .editSpec().withNodeName("node-1").withHostNetwork(true).endSpec()
                .editStatus().withPhase("Running").withPodIP("10.0.0.7")
                .withPodIPs(new PodIP("10.0.0.7"), new PodIP("fd00::7")).withNominatedNodeName("node-2").endStatus()
                .build();

        assertThat(strategy.selectableFields(pod))
                .containsEntry("spec.nodeName", "node-1")
                .containsEntry("spec.hostNetwork", "true")
                .containsEntry("status.phase", "Running")
                .containsEntry("status.podIP", "10.0.0.7")
                .containsEntry("status.nominatedNodeName", "node-2");
    }

    @Test
    void unscheduledPodsAreDeletedAtOnce() {
        Pod pod = created(minimal().build());

        assertThat(strategy.gracePeriod(pod, null)).isEqualTo(OptionalLong.of(0));
        assertThat(strategy.gracePeriod(pod, 10L)).isEqualTo(OptionalLong.of(0));
    }

    @Test
    void scheduledPodsWaitTheirGracePeriod() {
        Pod pod = scheduled("Running");

        assertThat(strategy.gracePeriod(pod, null)).isEqualTo(OptionalLong.of(30));
        assertThat(strategy.gracePeriod(pod, 5L)).isEqualTo(OptionalLong.of(5));
        assertThat(strategy.gracePeriod(pod, 0L)).isEqualTo(OptionalLong.of(0));
    }

    @Test
    void finishedPodsAreDeletedAtOnce() {
        assertThat(strategy.gracePeriod(scheduled("Succeeded"), null)).isEqualTo(OptionalLong.of(0));
        assertThat(strategy.gracePeriod(scheduled("Failed"), 20L)).isEqualTo(OptionalLong.of(0));
    }

    @Test
    void negativeGracePeriodsBecomeOne() {
        Pod pod = new PodBuilder(scheduled("Running")).editSpec().withTerminationGracePeriodSeconds(-3L).endSpec().build();

        assertThat(strategy.gracePeriod(pod, null)).isEqualTo(OptionalLong.of(1));
        assertThat(strategy.gracePeriod(scheduled("Running"), -1L)).isEqualTo(OptionalLong.of(1));
    }

    @Test
    void deleteReturnsThePodAndNamesAreSubdomains() {
        assertThat(strategy.returnDeletedObject()).isTrue();
        assertThat(strategy.nameRule()).isEqualTo(Strategy.NameRule.DNS1123_SUBDOMAIN);
        assertThat(strategy.allowCreateOnUpdate()).isFalse();
    }

    @Test
    void namesThatAreNotDnsLabelsGetAWarning() {
        Pod pod = minimal().editMetadata().withName("web.v1").endMetadata().build();

        assertThat(strategy.warnings(pod)).containsExactly("metadata.name: this is used in the Pod's hostname, which "
                + "can result in surprising behavior; a DNS label is recommended: [a lowercase RFC 1123 label must "
                + "consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric "
                + "character (e.g. 'my-name',  or '123-abc', regex used for validation is "
                + "'[a-z0-9]([-a-z0-9]*[a-z0-9])?')]");
    }

    @Test
    void schedulingGatesShowInTheStatus() {
        Pod pod = created(minimal().editSpec().addNewSchedulingGate().withName("example.com/wait").endSchedulingGate()
                .endSpec().build());

        assertThat(pod.getStatus().getConditions()).singleElement().satisfies(c -> {
            assertThat(c.getType()).isEqualTo("PodScheduled");
            assertThat(c.getStatus()).isEqualTo("False");
            assertThat(c.getReason()).isEqualTo("SchedulingGated");
        });
    }

    private static Pod scheduled(String phase) {
        return new PodBuilder(created(minimal().build())).editSpec().withNodeName("node-1").endSpec()
                .editStatus().withPhase(phase).endStatus().build();
    }

    private static java.util.Map.Entry<String, String> entry(String k, String v) {
        return java.util.Map.entry(k, v);
    }
}
