package io.kubeling.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.springframework.boot.test.web.server.LocalServerPort;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.ListOptionsBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodList;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.kubeling.support.Fabric8;
import io.kubeling.support.KubelingTest;
import io.kubeling.support.WrittenKubeconfig;

/** The core resources through the fabric8 client, as JVM integration tests use Kubeling. */
@KubelingTest
@Execution(ExecutionMode.CONCURRENT)
class Fabric8ClientTest {

    @LocalServerPort
    int port;

    KubernetesClient client;
    String ns;

    @BeforeEach
    void setUp() {
        client = Fabric8.client(port);
        ns = Fabric8.newNamespace(client, "f8-");
    }

    @AfterEach
    void tearDown() {
        client.close();
    }

    /** A pod no scheduler takes: this test is about the client's verbs, and an unbound pod is deleted at once. */
    private Pod pod(String name, String app) {
        return new PodBuilder().withNewMetadata().withName(name).addToLabels("app", app).endMetadata()
                .withNewSpec().withSchedulerName("kubeling-test-unscheduled")
                .addNewContainer().withName("web").withImage("nginx:1.27").endContainer().endSpec()
                .build();
    }

    @Test
    void podLifecycleThroughTheClient() {
        Pod created = client.pods().inNamespace(ns).resource(pod("web", "web")).create();
        assertThat(created.getMetadata().getUid()).isNotEmpty();
        assertThat(created.getMetadata().getNamespace()).isEqualTo(ns);
        assertThat(created.getSpec().getRestartPolicy()).isEqualTo("Always");
        assertThat(created.getSpec().getContainers().get(0).getImagePullPolicy()).isEqualTo("IfNotPresent");
        assertThat(created.getStatus().getPhase()).isEqualTo("Pending");

        client.pods().inNamespace(ns).resource(pod("api", "api")).create();
        PodList web = client.pods().inNamespace(ns).withLabel("app", "web").list();
        assertThat(web.getItems()).extracting(p -> p.getMetadata().getName()).containsExactly("web");
        PodList notWeb = client.pods().inNamespace(ns).withLabelNotIn("app", "web").list();
        assertThat(notWeb.getItems()).extracting(p -> p.getMetadata().getName()).containsExactly("api");

        PodList firstPage = client.pods().inNamespace(ns).list(new ListOptionsBuilder().withLimit(1L).build());
        assertThat(firstPage.getItems()).hasSize(1);
        assertThat(firstPage.getMetadata().getContinue()).isNotEmpty();
        PodList secondPage = client.pods().inNamespace(ns).list(new ListOptionsBuilder().withLimit(1L)
                .withContinue(firstPage.getMetadata().getContinue()).build());
        assertThat(secondPage.getItems()).extracting(p -> p.getMetadata().getName()).containsExactly("web");

        Pod edited = client.pods().inNamespace(ns).withName("web")
                .edit(p -> new PodBuilder(p).editMetadata().addToLabels("tier", "front").endMetadata().build());
        assertThat(edited.getMetadata().getLabels()).containsEntry("tier", "front");

        Pod merged = client.pods().inNamespace(ns).withName("web").patch(PatchContext.of(PatchType.JSON_MERGE),
                "{\"metadata\":{\"annotations\":{\"merge\":\"yes\"}}}");
        assertThat(merged.getMetadata().getAnnotations()).containsEntry("merge", "yes");

        Pod strategic = client.pods().inNamespace(ns).withName("web").patch(
                PatchContext.of(PatchType.STRATEGIC_MERGE),
                "{\"spec\":{\"containers\":[{\"name\":\"web\",\"image\":\"nginx:1.28\"}]}}");
        assertThat(strategic.getSpec().getContainers()).singleElement()
                .satisfies(c -> assertThat(c.getImage()).isEqualTo("nginx:1.28"));

        Pod jsonPatched = client.pods().inNamespace(ns).withName("web").patch(PatchContext.of(PatchType.JSON),
                "[{\"op\":\"replace\",\"path\":\"/metadata/labels/tier\",\"value\":\"back\"}]");
        assertThat(jsonPatched.getMetadata().getLabels()).containsEntry("tier", "back");

        assertThat(client.pods().inNamespace(ns).withName("web").delete()).hasSize(1);
        assertThat(client.pods().inNamespace(ns).withName("web").get()).isNull();
    }

