package io.kubeling.resources.pods;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.EphemeralContainer;
import io.fabric8.kubernetes.api.model.EphemeralContainerBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.kubeling.registry.validation.FieldError;

class PodEphemeralContainersStrategyTest {

    private final PodEphemeralContainersStrategy strategy = new PodEphemeralContainersStrategy();

    private static Pod pod(EphemeralContainer... ephemeral) {
        return new PodBuilder().withNewMetadata().withName("p").withNamespace("ns").addToLabels("app", "a")
                .endMetadata().withNewSpec().addNewContainer().withName("app").withImage("nginx").endContainer()
                .withEphemeralContainers(ephemeral).endSpec().withNewStatus().withPhase("Running").endStatus().build();
    }

    private static EphemeralContainer debugger(String name) {
        return new EphemeralContainerBuilder().withName(name).withImage("busybox").withStdin(true).withTty(true)
                .build();
    }

    private List<String> update(Pod changed, Pod old) {
        strategy.applyDefaults(changed);
        strategy.prepareForUpdate(changed, old);
        return strategy.validateUpdate(changed, old).stream().map(FieldError::toString).toList();
    }

    @Test
    void onlyTheEphemeralContainersChangeAndTheyAreDefaulted() {
        Pod old = pod();
        Pod changed = pod(debugger("debugger"));
        changed.getMetadata().getLabels().put("app", "changed");
        changed.getSpec().getContainers().get(0).setImage("httpd");
        changed.getStatus().setPhase("Failed");
        assertThat(update(changed, old)).isEmpty();
        assertThat(changed.getSpec().getContainers().get(0).getImage()).isEqualTo("nginx");
        assertThat(changed.getMetadata().getLabels()).containsEntry("app", "a");
        assertThat(changed.getStatus().getPhase()).isEqualTo("Running");
        EphemeralContainer added = changed.getSpec().getEphemeralContainers().get(0);
        assertThat(added.getImagePullPolicy()).isEqualTo("Always");
        assertThat(added.getTerminationMessagePolicy()).isEqualTo("File");
        assertThat(added.getTerminationMessagePath()).isEqualTo("/dev/termination-log");
    }

    @Test
    void namesAreUniqueAcrossAllContainersAndTargetsMustExist() {
        EphemeralContainer clash = debugger("app");
        EphemeralContainer target = debugger("dbg");
        target.setTargetContainerName("missing");
        assertThat(update(pod(clash, target), pod())).containsExactly(
                "spec.ephemeralContainers[0].name: Duplicate value: \"app\"",
                "spec.ephemeralContainers[1].targetContainerName: Not found: \"missing\"");
    }

    @Test
    void fieldsOutsideTheAllowListAreForbidden() {
        EphemeralContainer withPorts = debugger("dbg");
        withPorts.setPorts(List.of(new ContainerPort(80, null, null, null, "TCP")));
        withPorts.setImage("");
        assertThat(update(pod(withPorts), pod())).containsExactly(
                "spec.ephemeralContainers[0].image: Required value",
                "spec.ephemeralContainers[0].ports: Forbidden: cannot be set for an Ephemeral Container");
    }

    @Test
    void existingOnesMayNeitherBeRemovedNorChanged() {
        Pod old = pod(debugger("one"), debugger("two"));
        strategy.applyDefaults(old);
        strategy.prepareForUpdate(old, pod());
        EphemeralContainer changedTwo = debugger("two");
        changedTwo.setImage("alpine");
        List<String> errors = update(pod(changedTwo), old);
        assertThat(errors).containsExactly(
                "spec.ephemeralContainers: Forbidden: existing ephemeral containers \"one\" may not be removed\n",
                "spec.ephemeralContainers[two]: Forbidden: existing ephemeral containers \"two\" may not be changed\n");
    }
}
