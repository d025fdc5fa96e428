package io.kubeling.controllers.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.ContainerStateBuilder;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeCondition;
import io.fabric8.kubernetes.api.model.NodeStatusBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.kubeling.controllers.StoppedCluster;
import io.kubeling.registry.WriteOptions;
import io.kubeling.registry.selection.FieldSelector;
import io.kubeling.registry.selection.LabelSelector;

/** The simulated usage on a stopped clock: when metrics appear, what sets them, and how nodes add them up. */
class SimulatedUsageTest {

    private static final String NS = "usage";

    private StoppedCluster cluster;
    private SimulatedUsage usage;

    @BeforeEach
    void start() {
        cluster = new StoppedCluster();
        usage = new SimulatedUsage(cluster.registry, cluster.time.clock());
    }

    @AfterEach
    void close() {
        cluster.close();
    }

    private Pod pod(String name, String annotations, String containers) {
        return cluster.create(NS, Pod.class, """
                {"apiVersion":"v1","kind":"Pod","metadata":{"name":"%s","labels":{"app":"%s"},"annotations":{%s}},
                 "spec":{"nodeName":"n1","containers":[%s]}}
                """.formatted(name, name, annotations, containers));
    }

    private Pod running(Pod pod) {
        String now = cluster.now().toString();
        return cluster.store(Pod.class).update(NS, pod.getMetadata().getName(), "status", current -> {
            current.getStatus().setPhase("Running");
            List<ContainerStatus> statuses = new ArrayList<>();
            current.getSpec().getContainers().forEach(c -> statuses.add(new ContainerStatusBuilder()
                    .withName(c.getName()).withReady(true).withImage(c.getImage())
                    .withState(new ContainerStateBuilder().withNewRunning().withStartedAt(now).endRunning().build())
                    .build()));
            current.getStatus().setContainerStatuses(statuses);
            return current;
        }, WriteOptions.DEFAULT).object();
    }

    private Node node(String name, String ready) {
        cluster.create(null, Node.class, """
                {"apiVersion":"v1","kind":"Node","metadata":{"name":"%s","labels":{"pool":"a"}}}
                """.formatted(name));
        return cluster.store(Node.class).update(null, name, "status", current -> {
            current.setStatus(new NodeStatusBuilder().withConditions(new NodeCondition(null, null, null, null, ready,
                    "Ready")).build());
            return current;
        }, WriteOptions.DEFAULT).object();
    }

    private static String container(String name, String requests) {
        return "{\"name\":\"%s\",\"image\":\"nginx\"%s}".formatted(name,
                requests.isEmpty() ? "" : ",\"resources\":{\"requests\":{" + requests + "}}");
    }

    private Pod read(String name) {
        return cluster.get(Pod.class, NS, name);
    }

    @Test
    void aPodHasMetricsOnceAScrapeBeforeTheLatestSawItRunning() {
        Pod pod = pod("web", "", container("c", ""));
        assertThat(usage.pod(read("web"))).as("pending").isEmpty();
        running(pod);
        assertThat(usage.pod(read("web"))).as("running, scraped once").isEmpty();
        cluster.advance(Duration.ofSeconds(14));
        assertThat(usage.pod(read("web"))).as("no second scrape yet").isEmpty();
        cluster.advance(Duration.ofSeconds(1));
        PodUsage first = usage.pod(read("web")).orElseThrow();
        assertThat(first.timestamp()).isEqualTo(StoppedCluster.START.plusSeconds(15));
        assertThat(first.window()).isEqualTo(Duration.ofSeconds(15));
        assertThat(first.labels()).containsEntry("app", "web");
        cluster.advance(Duration.ofSeconds(20));
        assertThat(usage.pod(read("web")).orElseThrow().timestamp())
                .isEqualTo(StoppedCluster.START.plusSeconds(30));
    }

    @Test
    void annotationsSetTheUsageExactlyForThePodOrPerContainer() {
        running(pod("set", "\"kubeling.io/usage-cpu\":\"250m\",\"kubeling.io/usage-memory\":\"web=64Mi,side=1Gi\"",
                container("web", "\"cpu\":\"1\"") + "," + container("side", "")));
        cluster.advance(Duration.ofSeconds(15));
        List<ContainerUsage> containers = usage.pod(read("set")).orElseThrow().containers();
        assertThat(containers).extracting(ContainerUsage::name).containsExactly("web", "side");
        assertThat(containers).extracting(c -> c.usage().cpu()).containsExactly("125m", "125m");
        assertThat(containers).extracting(c -> c.usage().memory()).containsExactly("64Mi", "1Gi");
        cluster.advance(Duration.ofSeconds(45));
        assertThat(usage.pod(read("set")).orElseThrow().containers())
                .extracting(c -> c.usage().cpu()).containsExactly("125m", "125m");
    }

