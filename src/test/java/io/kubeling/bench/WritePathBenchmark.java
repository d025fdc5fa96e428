package io.kubeling.bench;

import java.lang.management.ManagementFactory;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntConsumer;

import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.util.FileSystemUtils;

import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodConditionBuilder;
import io.fabric8.kubernetes.api.model.PodStatus;
import io.fabric8.kubernetes.api.model.PodStatusBuilder;
import io.kubeling.KubelingApplication;
import io.kubeling.controllers.EventRecorder;
import io.kubeling.registry.Registry;
import io.kubeling.registry.ResourceStore;
import io.kubeling.registry.WriteOptions;

/**
 * The cost of the writes a pod's start-up is made of, one at a time on one thread, inside one
 * server with the simulation off: a pod create, a kubelet status update, an event, and a read, on
 * the embedded default, the H2 file database in a fresh data directory ({@code db=mem} for an
 * in-memory one), from {@code threads=} threads (1), each taking every n-th object.
 * Prints the wall time and the process CPU per operation, so a change to the write path can be
 * judged in seconds rather than by the whole pod benchmark.
 *
 * <pre>./mvnw -q exec:exec@write-bench -Dbench.args="ops=3000"</pre>
 */
public final class WritePathBenchmark {

    // H2 takes no path relative to the working directory unless it starts with ./
    private static final String DATA_DIR = "./target/bench-data";

    private static int threads;

    public static void main(String[] args) throws Exception {
        BenchArgs bench = BenchArgs.parse(args);
        int ops = bench.number("ops", 3000);
        threads = bench.number("threads", 1);
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        // a fresh data directory each run, where the embedded file database lives unless db=mem
        FileSystemUtils.deleteRecursively(Path.of(DATA_DIR));
        List<String> server = new ArrayList<>(List.of("--kubeling.port=" + port,
                "--kubeling.simulation.enabled=false", "--kubeling.data-dir=" + DATA_DIR, "--logging.level.root=WARN"));
        server.addAll(bench.databaseArgs());
        try (ConfigurableApplicationContext context = SpringApplication.run(KubelingApplication.class,
                server.toArray(String[]::new))) {
            Registry registry = context.getBean(Registry.class);
            EventRecorder events = context.getBean(EventRecorder.class);
            ResourceStore<Pod> pods = registry.store(Pod.class);
            for (String ns : List.of("warm", "bench")) {
                Namespace namespace = new NamespaceBuilder().withNewMetadata().withName(ns).endMetadata().build();
                registry.store(Namespace.class).create(null, namespace, WriteOptions.DEFAULT);
            }
            for (String ns : List.of("warm", "bench")) {
                int n = ns.equals("warm") ? Math.max(1, ops / 3) : ops;
                boolean report = ns.equals("bench");
                phase(report, "pod create", n, i -> pods.create(ns, pod(i), new WriteOptions(false, "bench")));
                phase(report, "status update", n, i -> pods.update(ns, "pod-" + i, "status", current -> {
                    current.setStatus(status(i, 0));
                    return current;
                }, io.kubeling.controllers.Managers.kubelet("node-1")));
                phase(report, "second status update", n, i -> pods.update(ns, "pod-" + i, "status", current -> {
                    current.setStatus(status(i, 1));
                    return current;
                }, io.kubeling.controllers.Managers.kubelet("node-1")));
                phase(report, "event", n, i -> {
                    Pod pod = pods.get(ns, "pod-" + i);
                    events.record(EventRecorder.reference(pod, "spec.containers{app}"), "Normal", "Pulled",
                            "Container image \"nginx\" already present on machine", "kubelet", "node-1");
                });
                phase(report, "get", n, i -> pods.get(ns, "pod-" + i));
            }
        }
    }

    private static void phase(boolean report, String name, int n, IntConsumer op) throws Exception {
        com.sun.management.OperatingSystemMXBean os =
                (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        long cpu = os.getProcessCpuTime();
        long start = System.nanoTime();
        // with several threads, writes meet behind the store's lock and share its commits
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Future<?>> done = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int first = t;
            done.add(pool.submit(() -> {
                for (int i = first; i < n; i += threads) {
                    op.accept(i);
                }
            }));
        }
        for (Future<?> f : done) {
            f.get();
        }
        pool.shutdown();
        double wall = (System.nanoTime() - start) / 1e3 / n;
        double used = (os.getProcessCpuTime() - cpu) / 1e3 / n;
        if (report) {
            System.out.printf("%-22s %6d ops  %8.1f us/op wall  %8.1f us/op process CPU%n", name, n, wall, used);
        }
    }

    private static Pod pod(int i) {
        return new PodBuilder().withNewMetadata().withName("pod-" + i).addToLabels("app", "bench").endMetadata()
                .withNewSpec().withNodeName("node-1")
                .withContainers(new ContainerBuilder().withName("app").withImage("nginx").build())
                .endSpec().build();
    }

    private static PodStatus status(int i, int step) {
        String time = "2026-01-01T00:00:0" + step + "Z";
        return new PodStatusBuilder().withPhase(step == 0 ? "Pending" : "Running").withHostIP("172.18.0.2")
                .withPodIP("10.244.0." + (i % 250)).withStartTime("2026-01-01T00:00:00Z")
                .withConditions(
                        new PodConditionBuilder().withType("PodReadyToStartContainers").withStatus("True")
                                .withLastTransitionTime(time).build(),
                        new PodConditionBuilder().withType("Initialized").withStatus("True")
                                .withLastTransitionTime(time).build(),
                        new PodConditionBuilder().withType("Ready").withStatus(step == 0 ? "False" : "True")
                                .withLastTransitionTime(time).build(),
                        new PodConditionBuilder().withType("ContainersReady").withStatus(step == 0 ? "False" : "True")
                                .withLastTransitionTime(time).build(),
                        new PodConditionBuilder().withType("PodScheduled").withStatus("True")
                                .withLastTransitionTime("2026-01-01T00:00:00Z").build())
                .withContainerStatuses(new ContainerStatusBuilder().withName("app").withImage("docker.io/library/nginx:latest")
                        .withImageID("docker.io/library/nginx@sha256:" + "0".repeat(64))
                        .withContainerID("containerd://" + "1".repeat(64)).withReady(step == 1).withStarted(step == 1)
                        .withRestartCount(0).withNewState().withNewRunning().withStartedAt(time).endRunning()
                        .endState().build())
                .build();
    }

    private WritePathBenchmark() {
    }
}
