package io.kubeling.controllers.kubelet;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import io.kubeling.support.HttpApi;
import io.kubeling.support.KubelingTest;
import tools.jackson.databind.JsonNode;

/** Static pod manifests under {@code kubeling.kubelet.static-pod-path/<node>/} and their mirror pods. */
@KubelingTest
class StaticPodsTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @LocalServerPort
    int port;

    @Test
    void aManifestGetsAMirrorPodThatFollowsTheFile() throws Exception {
        HttpApi api = new HttpApi(port);
        KubeletCluster cluster = new KubeletCluster(api);
        String ns = api.newNamespace("static");
        String nodeName = "static-" + java.util.UUID.randomUUID().toString().substring(0, 6);
        Path dir = Path.of("target/test-static-pods", nodeName);
        Files.createDirectories(dir);
        Path manifest = dir.resolve("etcd.yaml");
        Files.writeString(manifest, """
                apiVersion: v1
                kind: Pod
                metadata:
                  name: etcd
                  namespace: %s
                  labels:
                    component: etcd
                spec:
                  containers:
                  - name: etcd
                    image: registry.k8s.io/etcd:3.5.16-0
                """.formatted(ns));
        api.post("/api/v1/nodes", """
                {"apiVersion":"v1","kind":"Node","metadata":{"name":"%s"},"spec":{"podCIDR":"10.244.42.0/24"},
                 "status":{"addresses":[{"type":"InternalIP","address":"172.18.0.42"}]}}""".formatted(nodeName));
        try {
            String mirrorName = "etcd-" + nodeName;

            JsonNode mirror = cluster.awaitPod(ns, mirrorName, WAIT,
                    p -> "True".equals(KubeletCluster.condition(p, "Ready")));
            String hash = mirror.at("/metadata/annotations/kubernetes.io~1config.mirror").asString();
            assertThat(hash).isNotEmpty();
            assertThat(mirror.at("/metadata/annotations/kubernetes.io~1config.hash").asString()).isEqualTo(hash);
            assertThat(mirror.at("/metadata/annotations/kubernetes.io~1config.source").asString()).isEqualTo("file");
            assertThat(mirror.at("/metadata/ownerReferences/0/kind").asString()).isEqualTo("Node");
            assertThat(mirror.at("/spec/nodeName").asString()).isEqualTo(nodeName);
            assertThat(mirror.at("/metadata/labels/component").asString()).isEqualTo("etcd");
            assertThat(mirror.at("/status/containerStatuses/0/image").asString())
                    .isEqualTo("registry.k8s.io/etcd:3.5.16-0");
            String uid = mirror.at("/metadata/uid").asString();

            Files.writeString(manifest, Files.readString(manifest).replace("3.5.16-0", "3.5.17-0"));
            JsonNode replaced = cluster.awaitPod(ns, mirrorName, WAIT,
                    p -> !p.at("/metadata/uid").asString().equals(uid)
                            && "True".equals(KubeletCluster.condition(p, "Ready")));
            assertThat(replaced.at("/spec/containers/0/image").asString()).isEqualTo("registry.k8s.io/etcd:3.5.17-0");
            assertThat(replaced.at("/metadata/annotations/kubernetes.io~1config.mirror").asString()).isNotEqualTo(hash);

            Files.delete(manifest);
            cluster.awaitGone(ns, mirrorName, Duration.ofSeconds(45));
        } finally {
            // a node without heartbeats would go Unknown and change what other tests see of the cluster
            api.delete("/api/v1/nodes/" + nodeName);
        }
    }
}
