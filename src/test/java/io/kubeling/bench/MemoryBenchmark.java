package io.kubeling.bench;

import java.lang.management.ManagementFactory;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.util.FileSystemUtils;

import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.kubeling.KubelingApplication;
import io.kubeling.registry.ListOptions;
import io.kubeling.registry.Registry;
import io.kubeling.registry.ResourceStore;
import io.kubeling.registry.WriteOptions;
import io.kubeling.registry.selection.FieldSelector;
import io.kubeling.registry.selection.LabelSelector;

/**
 * What the server keeps in memory per object: inside one server with the simulation off (run it with the heap
 * to check, {@code -Xmx2g} by the exec configuration), {@code threads=} writers (16) create {@code pods=} pods
 * (100,000) through the registry, as the shared harness's W1 pod (one nginx container, two labels, a field
 * manager) in one namespace with its default service account, on the embedded H2 file database in a fresh data
 * directory. Every {@code every=} pods (10,000) it prints the time taken, the heap after a full collection, the
 * resident memory and the heap per pod above the heap held before the first pod; at the end it reads one pod
 * and lists the first page. Stops at {@code timeout=} seconds (1,800).
 *
 * <pre>./mvnw -q exec:exec@memory-bench -Dbench.args="pods=100000"</pre>
 */
public final class MemoryBenchmark {

    // H2 takes no path relative to the working directory unless it starts with ./
    private static final String DATA_DIR = "./target/memory-bench";

    public static void main(String[] args) throws Exception {
        BenchArgs bench = BenchArgs.parse(args);
        int pods = bench.number("pods", 100_000);
        int threads = bench.number("threads", 16);
        int every = bench.number("every", 10_000);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(bench.number("timeout", 1800));
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        FileSystemUtils.deleteRecursively(Path.of(DATA_DIR));
        List<String> server = new ArrayList<>(List.of("--kubeling.port=" + port, "--kubeling.tls.port=0",
                "--kubeling.simulation.enabled=false", "--kubeling.data-dir=" + DATA_DIR, "--logging.level.root=WARN"));
        server.addAll(bench.serverArgs());
        try (ConfigurableApplicationContext context = SpringApplication.run(KubelingApplication.class,
                server.toArray(String[]::new))) {
            Registry registry = context.getBean(Registry.class);
            ResourceStore<Pod> store = registry.store(Pod.class);
            String ns = "memory";
            Namespace namespace = new NamespaceBuilder().withNewMetadata().withName(ns).endMetadata().build();
            registry.store(Namespace.class).create(null, namespace, WriteOptions.DEFAULT);
            // the service account controller makes the namespace's default account, which pods are admitted with
            long waitUntil = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (registry.store(ServiceAccount.class).list(ns, ListOptions.ALL).items().isEmpty()) {
                if (System.nanoTime() > waitUntil) {
                    throw new IllegalStateException("no default service account in " + ns);
                }
                Thread.sleep(20);
            }
            long base = heapAfterGc();
            System.out.printf("max heap %d MiB; before the first pod: heap after GC %.1f MiB, RSS %d MiB%n",
                    Runtime.getRuntime().maxMemory() >> 20, base / 1048576.0, rssMiB());
            System.out.printf("%8s %9s %14s %9s %13s%n", "pods", "seconds", "heap after GC", "RSS", "heap per pod");
            AtomicInteger next = new AtomicInteger();
            long start = System.nanoTime();
            int made = 0;
            for (int target = Math.min(every, pods); made < pods; target = Math.min(target + every, pods)) {
                int upTo = target;
                ExecutorService pool = Executors.newFixedThreadPool(threads);
                List<Future<?>> done = new ArrayList<>();
                for (int t = 0; t < threads; t++) {
                    done.add(pool.submit(() -> {
                        for (int i = next.getAndIncrement(); i < upTo; i = next.getAndIncrement()) {
                            if (System.nanoTime() > deadline) {
                                return;
                            }
                            store.create(ns, pod("lg-" + i), new WriteOptions(false, "loadgen"));
                        }
                    }));
                }
                for (Future<?> f : done) {
                    f.get();
                }
                pool.shutdown();
                double seconds = (System.nanoTime() - start) / 1e9;
                made = Math.min(next.get(), upTo);
                long heap = heapAfterGc();
                System.out.printf("%8d %9.1f %10.1f MiB %5d MiB %9d B%n", made, seconds, heap / 1048576.0, rssMiB(),
                        (heap - base) / Math.max(1, made));
                if (System.nanoTime() > deadline) {
                    System.out.println("timeout reached");
                    break;
                }
            }
            Pod last = store.get(ns, "lg-" + (made - 1));
            int page = store.list(ns, new ListOptions(LabelSelector.EVERYTHING, FieldSelector.EVERYTHING, 500, null, null, null)).items().size();
            System.out.printf("get %s: %s; first page of a list: %d pods%n", last.getMetadata().getName(),
                    last.getMetadata().getResourceVersion(), page);
            // time to take a class histogram or the native memory summary with jcmd
            Thread.sleep(TimeUnit.SECONDS.toMillis(bench.number("hold", 0)));
        }
    }

    private static Pod pod(String name) {
        return new PodBuilder().withNewMetadata().withName(name).addToLabels("app", "loadgen")
                .addToLabels("lg-upd", "0").endMetadata().withNewSpec()
                .withContainers(new ContainerBuilder().withName("nginx").withImage("nginx").build()).endSpec().build();
    }

    private static long heapAfterGc() {
        // the serial and parallel collectors run a full collection for each call
        System.gc();
        System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    private static long rssMiB() throws Exception {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("\\D", "")) >> 10;
            }
        }
        return -1;
    }

    private MemoryBenchmark() {
    }
}
