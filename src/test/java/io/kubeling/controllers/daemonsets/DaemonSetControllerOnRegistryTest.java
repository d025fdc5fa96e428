package io.kubeling.controllers.daemonsets;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.function.Consumer;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodConditionBuilder;
import io.fabric8.kubernetes.api.model.Toleration;
import io.fabric8.kubernetes.api.model.apps.ControllerRevision;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.kubeling.controllers.StoppedCluster;
import io.kubeling.registry.WriteOptions;

/**
 * The DaemonSet controller on the registry and a stopped clock, with no scheduler or kubelet: pods stay pinned by
 * affinity, and tests make them Ready by writing their status. The tests share one cluster: each has a namespace
 * and nodes of its own, its nodes labelled with its pool and its DaemonSets selecting that pool.
 */
@Execution(ExecutionMode.CONCURRENT)
class DaemonSetControllerOnRegistryTest {

    private static StoppedCluster cluster;
    private static int tests;

    private String ns;

    @BeforeAll
    static void build() {
        cluster = new StoppedCluster();
        cluster.start(new DaemonSetController(cluster.kit()));
    }

    @AfterAll
    static void close() {
        cluster.close();
    }

    @BeforeEach
    void pool() {
        synchronized (DaemonSetControllerOnRegistryTest.class) {
            ns = "ds-" + ++tests;
        }
    }

    private void node(String name, String labels, String taints) {
        cluster.create(null, Node.class, """
                {"apiVersion":"v1","kind":"Node","metadata":{"name":"%s-%s","labels":{"pool":"%s"%s}},
                 "spec":{"taints":[%s]}}
                """.formatted(ns, name, ns, labels.isEmpty() ? "" : "," + labels, taints));
    }

    /** A DaemonSet of this test's pool; {@code nodeSelector} adds entries to the pool's. */
    private DaemonSet create(String name, String nodeSelector, String specExtra) {
        return cluster.create(ns, DaemonSet.class, """
                {"apiVersion":"apps/v1","kind":"DaemonSet","metadata":{"name":"%s"},
                 "spec":{%s"selector":{"matchLabels":{"app":"%s"}},
                   "template":{"metadata":{"labels":{"app":"%s"}},
                     "spec":{"nodeSelector":{"pool":"%s"%s},"containers":[{"name":"agent","image":"agent:1"}]}}}}
                """.formatted(name, specExtra, name, name, ns, nodeSelector.isEmpty() ? "" : "," + nodeSelector));
    }

    private List<Pod> pods() {
        return cluster.list(Pod.class, ns);
    }

    /** The nodes the pods are pinned to, without the test's prefix. */
    private List<String> podNodes() {
        return pods().stream().map(DaemonPods::targetNode).map(n -> n.substring(ns.length() + 1)).sorted().toList();
    }

    private DaemonSet ds(String name) {
        return cluster.get(DaemonSet.class, ns, name);
    }

    private void ready(Pod pod) {
        String now = cluster.now().toString();
        cluster.store(Pod.class).update(ns, pod.getMetadata().getName(), "status", p -> {
            p.getStatus().setPhase("Running");
            p.getStatus().setConditions(List.of(new PodConditionBuilder().withType("Ready").withStatus("True")
                    .withLastTransitionTime(now).build()));
            return p;
        }, WriteOptions.DEFAULT);
    }

    private void readyAll() {
        pods().stream().filter(p -> !"Running".equals(p.getStatus().getPhase())).forEach(this::ready);
    }

    private void change(String name, Consumer<DaemonSet> change) {
        cluster.store(DaemonSet.class).update(ns, name, null, d -> {
            change.accept(d);
            return d;
        }, WriteOptions.DEFAULT);
    }

    /**
     * The images of the pods, sorted, read from one list: a rolling update deletes an old pod before it creates its
     * replacement, so two lists read one after the other can each show a different moment of it.
     */
    private List<String> images() {
        return pods().stream().map(DaemonSetControllerOnRegistryTest::image).sorted().toList();
    }

    private static String image(Pod pod) {
        return pod.getSpec().getContainers().get(0).getImage();
    }

