package io.kubeling.api;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;

class UnknownFieldsTest {

    @Test
    void unknownFieldsAreNamedByTheirPathAndDropped() {
        Pod pod = new PodBuilder().withNewMetadata().withName("p").endMetadata().withNewSpec().addNewContainer()
                .withName("c").withImage("nginx").endContainer().endSpec().build();
        pod.setAdditionalProperty("foo", 1);
        pod.getSpec().setAdditionalProperty("bar", "x");
        pod.getSpec().getContainers().get(0).setAdditionalProperty("baz", true);

        assertThat(UnknownFields.strip(pod)).containsExactly("foo", "spec.bar", "spec.containers[0].baz");
        assertThat(pod.getAdditionalProperties()).isEmpty();
        assertThat(pod.getSpec().getAdditionalProperties()).isEmpty();
        assertThat(pod.getSpec().getContainers().get(0).getAdditionalProperties()).isEmpty();
        assertThat(UnknownFields.strip(pod)).isEmpty();
    }

    @Test
    void aGenericResourceKeepsItsFieldsInItsAdditionalProperties() {
        GenericKubernetesResource resource = new GenericKubernetesResource();
        resource.setAdditionalProperty("spec", java.util.Map.of("a", 1));

        assertThat(UnknownFields.strip(resource)).containsExactly("spec");
        assertThat(resource.getAdditionalProperties()).isEmpty();
    }
}