    @Test
    void requestsAreTheBaselineWithinFivePercentTheSameAtTheSameScrape() {
        running(pod("req", "\"kubeling.io/usage-cpu\":\"not a quantity\"",
                container("c", "\"cpu\":\"200m\",\"memory\":\"128Mi\"")));
        Set<Long> seen = new HashSet<>();
        List<String> printed = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            cluster.advance(Duration.ofSeconds(15));
            Usage u = usage.pod(read("req")).orElseThrow().containers().get(0).usage();
            assertThat(usage.pod(read("req")).orElseThrow().containers().get(0).usage()).isEqualTo(u);
            assertThat(u.nanocores()).isBetween(190_000_000L, 210_000_000L);
            assertThat(u.bytes()).isBetween(128L * 1024 * 1024 * 95 / 100, 128L * 1024 * 1024 * 105 / 100);
            assertThat(u.bytes() % 1024).isZero();
            assertThat(u.memory()).matches("\\d+(Ki|Mi)");
            seen.add(u.nanocores());
            printed.add(u.cpu());
        }
        assertThat(seen).as("it varies from scrape to scrape").hasSizeGreaterThan(1);
        assertThat(printed).as("to the nanocore, as the kubelet measures it").anyMatch(cpu -> cpu.matches("\\d+n"));
    }

    @Test
    void aContainerWithoutRequestsUsesASmallDefault() {
        running(pod("idle", "", container("c", "")));
        cluster.advance(Duration.ofSeconds(15));
        Usage u = usage.pod(read("idle")).orElseThrow().total();
        assertThat(u.nanocores()).isBetween(SimulatedUsage.DEFAULT_NANOCORES * 95 / 100,
                SimulatedUsage.DEFAULT_NANOCORES * 105 / 100);
        assertThat(u.bytes()).isBetween(SimulatedUsage.DEFAULT_BYTES * 95 / 100 - 1024,
                SimulatedUsage.DEFAULT_BYTES * 105 / 100);
    }

    @Test
    void listsOnlyRunningMeasuredPodsThatMatchTheSelector() {
        running(pod("a", "", container("c", "")));
        running(pod("b", "", container("c", "")));
        pod("pending", "", container("c", ""));
        cluster.advance(Duration.ofSeconds(15));
        assertThat(usage.pods(NS, LabelSelector.EVERYTHING, FieldSelector.EVERYTHING))
                .extracting(PodUsage::name).containsExactly("a", "b");
        assertThat(usage.pods(NS, LabelSelector.parse("app=b"), FieldSelector.EVERYTHING))
                .extracting(PodUsage::name).containsExactly("b");
        assertThat(usage.pods(NS, LabelSelector.EVERYTHING, FieldSelector.parse("metadata.name=a")))
                .extracting(PodUsage::name).containsExactly("a");
        assertThat(usage.pods("elsewhere", LabelSelector.EVERYTHING, FieldSelector.EVERYTHING)).isEmpty();
    }

    @Test
    void aReadyNodeUsesItsPodsPlusASystemBaseline() {
        node("n1", "True");
        node("down", "False");
        running(pod("p1", "\"kubeling.io/usage-cpu\":\"300m\",\"kubeling.io/usage-memory\":\"100Mi\"",
                container("c", "")));
        running(pod("p2", "\"kubeling.io/usage-cpu\":\"200m\",\"kubeling.io/usage-memory\":\"50Mi\"",
                container("c", "")));
        assertThat(usage.nodes(LabelSelector.EVERYTHING, FieldSelector.EVERYTHING)).as("not scraped twice").isEmpty();
        cluster.advance(Duration.ofSeconds(15));
        List<NodeUsage> nodes = usage.nodes(LabelSelector.parse("pool=a"), FieldSelector.EVERYTHING);
        assertThat(nodes).extracting(NodeUsage::name).containsExactly("n1");
        Usage system = new Usage(nodes.get(0).usage().nanocores() - 500_000_000L,
                nodes.get(0).usage().bytes() - (150L << 20));
        assertThat(system.nanocores()).isBetween(SimulatedUsage.SYSTEM_NANOCORES * 95 / 100,
                SimulatedUsage.SYSTEM_NANOCORES * 105 / 100);
        assertThat(system.bytes()).isBetween(SimulatedUsage.SYSTEM_BYTES * 95 / 100,
                SimulatedUsage.SYSTEM_BYTES * 105 / 100);
        assertThat(usage.node(cluster.get(Node.class, null, "n1")).orElseThrow().usage())
                .isEqualTo(nodes.get(0).usage());
        assertThat(usage.node(cluster.get(Node.class, null, "down"))).isEmpty();
        assertThat(nodes.get(0).timestamp()).isEqualTo(Instant.parse("2026-01-01T00:00:15Z"));
        assertThat(nodes.get(0).labels()).isEqualTo(Map.of("pool", "a"));
    }

    @Test
    void quantitiesArePrintedAsMetricsServerPrintsThem() {
        assertThat(Usage.decimal(1_234_567)).isEqualTo("1234567n");
        assertThat(Usage.decimal(5_000_000)).isEqualTo("5m");
        assertThat(Usage.decimal(7_000)).isEqualTo("7u");
        assertThat(Usage.decimal(2_000_000_000)).isEqualTo("2");
        assertThat(Usage.decimal(0)).isEqualTo("0");
        assertThat(Usage.binary(12_345 * 1024L)).isEqualTo("12345Ki");
        assertThat(Usage.binary(64L << 20)).isEqualTo("64Mi");
        assertThat(Usage.binary(1000)).isEqualTo("1000");
        assertThat(MetricsObjects.window(Duration.ofSeconds(15))).isEqualTo("15s");
        assertThat(MetricsObjects.window(Duration.ofSeconds(60))).isEqualTo("1m0s");
    }
}
