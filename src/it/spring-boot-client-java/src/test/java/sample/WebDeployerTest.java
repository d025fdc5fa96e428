package sample;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import io.kubeling.junit.EnableKubeling;
import io.kubeling.junit.TestNamespace;
import io.kubernetes.client.openapi.ApiClient;
import io.kubernetes.client.openapi.apis.AppsV1Api;
import io.kubernetes.client.openapi.apis.VersionApi;

/**
 * The application's context finds Kubeling through the system property kubeconfig, which the extension sets before
 * Spring starts (it is declared first); the simulation runs ten times faster than real time.
 */
@EnableKubeling(timeScale = 0.1, kubernetesVersion = "v1.31.2", namespacePerTest = true)
@SpringBootTest
class WebDeployerTest {

    @Autowired
    WebDeployer deployer;

    @Test
    void theDeploymentsPodsRunOnTheSimulatedNodes(@TestNamespace String namespace, ApiClient client)
            throws Exception {
        deployer.deploy(namespace, "web", "nginx:1.27", 3);

        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                .until(() -> deployer.nodesOfRunningPods(namespace, "web").size() == 3);

        assertThat(deployer.nodesOfRunningPods(namespace, "web")).allMatch(n -> n.matches("kubeling-node-[123]"));
        await().atMost(Duration.ofSeconds(30)).until(() -> Integer.valueOf(3).equals(new AppsV1Api(client)
                .readNamespacedDeployment("web", namespace).execute().getStatus().getAvailableReplicas()));
    }

    @Test
    void theServerReportsTheVersionAsked(ApiClient client) throws Exception {
        assertThat(new VersionApi(client).getCode().execute().getGitVersion()).isEqualTo("v1.31.2");
    }
}
