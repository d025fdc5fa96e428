package io.kubeling.controllers.metrics;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.stereotype.Component;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeCondition;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Quantity;
import io.kubeling.registry.ListOptions;
import io.kubeling.registry.Registry;
import io.kubeling.registry.Timestamps;
import io.kubeling.registry.selection.FieldSelector;
import io.kubeling.registry.selection.LabelSelector;

/**
 * The usage metrics-server would report, simulated from the pods the kubelets run, at the latest scrape on
 * the simulation clock. A container uses what the pod's usage annotations say, else its requests, else a
 * small default, the last two with a deterministic wobble per scrape. A node uses what its pods use plus
 * a system baseline. Only Running pods and Ready nodes have metrics, and only once a scrape before the
 * latest one has seen them running. Nothing is stored: each read computes it again.
 */
@Component
public class SimulatedUsage {

    static final long DEFAULT_NANOCORES = 2_000_000L;
    static final long DEFAULT_BYTES = 6L << 20;
    static final long SYSTEM_NANOCORES = 80_000_000L;
    static final long SYSTEM_BYTES = 480L << 20;

    private final Registry registry;
    private final Clock clock;

    public SimulatedUsage(Registry registry, Clock clock) {
        this.registry = registry;
        this.clock = clock;
    }

    /** The metrics of the pods in a namespace (or all, with none) that match, by namespace and name. */
    public List<PodUsage> pods(String namespace, LabelSelector labels, FieldSelector fields) {
        Instant scrape = Scrapes.latest(clock.instant());
        List<Pod> pods = new ArrayList<>(registry.store(Pod.class)
                .list(namespace, new ListOptions(labels, fields, 0, null, null, null)).items());
        pods.sort(Comparator.comparing((Pod p) -> p.getMetadata().getNamespace())
                .thenComparing(p -> p.getMetadata().getName()));
        List<PodUsage> out = new ArrayList<>();
        for (Pod pod : pods) {
            of(pod, scrape).ifPresent(out::add);
        }
        return out;
    }

    /** The metrics of one pod, empty when it has none (not Running, or not yet scraped twice). */
    public Optional<PodUsage> pod(Pod pod) {
        return of(pod, Scrapes.latest(clock.instant()));
    }

    /** The metrics of the nodes that match, by name. */
    public List<NodeUsage> nodes(LabelSelector labels, FieldSelector fields) {
        Instant scrape = Scrapes.latest(clock.instant());
        List<Node> nodes = new ArrayList<>(registry.store(Node.class)
                .list(null, new ListOptions(labels, fields, 0, null, null, null)).items());
        nodes.sort(Comparator.comparing(n -> n.getMetadata().getName()));
        List<Pod> pods = registry.store(Pod.class).list(null, ListOptions.ALL).items();
        List<NodeUsage> out = new ArrayList<>();
        for (Node node : nodes) {
            of(node, pods, scrape).ifPresent(out::add);
        }
        return out;
    }

    /** The metrics of one node, empty when it has none (not Ready, or not yet scraped twice). */
    public Optional<NodeUsage> node(Node node) {
        Instant scrape = Scrapes.latest(clock.instant());
        List<Pod> pods = registry.store(Pod.class)
                .list(null, ListOptions.withFields("spec.nodeName=" + node.getMetadata().getName())).items();
        return of(node, pods, scrape);
    }

    static Optional<PodUsage> of(Pod pod, Instant scrape) {
        if (pod.getStatus() == null || !"Running".equals(pod.getStatus().getPhase())) {
            return Optional.empty();
        }
        List<Container> containers = pod.getSpec().getContainers();
        List<String> names = containers.stream().map(Container::getName).toList();
        Map<String, String> annotations = pod.getMetadata().getAnnotations();
        Map<String, BigDecimal> cpu = UsageAnnotations.read(annotations, UsageAnnotations.CPU, names);
        Map<String, BigDecimal> memory = UsageAnnotations.read(annotations, UsageAnnotations.MEMORY, names);
        long index = Scrapes.index(scrape);
        List<ContainerUsage> usages = new ArrayList<>();
        for (Container c : containers) {
            if (!Scrapes.measured(runningSince(pod, c.getName()), scrape)) {
                continue;
            }
            String seed = pod.getMetadata().getUid() + "/" + c.getName();
            long nanos = cpu.containsKey(c.getName())
                    ? cpu.get(c.getName()).movePointRight(9).longValue()
                    : Variation.apply(baseline(c, "cpu", 9, DEFAULT_NANOCORES), seed + "/cpu", index);
            long bytes = memory.containsKey(c.getName())
                    ? memory.get(c.getName()).longValue()
                    : Variation.apply(baseline(c, "memory", 0, DEFAULT_BYTES), seed + "/memory", index);
            // the kubelet reports the working set in whole KiB
            usages.add(new ContainerUsage(c.getName(), new Usage(nanos, bytes / 1024 * 1024)));
        }
        if (usages.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new PodUsage(pod.getMetadata().getNamespace(), pod.getMetadata().getName(),
                labels(pod.getMetadata().getLabels()), scrape, Scrapes.RESOLUTION, usages));
    }

    static Optional<NodeUsage> of(Node node, List<Pod> pods, Instant scrape) {
        if (!ready(node) || !Scrapes.measured(Timestamps.parse(node.getMetadata().getCreationTimestamp()), scrape)) {
            return Optional.empty();
        }
        String name = node.getMetadata().getName();
        long index = Scrapes.index(scrape);
        Usage total = new Usage(Variation.apply(SYSTEM_NANOCORES, name + "/cpu", index),
                Variation.apply(SYSTEM_BYTES, name + "/memory", index) / 1024 * 1024);
        for (Pod pod : pods) {
            if (name.equals(pod.getSpec().getNodeName())) {
                Optional<PodUsage> usage = of(pod, scrape);
                if (usage.isPresent()) {
                    total = total.plus(usage.get().total());
                }
            }
        }
        return Optional.of(new NodeUsage(name, labels(node.getMetadata().getLabels()), scrape, Scrapes.RESOLUTION,
                total));
    }

    private static long baseline(Container c, String resource, int shift, long fallback) {
        if (c.getResources() == null || c.getResources().getRequests() == null) {
            return fallback;
        }
        Quantity q = c.getResources().getRequests().get(resource);
        if (q == null) {
            return fallback;
        }
        try {
            long v = Quantity.getAmountInBytes(q).movePointRight(shift).longValue();
            return v > 0 ? v : fallback;
        } catch (RuntimeException e) {
            return fallback;
        }
    }

    private static Instant runningSince(Pod pod, String container) {
        if (pod.getStatus().getContainerStatuses() == null) {
            return null;
        }
        for (ContainerStatus s : pod.getStatus().getContainerStatuses()) {
            if (container.equals(s.getName()) && s.getState() != null && s.getState().getRunning() != null
                    && s.getState().getRunning().getStartedAt() != null) {
                return Timestamps.parse(s.getState().getRunning().getStartedAt());
            }
        }
        return null;
    }

    private static boolean ready(Node node) {
        if (node.getStatus() == null || node.getStatus().getConditions() == null) {
            return false;
        }
        for (NodeCondition c : node.getStatus().getConditions()) {
            if ("Ready".equals(c.getType())) {
                return "True".equals(c.getStatus());
            }
        }
        return false;
    }

    private static Map<String, String> labels(Map<String, String> labels) {
        return labels == null ? Map.of() : Map.copyOf(labels);
    }
}
