package io.kubeling.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

import io.fabric8.kubernetes.api.model.ManagedFieldsEntry;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.kubeling.registry.authentication.ClusterPki;
import io.kubeling.support.Kubectl;
import io.kubeling.support.SecureServer;
import io.kubeling.support.ServerOfItsOwn;

/**
 * The simulated components under their own identities on the shared secure server (Node,RBAC over HTTPS), as a
 * kubeadm cluster runs: a ReplicaSet's pod shows the controller manager and the kubelet in its managedFields, and a
 * kubelet's client certificate ({@code system:node:<name>} in {@code system:nodes}) reads only what the Node
 * authorizer relates to its node, with kube's 403s, which the audit log records under the node's name.
 */
@ExtendWith(SecureServer.Resolver.class)
@ServerOfItsOwn
@Execution(ExecutionMode.CONCURRENT)
class ComponentUsersTest {

    private static SecureServer server;
    private static Kubectl admin;
    private static KubernetesClient client;
    private static String node;
    private static String otherNode;
    private static Kubectl kubelet;

    @BeforeAll
    static void start(SecureServer secure) throws Exception {
        server = secure;
        admin = new Kubectl(server.kubeconfig(), "kubectl");
        client = new KubernetesClientBuilder().withConfig(Config.fromKubeconfig(
                Files.readString(server.kubeconfig()))).build();
        List<String> nodes = await().atMost(Duration.ofSeconds(30)).until(() -> client.nodes().list().getItems()
                .stream().map(n -> n.getMetadata().getName()).sorted().toList(), n -> n.size() >= 2);
        node = nodes.get(0);
        otherNode = nodes.get(1);
        ClusterPki.ClientCredential credential = server.context().getBean(ClusterPki.class)
                .issueClient("system:node:" + node, List.of("system:nodes"));
        String config = Files.readString(server.kubeconfig())
                .replaceAll("client-certificate-data: \\S+", "client-certificate-data: "
                        + base64(credential.certificatePem()))
                .replaceAll("client-key-data: \\S+", "client-key-data: " + base64(credential.keyPem()));
        Path kubeletConfig = Files.createTempFile(server.dataDir(), "kubelet", ".conf");
        Files.writeString(kubeletConfig, config);
        kubelet = new Kubectl(kubeletConfig, "kubectl");
    }

    private static String base64(String pem) {
        return Base64.getEncoder().encodeToString(pem.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    }

    @AfterAll
    static void close() {
        if (client != null) {
            client.close();
        }
    }

    @Test
    void managedFieldsNameTheControllerManagerAndTheKubelet() throws Exception {
        admin.ok("create", "namespace", "made");
        admin.ok("-n", "made", "apply", "-f", Kubectl.manifest("""
                apiVersion: apps/v1
                kind: ReplicaSet
                metadata: {name: web}
                spec:
                  replicas: 1
                  selector: {matchLabels: {app: web}}
                  template:
                    metadata: {labels: {app: web}}
                    spec: {containers: [{name: c, image: nginx}]}
                """).toString());
        Pod pod = await().atMost(Duration.ofSeconds(60)).until(() -> client.pods().inNamespace("made").list()
                .getItems().stream().filter(p -> p.getStatus() != null && "Running".equals(p.getStatus().getPhase()))
                .findFirst().orElse(null), p -> p != null);
        assertThat(pod.getMetadata().getManagedFields())
                .extracting(f -> f.getManager() + " " + f.getOperation() + " " + String.valueOf(f.getSubresource()))
                .contains("kube-controller-manager Update null", "kubelet Update status");
        ReplicaSet rs = client.apps().replicaSets().inNamespace("made").withName("web").get();
        assertThat(rs.getMetadata().getManagedFields()).extracting(ManagedFieldsEntry::getManager)
                .contains("kubectl-client-side-apply", "kube-controller-manager");
        assertThat(client.resources(io.fabric8.kubernetes.api.model.coordination.v1.Lease.class)
                .inNamespace("kube-node-lease").withName(node).get().getMetadata().getManagedFields())
                .extracting(ManagedFieldsEntry::getManager).containsOnly("kubelet");
    }

    @Test
    void aKubeletCertificateReadsOnlyWhatTheNodeAuthorizerRelatesToItsNode() throws Exception {
        admin.ok("create", "namespace", "bound");
        admin.ok("-n", "bound", "create", "secret", "generic", "web-tls", "--from-literal=k=v");
        admin.ok("-n", "bound", "create", "secret", "generic", "db-password", "--from-literal=k=v");
        for (String[] pod : new String[][] {{"web", node, "web-tls"}, {"db", otherNode, "db-password"}}) {
            admin.ok("-n", "bound", "apply", "-f", Kubectl.manifest("""
                    apiVersion: v1
                    kind: Pod
                    metadata: {name: %s}
                    spec:
                      nodeName: %s
                      containers: [{name: c, image: nginx}]
                      volumes: [{name: s, secret: {secretName: %s}}]
                    """.formatted(pod[0], pod[1], pod[2])).toString());
        }

        assertThat(kubelet.ok("auth", "whoami").out()).containsPattern("Username\\s+system:node:" + node)
                .containsPattern("Groups\\s+\\[system:nodes system:authenticated\\]");
        assertThat(kubelet.ok("-n", "bound", "get", "secret", "web-tls", "-o", "name").out())
                .isEqualTo("secret/web-tls\n");
        assertThat(kubelet.ok("get", "node", node, "-o", "name").out()).isEqualTo("node/" + node + "\n");

        Kubectl.Result secret = kubelet.run("-n", "bound", "get", "secret", "db-password");
        assertThat(secret.exitCode()).isNotZero();
        assertThat(secret.err()).isEqualTo("Error from server (Forbidden): secrets \"db-password\" is forbidden: "
                + "User \"system:node:" + node + "\" cannot get resource \"secrets\" in API group \"\" in the "
                + "namespace \"bound\": no relationship found between node '" + node + "' and this object\n");
        assertThat(kubelet.run("get", "node", otherNode).err()).isEqualTo("Error from server (Forbidden): nodes \""
                + otherNode + "\" is forbidden: User \"system:node:" + node + "\" cannot get resource \"nodes\" in "
                + "API group \"\" at the cluster scope: node '" + node + "' cannot read '" + otherNode
                + "', only its own Node object\n");
        assertThat(kubelet.run("-n", "bound", "delete", "pod", "db", "--wait=false").err()).isEqualTo(
                "Error from server (Forbidden): pods \"db\" is forbidden: node \"" + node
                        + "\" can only delete pods with spec.nodeName set to itself\n");
        assertThat(kubelet.run("-n", "bound", "get", "secrets").err()).contains("Forbidden");
        assertThat(kubelet.ok("-n", "bound", "get", "pods", "--field-selector", "spec.nodeName=" + node, "-o",
                "name").out()).isEqualTo("pod/web\n");
        assertThat(kubelet.run("-n", "bound", "get", "pods").err()).isEqualTo("Error from server (Forbidden): pods "
                + "is forbidden: User \"system:node:" + node + "\" cannot list resource \"pods\" in API group \"\" in "
                + "the namespace \"bound\": can only list/watch pods with spec.nodeName field selector\n");

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(
                Files.readAllLines(server.auditLog())).anySatisfy(line -> assertThat(line)
                        .contains("\"username\":\"system:node:" + node + "\"")
                        .contains("\"/api/v1/namespaces/bound/secrets/db-password\"")
                        .contains("\"authorization.k8s.io/decision\":\"forbid\"")));
    }
}