    @Test
    void onePodPerEligibleNodePinnedByAffinityWithTheDaemonTolerations() {
        node("n1", "\"disk\":\"ssd\"", "");
        node("n2", "", "");
        node("n3", "", "{\"key\":\"dedicated\",\"value\":\"gpu\",\"effect\":\"NoSchedule\"}");
        node("n4", "", "{\"key\":\"node.kubernetes.io/unschedulable\",\"effect\":\"NoSchedule\"}");
        create("agent", "", "");
        cluster.awaitUntil(() -> pods().size() == 3);
        assertThat(podNodes()).containsExactly("n1", "n2", "n4");

        Pod pod = pods().get(0);
        assertThat(pod.getMetadata().getName()).startsWith("agent-");
        assertThat(pod.getSpec().getNodeName()).isNull();
        var terms = pod.getSpec().getAffinity().getNodeAffinity().getRequiredDuringSchedulingIgnoredDuringExecution()
                .getNodeSelectorTerms();
        assertThat(terms).hasSize(1);
        assertThat(terms.get(0).getMatchFields().get(0).getKey()).isEqualTo("metadata.name");
        assertThat(terms.get(0).getMatchFields().get(0).getOperator()).isEqualTo("In");
        assertThat(pod.getSpec().getTolerations()).extracting(Toleration::getKey).containsSubsequence(
                "node.kubernetes.io/not-ready", "node.kubernetes.io/unreachable", "node.kubernetes.io/disk-pressure",
                "node.kubernetes.io/memory-pressure", "node.kubernetes.io/pid-pressure",
                "node.kubernetes.io/unschedulable");
        DaemonSet ds = cluster.await(DaemonSet.class, ns, "agent",
                d -> d.getStatus().getDesiredNumberScheduled() == 3 && d.getStatus().getCurrentNumberScheduled() == 3);
        String hash = pod.getMetadata().getLabels().get("controller-revision-hash");
        assertThat(pod.getMetadata().getLabels()).containsEntry("pod-template-generation", "1").containsEntry("app",
                "agent");
        ControllerRevision revision = cluster.get(ControllerRevision.class, ns, "agent-" + hash);
        assertThat(revision.getRevision()).isEqualTo(1L);
        assertThat(ds.getMetadata().getAnnotations()).containsEntry("deprecated.daemonset.template.generation", "1");
        assertThat(ds.getStatus().getNumberReady()).isZero();
        assertThat(ds.getStatus().getNumberMisscheduled()).isZero();
        assertThat(ds.getStatus().getUpdatedNumberScheduled()).isEqualTo(3);
        assertThat(ds.getStatus().getNumberUnavailable()).isEqualTo(3);

        readyAll();
        ds = cluster.await(DaemonSet.class, ns, "agent", d -> d.getStatus().getNumberReady() == 3);
        assertThat(ds.getStatus().getNumberAvailable()).isEqualTo(3);
        assertThat(ds.getStatus().getNumberUnavailable()).isNull();
        assertThat(cluster.events(ns, "agent")).filteredOn(e -> e.startsWith("SuccessfulCreate: Created pod: agent-"))
                .hasSize(3);
    }

    @Test
    void aNewNodeGetsAPodAndANodeThatStopsMatchingLosesIt() {
        node("n1", "\"role\":\"edge\"", "");
        node("n2", "\"role\":\"core\"", "");
        create("edge", "\"role\":\"edge\"", "");
        cluster.awaitUntil(() -> podNodes().equals(List.of("n1")));

        node("n3", "\"role\":\"edge\"", "");
        cluster.awaitUntil(() -> podNodes().equals(List.of("n1", "n3")));
        cluster.await(DaemonSet.class, ns, "edge", d -> d.getStatus().getDesiredNumberScheduled() == 2);

        cluster.store(Node.class).update(null, ns + "-n1", null, n -> {
            n.getMetadata().getLabels().put("role", "core");
            return n;
        }, WriteOptions.DEFAULT);
        cluster.awaitUntil(() -> podNodes().equals(List.of("n3")));
        cluster.await(DaemonSet.class, ns, "edge", d -> d.getStatus().getDesiredNumberScheduled() == 1
                && d.getStatus().getCurrentNumberScheduled() == 1);

        // A NoSchedule taint keeps the running pod, counted as misscheduled; a NoExecute one removes it.
        taint(ns + "-n3", "NoSchedule");
        cluster.await(DaemonSet.class, ns, "edge", d -> d.getStatus().getNumberMisscheduled() == 1
                && d.getStatus().getDesiredNumberScheduled() == 0);
        assertThat(podNodes()).containsExactly("n3");
        taint(ns + "-n3", "NoExecute");
        cluster.awaitUntil(() -> pods().isEmpty());
    }

