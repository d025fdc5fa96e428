package io.kubeling.controllers.endpoints;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.ManagedFieldsEntryBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.ServicePortBuilder;
import io.kubeling.controllers.PodReadiness;

/** The controller's pod cache keeps what the endpoints are made of, and nothing it does not read. */
class PodEndpointTest {

    private static PodBuilder pod(String ip) {
        return new PodBuilder().withNewMetadata().withNamespace("default").withName("web-1").withUid("u1")
                .withResourceVersion("42").withLabels(Map.of("app", "web"))
                .withManagedFields(new ManagedFieldsEntryBuilder().withManager("kubectl").withOperation("Apply").build())
                .endMetadata()
                .withNewSpec().withNodeName("node-1")
                .addNewContainer().withName("web").withImage("nginx:1.27").addNewPort().withName("http")
                .withContainerPort(8080).endPort().endContainer()
                .addNewVolume().withName("data").withNewEmptyDir().endEmptyDir().endVolume().endSpec()
                .withNewStatus().withPodIP(ip).withPhase("Running").addNewCondition().withType("Ready")
                .withStatus("True").endCondition().endStatus();
    }

    private static Service service(boolean publishNotReady) {
        return new ServiceBuilder().withNewMetadata().withNamespace("default").withName("web").endMetadata()
                .withNewSpec().withPublishNotReadyAddresses(publishNotReady).withSelector(Map.of("app", "web"))
                .endSpec().build();
    }

    @Test
    void aHeldPodAnswersAsTheDecodedOne() {
        Pod pod = pod("10.0.0.7").build();
        ServicePort named = new ServicePortBuilder().withPort(80).withTargetPort(new IntOrString("http")).build();

        Pod held = PodEndpoint.held(pod);

        for (boolean publish : List.of(false, true)) {
            assertThat(PodEndpoint.counts(held, service(publish))).isEqualTo(PodEndpoint.counts(pod, service(publish)))
                    .isTrue();
            assertThat(PodEndpoint.ready(held, service(publish))).isTrue();
        }
        assertThat(PodEndpoint.targetPort(held, named)).isEqualTo(8080);
        assertThat(PodReadiness.ready(held)).isTrue();
        assertThat(held.getMetadata().getLabels()).isEqualTo(Map.of("app", "web"));
        assertThat(held.getMetadata().getResourceVersion()).isEqualTo("42");
        assertThat(held.getMetadata().getUid()).isEqualTo("u1");
        assertThat(held.getSpec().getNodeName()).isEqualTo("node-1");
        assertThat(held.getStatus().getPodIP()).isEqualTo("10.0.0.7");
    }

    @Test
    void keepsNoneOfWhatTheControllerDoesNotRead() {
        Pod held = PodEndpoint.held(pod("10.0.0.7").build());

        assertThat(held.getMetadata().getManagedFields()).isNullOrEmpty();
        assertThat(held.getSpec().getVolumes()).isNullOrEmpty();
        assertThat(held.getSpec().getContainers()).singleElement()
                .satisfies(c -> assertThat(c.getImage()).isNull());
    }

    @Test
    void aPodWithoutAnIpKeepsItsMetadataAndCountsForNoService() {
        Pod held = PodEndpoint.held(pod(null).build());

        assertThat(held.getSpec()).isNull();
        assertThat(held.getStatus()).isNull();
        assertThat(held.getMetadata().getName()).isEqualTo("web-1");
        assertThat(PodEndpoint.counts(held, service(true))).isFalse();
    }
}
