package io.kubeling.controllers.kubelet;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Pod;

import io.kubeling.controllers.StoppedCluster;

/**
 * Mirror pods follow the manifests a node is given: when every manifest changes at once (as when another
 * replica, serving on another port, takes over the control-plane node's kubelet), one sync replaces them all.
 */
class StaticPodsOnRegistryTest {

    private static final String NODE = "control-plane";

    private static List<byte[]> manifests(String tag) {
        return List.of(manifest("etcd", tag), manifest("kube-apiserver", tag), manifest("kube-scheduler", tag));
    }

    private static byte[] manifest(String name, String tag) {
        return """
                apiVersion: v1
                kind: Pod
                metadata:
                  name: %s
                  namespace: kube-system
                spec:
                  containers:
                  - name: %s
                    image: registry.k8s.io/%s:%s
                """.formatted(name, name, name, tag).getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void oneSyncReplacesEveryChangedMirrorPod() {
        try (StoppedCluster cluster = new StoppedCluster()) {
            cluster.create(new NamespaceBuilder().withNewMetadata().withName("kube-system").endMetadata().build());
            new StaticPods(cluster.registry, cluster.codec, cluster.time.clock(), null, manifests("v1")).sync(NODE, "uid-1");
            assertThat(images(cluster)).containsExactlyInAnyOrder("registry.k8s.io/etcd:v1",
                    "registry.k8s.io/kube-apiserver:v1", "registry.k8s.io/kube-scheduler:v1");

            new StaticPods(cluster.registry, cluster.codec, cluster.time.clock(), null, manifests("v2")).sync(NODE, "uid-1");
            assertThat(images(cluster)).containsExactlyInAnyOrder("registry.k8s.io/etcd:v2",
                    "registry.k8s.io/kube-apiserver:v2", "registry.k8s.io/kube-scheduler:v2");
        }
    }

    private static List<String> images(StoppedCluster cluster) {
        return cluster.list(Pod.class, "kube-system").stream()
                .map(p -> p.getSpec().getContainers().get(0).getImage()).toList();
    }
}