    private void taint(String node, String effect) {
        cluster.store(Node.class).update(null, node, null, n -> {
            n.getSpec().setTaints(List.of(new io.fabric8.kubernetes.api.model.TaintBuilder().withKey("dedicated")
                    .withValue("x").withEffect(effect).build()));
            return n;
        }, WriteOptions.DEFAULT);
    }

    @Test
    void aRollingUpdateReplacesOnePodAtATime() {
        node("n1", "", "");
        node("n2", "", "");
        create("roll", "", "");
        cluster.awaitUntil(() -> pods().size() == 2);
        readyAll();
        cluster.await(DaemonSet.class, ns, "roll", d -> d.getStatus().getNumberAvailable() != null
                && d.getStatus().getNumberAvailable() == 2);

        change("roll", d -> d.getSpec().getTemplate().getSpec().getContainers().get(0).setImage("agent:2"));
        DaemonSet changed = ds("roll");
        assertThat(changed.getMetadata().getAnnotations()).containsEntry("deprecated.daemonset.template.generation", "2");
        cluster.awaitUntil(() -> images().equals(List.of("agent:1", "agent:2")));
        assertThat(pods()).filteredOn(p -> image(p).equals("agent:1")).hasSize(1);
        Pod updated = pods().stream().filter(p -> image(p).equals("agent:2")).findFirst().orElseThrow();
        assertThat(updated.getMetadata().getLabels()).containsEntry("pod-template-generation", "2");

        readyAll();
        cluster.awaitUntil(() -> images().equals(List.of("agent:2", "agent:2")));
        readyAll();
        DaemonSet done = cluster.await(DaemonSet.class, ns, "roll", d -> d.getStatus().getUpdatedNumberScheduled() != null
                && d.getStatus().getUpdatedNumberScheduled() == 2 && d.getStatus().getNumberAvailable() != null
                && d.getStatus().getNumberAvailable() == 2 && Long.valueOf(2).equals(d.getStatus().getObservedGeneration()));
        assertThat(done.getStatus().getDesiredNumberScheduled()).isEqualTo(2);
        assertThat(cluster.list(ControllerRevision.class, ns)).extracting(ControllerRevision::getRevision)
                .containsExactlyInAnyOrder(1L, 2L);
    }

    @Test
    void maxSurgeStartsTheNewPodBeforeTheOldOneGoes() {
        node("n1", "", "");
        create("surge", "", "\"updateStrategy\":{\"type\":\"RollingUpdate\","
                + "\"rollingUpdate\":{\"maxSurge\":1,\"maxUnavailable\":0}},");
        cluster.awaitUntil(() -> pods().size() == 1);
        readyAll();
        cluster.await(DaemonSet.class, ns, "surge", d -> d.getStatus().getNumberReady() == 1);

        change("surge", d -> d.getSpec().getTemplate().getSpec().getContainers().get(0).setImage("agent:2"));
        cluster.awaitUntil(() -> pods().size() == 2);
        assertThat(pods()).extracting(DaemonSetControllerOnRegistryTest::image)
                .containsExactlyInAnyOrder("agent:1", "agent:2");
        readyAll();
        cluster.awaitUntil(() -> images().equals(List.of("agent:2")));
    }

    @Test
    void onDeleteLeavesOldPodsUntilTheyAreDeleted() {
        node("n1", "", "");
        create("od", "", "\"updateStrategy\":{\"type\":\"OnDelete\"},");
        cluster.awaitUntil(() -> pods().size() == 1);
        readyAll();
        change("od", d -> d.getSpec().getTemplate().getSpec().getContainers().get(0).setImage("agent:2"));
        cluster.await(DaemonSet.class, ns, "od", d -> Long.valueOf(2).equals(d.getStatus().getObservedGeneration()));
        assertThat(image(pods().get(0))).isEqualTo("agent:1");
        assertThat(ds("od").getStatus().getUpdatedNumberScheduled()).isNull();
        cluster.store(Pod.class).delete(ns, pods().get(0).getMetadata().getName(),
                io.kubeling.registry.DeleteOptions.DEFAULT);
        cluster.awaitUntil(() -> images().equals(List.of("agent:2")));
    }
}
