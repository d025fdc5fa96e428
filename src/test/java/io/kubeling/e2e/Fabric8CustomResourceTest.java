package io.kubeling.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.kubeling.support.CrdSamples;
import io.kubeling.support.CustomResourceDefinitionsLock;
import io.kubeling.support.Fabric8;
import io.kubeling.support.KubelingTest;

/** An operator's way in: fabric8 installs a CRD, waits for it, and follows its custom resources with an informer. */
@KubelingTest
@CustomResourceDefinitionsLock
class Fabric8CustomResourceTest {

    static final String GROUP = "fabric8.kubeling.io";

    @LocalServerPort
    int port;

    @Test
    void anInformerOnACustomResourceListsThenFollowsChanges() throws Exception {
        try (KubernetesClient client = Fabric8.client(port)) {
            CustomResourceDefinition crd = client.apiextensions().v1().customResourceDefinitions()
                    .resource(CrdSamples.crd(GROUP, "crontabs", "CronTab", "Namespaced")).create();
            client.apiextensions().v1().customResourceDefinitions().withName(crd.getMetadata().getName())
                    .waitUntilCondition(c -> c.getStatus() != null && c.getStatus().getConditions().stream()
                            .anyMatch(cond -> cond.getType().equals("Established")
                                    && cond.getStatus().equals("True")), 10, TimeUnit.SECONDS);
            String ns = Fabric8.newNamespace(client, "f8cr-");
            ResourceDefinitionContext context = new ResourceDefinitionContext.Builder().withGroup(GROUP)
                    .withVersion("v1").withPlural("crontabs").withKind("CronTab").withNamespaced(true).build();
            client.genericKubernetesResources(context).inNamespace(ns).resource(cronTab("first")).create();

            List<String> events = new CopyOnWriteArrayList<>();
            SharedIndexInformer<GenericKubernetesResource> informer = client.genericKubernetesResources(context)
                    .inNamespace(ns).inform(new ResourceEventHandler<>() {
                        @Override
                        public void onAdd(GenericKubernetesResource obj) {
                            events.add("add " + obj.getMetadata().getName());
                        }

                        @Override
                        public void onUpdate(GenericKubernetesResource oldObj, GenericKubernetesResource newObj) {
                            if (!oldObj.getMetadata().getResourceVersion()
                                    .equals(newObj.getMetadata().getResourceVersion())) {
                                events.add("update " + newObj.getMetadata().getName() + " "
                                        + ((Map<?, ?>) newObj.getAdditionalProperties().get("status")).get("replicas"));
                            }
                        }

                        @Override
                        public void onDelete(GenericKubernetesResource obj, boolean deletedFinalStateUnknown) {
                            events.add("delete " + obj.getMetadata().getName());
                        }
                    });
            try {
                client.genericKubernetesResources(context).inNamespace(ns).resource(cronTab("second")).create();
                GenericKubernetesResource status = client.genericKubernetesResources(context).inNamespace(ns)
                        .withName("second").get();
                status.setAdditionalProperty("status", Map.of("replicas", 2));
                client.genericKubernetesResources(context).inNamespace(ns).resource(status).updateStatus();
                client.genericKubernetesResources(context).inNamespace(ns).withName("first").delete();

                await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(events)
                        .containsExactly("add first", "add second", "update second 2", "delete first"));
                assertThat(informer.getStore().list()).extracting(r -> r.getMetadata().getName())
                        .containsExactly("second");
            } finally {
                informer.close();
            }
        }
    }

    private static GenericKubernetesResource cronTab(String name) {
        return new GenericKubernetesResourceBuilder().withApiVersion(GROUP + "/v1").withKind("CronTab")
                .withNewMetadata().withName(name).endMetadata()
                .addToAdditionalProperties("spec", Map.of("cronSpec", "* * * * *", "replicas", 1)).build();
    }
}
