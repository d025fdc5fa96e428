package sample;

import java.util.List;
import java.util.Map;

import org.springframework.stereotype.Service;

import io.kubernetes.client.openapi.ApiClient;
import io.kubernetes.client.openapi.ApiException;
import io.kubernetes.client.openapi.apis.AppsV1Api;
import io.kubernetes.client.openapi.apis.CoreV1Api;
import io.kubernetes.client.openapi.models.V1Container;
import io.kubernetes.client.openapi.models.V1Deployment;
import io.kubernetes.client.openapi.models.V1DeploymentSpec;
import io.kubernetes.client.openapi.models.V1LabelSelector;
import io.kubernetes.client.openapi.models.V1ObjectMeta;
import io.kubernetes.client.openapi.models.V1Pod;
import io.kubernetes.client.openapi.models.V1PodSpec;
import io.kubernetes.client.openapi.models.V1PodTemplateSpec;

/** What the application does with the cluster: deploys a web server and tells where its pods run. */
@Service
public class WebDeployer {

    private final AppsV1Api apps;
    private final CoreV1Api core;

    public WebDeployer(ApiClient client) {
        this.apps = new AppsV1Api(client);
        this.core = new CoreV1Api(client);
    }

    public void deploy(String namespace, String name, String image, int replicas) throws ApiException {
        Map<String, String> labels = Map.of("app", name);
        V1Deployment deployment = new V1Deployment()
                .metadata(new V1ObjectMeta().name(name))
                .spec(new V1DeploymentSpec().replicas(replicas)
                        .selector(new V1LabelSelector().matchLabels(labels))
                        .template(new V1PodTemplateSpec().metadata(new V1ObjectMeta().labels(labels))
                                .spec(new V1PodSpec().containers(List.of(new V1Container().name(name).image(image))))));
        apps.createNamespacedDeployment(namespace, deployment).execute();
    }

    /** The nodes the app's running pods are on, one entry per pod. */
    public List<String> nodesOfRunningPods(String namespace, String name) throws ApiException {
        return core.listNamespacedPod(namespace).labelSelector("app=" + name).execute().getItems().stream()
                .filter(p -> p.getStatus() != null && "Running".equals(p.getStatus().getPhase()))
                .map(V1Pod::getSpec).map(V1PodSpec::getNodeName).toList();
    }
}
