package io.kubeling.controllers.kubelet;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.kubeling.config.KubeletProperties;
import io.kubeling.controllers.StoppedCluster;
import io.kubeling.registry.SubresourceCall;
import io.kubeling.registry.TextStream;
import io.kubeling.registry.WriteOptions;

/**
 * The kubelets of a {@link StoppedCluster}, built as the server builds them, on one thread, and {@code pods/log}
 * read as the API serves it. Tests of a class share it (a registry on a store of its own takes a while to build):
 * each registers a node of its own and removes it at the end, which stops that node's kubelet and its pods.
 */
final class KubeletOnRegistry implements AutoCloseable {

    private static final AtomicInteger NODES = new AtomicInteger();

    final StoppedCluster cluster = new StoppedCluster();
    final ContainerLogs logs = new ContainerLogs(1 << 20);
    final PodLogEndpoint logEndpoint = new PodLogEndpoint(cluster.registry, logs, cluster.time.clock());

    KubeletOnRegistry() {
        cluster.start(new KubeletController(cluster.feed, cluster.registry, cluster.events, cluster.time,
                StoppedCluster.simulation(), new KubeletProperties(List.of("registry.private.test"), null,
                        Duration.ofSeconds(1), 1 << 20, 1), logs, cluster.codec));
    }

    /** Registers a node with an InternalIP and a pod CIDR, as a kubelet registers its node; answers its name. */
    String newNode() {
        String name = "sim-" + NODES.incrementAndGet();
        cluster.create(null, Node.class, """
                {"apiVersion":"v1","kind":"Node","metadata":{"name":"%s","labels":{"kubernetes.io/hostname":"%s"}},
                 "spec":{"podCIDR":"10.244.40.0/24","podCIDRs":["10.244.40.0/24"]},
                 "status":{"addresses":[{"type":"InternalIP","address":"172.18.0.40"},{"type":"Hostname","address":"%s"}],
                  "conditions":[{"type":"Ready","status":"True","reason":"KubeletReady","message":"kubelet is posting ready status"}]}}
                """.formatted(name, name, name));
        return name;
    }

    void removeNode(String name) {
        cluster.store(Node.class).delete(null, name, io.kubeling.registry.DeleteOptions.DEFAULT);
    }

    /** A pod bound to {@code node} with a grace period of 5 s. */
    static String pod(String node, String name, String restartPolicy, String containers) {
        return """
                {"apiVersion":"v1","kind":"Pod","metadata":{"name":"%s"},
                 "spec":{"nodeName":"%s","restartPolicy":"%s","terminationGracePeriodSeconds":5,"containers":%s}}
                """.formatted(name, node, restartPolicy, containers);
    }

    Pod createPod(String namespace, String json) {
        return cluster.create(namespace, Pod.class, json);
    }

    Pod pod(String namespace, String name) {
        return cluster.get(Pod.class, namespace, name);
    }

    /** The READY and STATUS cells of the pod's Table row, as kubectl get pods prints them. */
    String row(String namespace, String name) {
        List<Object> cells = cluster.store(Pod.class).definition().table().cells(pod(namespace, name), cluster.now());
        return cells.get(1) + " " + cells.get(2);
    }

    /** Moves time in small steps until the pod's row reads {@code expected}, at most {@code most} of it. */
    void advanceToRow(String namespace, String name, String expected, Duration most) {
        cluster.advanceUntil(Duration.ofMillis(100), most, () -> row(namespace, name).equals(expected));
    }

    /** Moves time until the named (init) container runs. */
    void advanceToRunning(String namespace, String name, String container, Duration most) {
        cluster.advanceUntil(Duration.ofMillis(100), most, () -> {
            var status = pod(namespace, name).getStatus();
            return java.util.stream.Stream.concat(status.getInitContainerStatuses().stream(),
                    status.getContainerStatuses().stream()).anyMatch(c -> c.getName().equals(container)
                            && c.getState() != null && c.getState().getRunning() != null);
        });
    }

    static String condition(Pod pod, String type) {
        for (PodCondition c : pod.getStatus().getConditions()) {
            if (c.getType().equals(type)) {
                return c.getStatus();
            }
        }
        return null;
    }

    /** What {@code GET pods/{name}/log} answers, with its query parameters. */
    String log(String namespace, String name, String... parameters) {
        Map<String, String[]> query = new LinkedHashMap<>();
        for (int i = 0; i < parameters.length; i += 2) {
            query.put(parameters[i], new String[] { parameters[i + 1] });
        }
        Object body = logEndpoint.get(new SubresourceCall(namespace, name, query, null, WriteOptions.DEFAULT)).body();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ((TextStream) body).writeTo(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        cluster.close();
    }
}
