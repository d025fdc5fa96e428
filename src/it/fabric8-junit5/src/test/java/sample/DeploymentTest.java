package sample;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.kubeling.junit.EnableKubeling;
import io.kubeling.junit.KubelingServer;
import io.kubeling.junit.TestNamespace;

/** The simulation's clock is stopped (timeScale 0): nothing that takes time happens until the test advances it. */
@EnableKubeling(nodes = 2, nodeLabels = "pool=blue", timeScale = 0, namespacePerTest = true)
class DeploymentTest {

    KubernetesClient client;
    KubelingServer kubeling;

    @Test
    void aClientFromTheDefaultBuilderFindsTheServerAndTheTestsNamespace(URI url, @TestNamespace String namespace) {
        try (KubernetesClient plain = new KubernetesClientBuilder().build()) {
            assertEquals(url.toString(), plain.getMasterUrl().toString().replaceAll("/$", ""));
            assertEquals(namespace, plain.getNamespace());
            // the two workers asked for; the cluster's control-plane node, as kubeadm's, is not one of them
            List<Node> nodes = plain.nodes().withoutLabel("node-role.kubernetes.io/control-plane").list().getItems();
            assertEquals(2, nodes.size());
            nodes.forEach(node -> assertEquals("blue", node.getMetadata().getLabels().get("pool")));
        }
    }

    @Test
    void aDeploymentsPodRunsOnASimulatedNodeOnceTimePasses(@TestNamespace String namespace) {
        Deployment web = new DeploymentBuilder()
                .withNewMetadata().withName("web").endMetadata()
                .withNewSpec().withReplicas(1)
                .withNewSelector().withMatchLabels(Map.of("app", "web")).endSelector()
                .withNewTemplate().withNewMetadata().withLabels(Map.of("app", "web")).endMetadata()
                .withNewSpec().addNewContainer().withName("nginx").withImage("nginx:1.27").endContainer().endSpec()
                .endTemplate().endSpec().build();
        client.apps().deployments().resource(web).create();

        // scheduled at once, but pulling the image takes (simulated) time
        Pod pod = client.pods().withLabel("app", "web").waitUntilCondition(
                p -> p != null && waiting(p, "ContainerCreating"), 30, TimeUnit.SECONDS);
        assertEquals("Pending", pod.getStatus().getPhase());
        assertTrue(pod.getSpec().getNodeName().matches("kubeling-node-[12]"), pod.getSpec().getNodeName());

        kubeling.advanceTime(Duration.ofMinutes(1));

        Pod running = client.pods().withName(pod.getMetadata().getName())
                .waitUntilCondition(p -> "Running".equals(p.getStatus().getPhase()), 30, TimeUnit.SECONDS);
        assertEquals(pod.getSpec().getNodeName(), running.getSpec().getNodeName());
        client.apps().deployments().withName("web")
                .waitUntilCondition(d -> Integer.valueOf(1).equals(d.getStatus().getReadyReplicas()), 30,
                        TimeUnit.SECONDS);
    }

    @Test
    void aPodThatSleepsAnHourSucceedsWhenTheClockIsAdvancedAnHour() {
        client.pods().resource(new PodBuilder()
                .withNewMetadata().withName("nap").endMetadata()
                .withNewSpec().withRestartPolicy("Never")
                .addNewContainer().withName("nap").withImage("busybox").withCommand("sh", "-c", "sleep 3600")
                .endContainer().endSpec().build()).create();
        client.pods().withName("nap").waitUntilCondition(p -> waiting(p, "ContainerCreating"), 30, TimeUnit.SECONDS);

        kubeling.advanceTime(Duration.ofMinutes(1));
        client.pods().withName("nap").waitUntilCondition(p -> "Running".equals(p.getStatus().getPhase()), 30,
                TimeUnit.SECONDS);

        kubeling.advanceTime(Duration.ofMinutes(50));
        assertEquals("Running", client.pods().withName("nap").get().getStatus().getPhase());

        kubeling.advanceTime(Duration.ofMinutes(10));
        Pod done = client.pods().withName("nap").waitUntilCondition(
                p -> "Succeeded".equals(p.getStatus().getPhase()), 30, TimeUnit.SECONDS);
        assertEquals(0, done.getStatus().getContainerStatuses().get(0).getState().getTerminated().getExitCode());
    }

    private static boolean waiting(Pod pod, String reason) {
        return pod.getStatus() != null && pod.getStatus().getContainerStatuses() != null
                && pod.getStatus().getContainerStatuses().stream().anyMatch(s -> s.getState() != null
                        && s.getState().getWaiting() != null && reason.equals(s.getState().getWaiting().getReason()));
    }
}