    @Test
    void secretsAndServicesThroughTheClient() {
        Secret secret = client.secrets().inNamespace(ns).resource(new SecretBuilder()
                .withNewMetadata().withName("creds").endMetadata()
                .withStringData(Map.of("password", "s3cret")).build()).create();
        assertThat(secret.getType()).isEqualTo("Opaque");
        assertThat(secret.getData()).containsEntry("password", "czNjcmV0");
        assertThat(secret.getStringData()).isNullOrEmpty();

        Service service = client.services().inNamespace(ns).resource(new ServiceBuilder()
                .withNewMetadata().withName("web").endMetadata()
                .withNewSpec().addToSelector("app", "web").addNewPort().withPort(80).endPort().endSpec().build())
                .create();
        assertThat(service.getSpec().getType()).isEqualTo("ClusterIP");
        assertThat(service.getSpec().getPorts().get(0).getProtocol()).isEqualTo("TCP");
        assertThat(service.getSpec().getPorts().get(0).getTargetPort().getIntVal()).isEqualTo(80);

        assertThat(client.secrets().inNamespace(ns).list().getItems()).extracting(s -> s.getMetadata().getName())
                .contains("creds");
        client.secrets().inNamespace(ns).withName("creds").delete();
        client.services().inNamespace(ns).withName("web").delete();
        assertThat(client.services().inNamespace(ns).withName("web").get()).isNull();
    }

    @Test
    void theWrittenKubeconfigConfiguresTheClient() throws Exception {
        Config config = Config.fromKubeconfig(Files.readString(WrittenKubeconfig.of(port)));
        try (KubernetesClient fromKubeconfig = new KubernetesClientBuilder().withConfig(config).build()) {
            assertThat(fromKubeconfig.getMasterUrl().toString()).isEqualTo("http://127.0.0.1:" + port + "/");
            assertThat(fromKubeconfig.namespaces().withName(ns).get().getStatus().getPhase()).isEqualTo("Active");
        }
    }

    @Test
    void replaceFromAListItemAndServerSideApply() {
        client.configMaps().inNamespace(ns).resource(new ConfigMapBuilder().withNewMetadata().withName("settings")
                .endMetadata().addToData("mode", "a").build()).create();
        ConfigMap item = client.configMaps().inNamespace(ns).list().getItems().get(0);
        item.getData().put("mode", "b");
        ConfigMap replaced = client.configMaps().inNamespace(ns).resource(item).update();
        assertThat(replaced.getData()).containsEntry("mode", "b");
        assertThat(replaced.getMetadata().getResourceVersion()).isNotEqualTo(item.getMetadata().getResourceVersion());

        ConfigMap applied = client.configMaps().inNamespace(ns).resource(new ConfigMapBuilder().withNewMetadata()
                .withName("applied").endMetadata().addToData("owner", "f8").build())
                .fieldManager("e2e-f8").forceConflicts().serverSideApply();
        assertThat(applied.getData()).containsExactly(Map.entry("owner", "f8"));
        assertThat(applied.getMetadata().getManagedFields()).singleElement().satisfies(f -> {
            assertThat(f.getManager()).isEqualTo("e2e-f8");
            assertThat(f.getOperation()).isEqualTo("Apply");
        });
        assertThatThrownBy(() -> client.configMaps().inNamespace(ns).resource(new ConfigMapBuilder().withNewMetadata()
                .withName("applied").endMetadata().addToData("owner", "other").build())
                .fieldManager("e2e-other").serverSideApply())
                .isInstanceOfSatisfying(KubernetesClientException.class, e -> {
                    assertThat(e.getCode()).isEqualTo(409);
                    assertThat(e.getStatus().getMessage())
                            .isEqualTo("Apply failed with 1 conflict: conflict with \"e2e-f8\": .data.owner");
                });
    }

    @Test
    void errorsReachTheClientAsStatus() {
        client.pods().inNamespace(ns).resource(pod("dup", "x")).create();
        assertThatThrownBy(() -> client.pods().inNamespace(ns).resource(pod("dup", "x")).create())
                .isInstanceOfSatisfying(KubernetesClientException.class, e -> {
                    assertThat(e.getCode()).isEqualTo(409);
                    assertThat(e.getStatus().getReason()).isEqualTo("AlreadyExists");
                    assertThat(e.getStatus().getMessage()).isEqualTo("pods \"dup\" already exists");
                });
        assertThatThrownBy(() -> client.pods().inNamespace("no-such-ns").resource(pod("p", "x")).create())
                .isInstanceOfSatisfying(KubernetesClientException.class, e -> {
                    assertThat(e.getCode()).isEqualTo(404);
                    assertThat(e.getStatus().getMessage()).isEqualTo("namespaces \"no-such-ns\" not found");
                });
    }
}
