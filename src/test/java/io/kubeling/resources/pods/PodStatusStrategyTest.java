package io.kubeling.resources.pods;

import static io.kubeling.resources.pods.PodFixtures.created;
import static io.kubeling.resources.pods.PodFixtures.minimal;
import static io.kubeling.resources.pods.PodFixtures.strings;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodIP;

class PodStatusStrategyTest {

    private final PodStatusStrategy strategy = new PodStatusStrategy();

    @Test
    void specStaysAndStatusChanges() {
        Pod old = created(minimal().build());
        Pod pod = new PodBuilder(old)
                .editSpec().editFirstContainer().withImage("evil").endContainer().endSpec()
                .editMetadata().addToLabels("ready", "yes").endMetadata()
                .editStatus().withPhase("Running").endStatus().build();

        assertThat(update(pod, old)).isEmpty();
        assertThat(pod.getSpec().getContainers().get(0).getImage()).isEqualTo("nginx");
        assertThat(pod.getStatus().getPhase()).isEqualTo("Running");
        assertThat(pod.getMetadata().getLabels()).containsEntry("ready", "yes");
    }

    @Test
    void ownerReferencesStay() {
        Pod old = created(minimal().editMetadata().addNewOwnerReference().withName("rs").withKind("ReplicaSet")
                .withApiVersion("apps/v1").withUid("u1").endOwnerReference().endMetadata().build());
        Pod pod = new PodBuilder(old).editMetadata().withOwnerReferences(List.of()).endMetadata().build();

        strategy.prepareForUpdate(pod, old);

        assertThat(pod.getMetadata().getOwnerReferences()).hasSize(1);
    }

    @Test
    void qosClassIsKeptWhenLeftOutAndCannotChange() {
        Pod old = created(minimal().build());
        Pod omitted = new PodBuilder(old).editStatus().withQosClass(null).endStatus().build();
        assertThat(update(omitted, old)).isEmpty();
        assertThat(omitted.getStatus().getQosClass()).isEqualTo("BestEffort");

        Pod changed = new PodBuilder(old).editStatus().withQosClass("Guaranteed").endStatus().build();
        assertThat(update(changed, old)).containsExactly(
                "status.qosClass: Invalid value: \"Guaranteed\": field is immutable");
    }

    @Test
    void customConditionTypesAreQualifiedNames() {
        Pod old = created(minimal().build());
        Pod pod = new PodBuilder(old).editStatus()
                .addNewCondition().withType("Ready").withStatus("True").endCondition()
                .addNewCondition().withType("example.com/Warm Up").withStatus("True").endCondition()
                .endStatus().build();

        assertThat(update(pod, old)).containsExactly("metadata.conditions[1].Type: Invalid value: "
                + "\"example.com/Warm Up\": name part must consist of alphanumeric characters, '-', '_' or '.', and "
                + "must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', "
                + "regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')");
    }

    @Test
    void terminatedContainersOfPodsThatNeverRestartStayTerminated() {
        Pod old = new PodBuilder(created(minimal().editSpec().withRestartPolicy("Never").endSpec().build()))
                .editStatus().addNewContainerStatus().withName("a").withNewState().withNewTerminated().withExitCode(0)
                .endTerminated().endState().endContainerStatus().endStatus().build();
        Pod pod = new PodBuilder(old).editStatus().editFirstContainerStatus().withNewState().withNewRunning()
                .endRunning().endState().endContainerStatus().endStatus().build();

        assertThat(update(pod, old)).containsExactly(
                "status.containerStatuses[0].state: Forbidden: may not be transitioned to non-terminated state");
    }

    @Test
    void podIpsAreAddressesOnePerFamily() {
        Pod old = created(minimal().build());
        Pod pod = new PodBuilder(old).editStatus().withPodIPs(new PodIP("10.0.0.1"), new PodIP("10.0.0.2"))
                .endStatus().build();

        assertThat(update(pod, old)).containsExactly("status.podIPs: Invalid value: []core.PodIP{core.PodIP{IP:"
                + "\"10.0.0.1\"}, core.PodIP{IP:\"10.0.0.2\"}}: may specify no more than one IP for each IP family");

        Pod bad = new PodBuilder(old).editStatus().withPodIP("10.0.0.300").endStatus().build();
        assertThat(update(bad, old)).containsExactly(
                "status.podIPs[0]: Invalid value: \"10.0.0.300\": must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)");
    }

    @Test
    void singlePodIpFillsTheList() {
        Pod old = created(minimal().build());
        Pod pod = new PodBuilder(old).editStatus().withPodIP("10.0.0.1").endStatus().build();

        assertThat(update(pod, old)).isEmpty();
        assertThat(pod.getStatus().getPodIPs()).containsExactly(new PodIP("10.0.0.1"));
    }

    private List<String> update(Pod pod, Pod old) {
        strategy.prepareForUpdate(pod, old);
        return strings(strategy.validateUpdate(pod, old));
    }
}
