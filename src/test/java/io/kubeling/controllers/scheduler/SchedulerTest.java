package io.kubeling.controllers.scheduler;

import static io.kubeling.controllers.SimulatedCluster.NODE_1;
import static io.kubeling.controllers.SimulatedCluster.NODE_2;
import static io.kubeling.controllers.SimulatedCluster.NODE_3;
import static io.kubeling.controllers.SimulatedCluster.condition;
import static io.kubeling.controllers.SimulatedCluster.hasCondition;
import static io.kubeling.controllers.SimulatedCluster.taints;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import io.kubeling.controllers.SimulatedCluster;
import io.kubeling.support.HttpApi;
import io.kubeling.support.KubelingTest;
import tools.jackson.databind.JsonNode;

@KubelingTest
class SchedulerTest {

    @LocalServerPort
    int port;

    HttpApi api;
    SimulatedCluster cluster;
    String ns;
    int nodes;

    /** What the tainted control-plane node says to a pod that does not tolerate it. */
    private static final String CONTROL_PLANE = "1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }";

    @BeforeEach
    void setUp() {
        api = new HttpApi(port);
        cluster = new SimulatedCluster(api);
        ns = api.newNamespace("sched-");
        nodes = cluster.nodeCount();
    }

    private static String pod(String name, String specExtra) {
        return """
                {"apiVersion":"v1","kind":"Pod","metadata":{"name":"%s"},
                 "spec":{%s"containers":[{"name":"web","image":"nginx:1.27"}]}}
                """.formatted(name, specExtra.isEmpty() ? "" : specExtra + ",");
    }

    private static String podWithRequests(String name, String specExtra, String requests) {
        return """
                {"apiVersion":"v1","kind":"Pod","metadata":{"name":"%s"},
                 "spec":{%s"containers":[{"name":"web","image":"nginx:1.27","resources":{"requests":%s}}]}}
                """.formatted(name, specExtra.isEmpty() ? "" : specExtra + ",", requests);
    }

    private JsonNode awaitBound(String name) {
        return cluster.awaitPod(ns, name, p -> !p.at("/spec/nodeName").asString("").isEmpty());
    }

    private JsonNode awaitUnschedulable(String name) {
        return cluster.awaitPod(ns, name, p -> hasCondition(p, "PodScheduled", "False"));
    }

    private String notHelpful(int count) {
        return "preemption: 0/" + nodes + " nodes are available: " + count + " Preemption is not helpful for scheduling.";
    }

    @Test
    void aPodIsBoundToANodeWithTheScheduledEventAndCondition() {
        cluster.createPod(ns, pod("web", ""));
        JsonNode pod = awaitBound("web");
        String node = pod.at("/spec/nodeName").asString();
        assertThat(node).startsWith("kubeling-node-");
        JsonNode scheduled = condition(pod, "PodScheduled");
        assertThat(scheduled.path("status").asString()).isEqualTo("True");
        assertThat(scheduled.path("lastTransitionTime").asString()).isNotEmpty();
        JsonNode event = cluster.awaitEvent(ns, "web", "Scheduled");
        assertThat(event.path("type").asString()).isEqualTo("Normal");
        assertThat(event.path("message").asString()).isEqualTo("Successfully assigned " + ns + "/web to " + node);
        assertThat(event.at("/source/component").asString()).isEqualTo("default-scheduler");
        assertThat(event.at("/involvedObject/kind").asString()).isEqualTo("Pod");
    }

    @Test
    void podsOfAnotherSchedulerAreLeftAlone() throws InterruptedException {
        cluster.createPod(ns, pod("mine", "\"schedulerName\":\"kubeling-test-unscheduled\""));
        cluster.createPod(ns, pod("theirs", ""));
        awaitBound("theirs");
        JsonNode mine = cluster.pod(ns, "mine");
        assertThat(mine.at("/spec/nodeName").isMissingNode()).isTrue();
        assertThat(mine.at("/status/conditions")).isEmpty();
        assertThat(cluster.events(ns, "mine")).isEmpty();
    }

    @Test
    void anUnmatchedNodeSelectorFailsUntilANodeGetsTheLabel() {
        cluster.createPod(ns, pod("picky", "\"nodeSelector\":{\"kubeling.io/test-disk\":\"" + ns + "\"}"));
        String message = "0/" + nodes + " nodes are available: " + CONTROL_PLANE + ", " + (nodes - 1)
                + " node(s) didn't match Pod's node affinity/selector. " + notHelpful(nodes);
        JsonNode pod = awaitUnschedulable("picky");
        JsonNode scheduled = condition(pod, "PodScheduled");
        assertThat(scheduled.path("reason").asString()).isEqualTo("Unschedulable");
        assertThat(scheduled.path("message").asString()).isEqualTo(message);
        JsonNode event = cluster.awaitEvent(ns, "picky", "FailedScheduling");
        assertThat(event.path("type").asString()).isEqualTo("Warning");
        assertThat(event.path("message").asString()).isEqualTo(message);
        assertThat(event.at("/source/component").asString()).isEqualTo("default-scheduler");
        try {
            cluster.patchNode(NODE_2, "{\"metadata\":{\"labels\":{\"kubeling.io/test-disk\":\"" + ns + "\"}}}");
            assertThat(awaitBound("picky").at("/spec/nodeName").asString()).isEqualTo(NODE_2);
            assertThat(hasCondition(cluster.pod(ns, "picky"), "PodScheduled", "True")).isTrue();
        } finally {
            cluster.patchNode(NODE_2, "{\"metadata\":{\"labels\":{\"kubeling.io/test-disk\":null}}}");
        }
    }

    @Test
    void requiredNodeAffinityMatchesFieldsAndExpressions() {
        cluster.createPod(ns, pod("by-name", """
                "affinity":{"nodeAffinity":{"requiredDuringSchedulingIgnoredDuringExecution":{"nodeSelectorTerms":[
                  {"matchFields":[{"key":"metadata.name","operator":"In","values":["%s"]}]}]}}}""".formatted(NODE_3)));
        assertThat(awaitBound("by-name").at("/spec/nodeName").asString()).isEqualTo(NODE_3);

        cluster.createPod(ns, pod("nowhere", """
                "affinity":{"nodeAffinity":{"requiredDuringSchedulingIgnoredDuringExecution":{"nodeSelectorTerms":[
                  {"matchExpressions":[{"key":"kubernetes.io/os","operator":"NotIn","values":["linux"]}]}]}}}"""));
        JsonNode pod = awaitUnschedulable("nowhere");
        assertThat(condition(pod, "PodScheduled").path("message").asString()).isEqualTo("0/" + nodes
                + " nodes are available: " + CONTROL_PLANE + ", " + (nodes - 1)
                + " node(s) didn't match Pod's node affinity/selector. " + notHelpful(nodes));
    }

    @Test
    void anUntoleratedTaintKeepsPodsOffUntilItGoes() {
        String taint = "{\"key\":\"kubeling.io/test\",\"value\":\"" + ns + "\",\"effect\":\"NoSchedule\"}";
        String onNode1 = "\"nodeSelector\":{\"kubernetes.io/hostname\":\"" + NODE_1 + "\"}";
        try {
            cluster.patchNode(NODE_1, "{\"spec\":{\"taints\":[" + taint + "]}}");
            cluster.createPod(ns, pod("blocked", onNode1));
            JsonNode pod = awaitUnschedulable("blocked");
            assertThat(condition(pod, "PodScheduled").path("message").asString()).isEqualTo("0/" + nodes
                    + " nodes are available: 1 node(s) had untolerated taint {kubeling.io/test: " + ns + "}, "
                    + CONTROL_PLANE + ", " + (nodes - 2) + " node(s) didn't match Pod's node affinity/selector. "
                    + notHelpful(nodes));

            cluster.createPod(ns, pod("tolerant", onNode1 + ",\"tolerations\":[{\"key\":\"kubeling.io/test\","
                    + "\"operator\":\"Exists\",\"effect\":\"NoSchedule\"}]"));
            assertThat(awaitBound("tolerant").at("/spec/nodeName").asString()).isEqualTo(NODE_1);
        } finally {
            cluster.patchNode(NODE_1, "{\"spec\":{\"taints\":null}}");
        }
        assertThat(awaitBound("blocked").at("/spec/nodeName").asString()).isEqualTo(NODE_1);
    }

    /** Pods carry no generation to move: the spec's change itself sends an unschedulable pod round again. */
    @Test
    void anUnschedulablePodGivenATolerationIsScheduled() {
        String taint = "{\"key\":\"kubeling.io/test\",\"value\":\"" + ns + "\",\"effect\":\"NoSchedule\"}";
        try {
            cluster.patchNode(NODE_1, "{\"spec\":{\"taints\":[" + taint + "]}}");
            cluster.createPod(ns, pod("late", "\"nodeSelector\":{\"kubernetes.io/hostname\":\"" + NODE_1 + "\"}"));
            awaitUnschedulable("late");
            api.patch("/api/v1/namespaces/" + ns + "/pods/late", "application/strategic-merge-patch+json",
                    "{\"spec\":{\"tolerations\":[{\"key\":\"kubeling.io/test\",\"operator\":\"Exists\","
                            + "\"effect\":\"NoSchedule\"}]}}");
            assertThat(awaitBound("late").at("/spec/nodeName").asString()).isEqualTo(NODE_1);
        } finally {
            cluster.patchNode(NODE_1, "{\"spec\":{\"taints\":null}}");
        }
    }

    @Test
    void aCordonedNodeIsTaintedAndSkippedUntilUncordoned() {
        try {
            cluster.patchNode(NODE_1, "{\"spec\":{\"unschedulable\":true}}");
            JsonNode node = cluster.awaitNode(NODE_1,
                    n -> taints(n).contains("node.kubernetes.io/unschedulable:NoSchedule"));
            assertThat(node.at("/spec/taints").findValues("timeAdded")).hasSize(1);
            JsonNode table = api.get("/api/v1/nodes/" + NODE_1,
                    "application/json;as=Table;v=v1;g=meta.k8s.io,application/json").json();
            assertThat(table.at("/rows/0/cells/1").asString()).as(table.toString()).isEqualTo("Ready,SchedulingDisabled");

            cluster.createPod(ns, pod("waiting", "\"nodeSelector\":{\"kubernetes.io/hostname\":\"" + NODE_1 + "\"}"));
            JsonNode pod = awaitUnschedulable("waiting");
            assertThat(condition(pod, "PodScheduled").path("message").asString()).isEqualTo("0/" + nodes
                    + " nodes are available: " + CONTROL_PLANE + ", 1 node(s) were unschedulable, " + (nodes - 2)
                    + " node(s) didn't match Pod's node affinity/selector. " + notHelpful(nodes));
        } finally {
            cluster.patchNode(NODE_1, "{\"spec\":{\"unschedulable\":null}}");
        }
        assertThat(awaitBound("waiting").at("/spec/nodeName").asString()).isEqualTo(NODE_1);
        assertThat(taints(cluster.awaitNode(NODE_1, n -> !taints(n).contains(
                "node.kubernetes.io/unschedulable:NoSchedule")))).doesNotContain("node.kubernetes.io/unschedulable:NoSchedule");
    }

    @Test
    void requestsBeyondEveryNodeFailWithInsufficientResources() {
        cluster.createPod(ns, podWithRequests("huge", "", "{\"cpu\":\"100\",\"memory\":\"1Ti\"}"));
        JsonNode pod = awaitUnschedulable("huge");
        assertThat(condition(pod, "PodScheduled").path("message").asString()).isEqualTo("0/" + nodes
                + " nodes are available: " + CONTROL_PLANE + ", " + (nodes - 1) + " Insufficient cpu, " + (nodes - 1)
                + " Insufficient memory. preemption: 0/" + nodes + " nodes are available: 1 Preemption is not "
                + "helpful for scheduling, " + (nodes - 1) + " No preemption victims found for incoming pod.");
    }

    @Test
    void aPodThatNoLongerFitsWaitsForRoomToBeFreed() {
        String onNode3 = "\"nodeSelector\":{\"kubernetes.io/hostname\":\"" + NODE_3 + "\"}";
        cluster.createPod(ns, podWithRequests("first", onNode3, "{\"cpu\":\"3\"}"));
        assertThat(awaitBound("first").at("/spec/nodeName").asString()).isEqualTo(NODE_3);
        cluster.createPod(ns, podWithRequests("second", onNode3, "{\"cpu\":\"2\"}"));
        JsonNode pod = awaitUnschedulable("second");
        assertThat(condition(pod, "PodScheduled").path("message").asString()).isEqualTo("0/" + nodes
                + " nodes are available: 1 Insufficient cpu, " + CONTROL_PLANE + ", " + (nodes - 2)
                + " node(s) didn't match Pod's node affinity/selector. preemption: 0/" + nodes
                + " nodes are available: 1 No preemption victims found for incoming pod, " + (nodes - 1)
                + " Preemption is not helpful for scheduling.");
        assertThat(api.delete("/api/v1/namespaces/" + ns + "/pods/first", "{\"gracePeriodSeconds\":0}").code())
                .isEqualTo(200);
        assertThat(awaitBound("second").at("/spec/nodeName").asString()).isEqualTo(NODE_3);
    }

    @Test
    void hostPortsConflictOnANode() {
        String spec = "\"nodeSelector\":{\"kubernetes.io/hostname\":\"" + NODE_2 + "\"}";
        String ports = """
                {"apiVersion":"v1","kind":"Pod","metadata":{"name":"%s"},
                 "spec":{%s,"containers":[{"name":"web","image":"nginx:1.27","ports":[{"containerPort":80,"hostPort":%d}]}]}}
                """;
        int hostPort = 30000 + Math.abs(ns.hashCode() % 2000);
        cluster.createPod(ns, ports.formatted("a", spec, hostPort));
        awaitBound("a");
        cluster.createPod(ns, ports.formatted("b", spec, hostPort));
        JsonNode pod = awaitUnschedulable("b");
        assertThat(condition(pod, "PodScheduled").path("message").asString()).isEqualTo("0/" + nodes
                + " nodes are available: 1 node(s) didn't have free ports for the requested pod ports, "
                + CONTROL_PLANE + ", " + (nodes - 2) + " node(s) didn't match Pod's node affinity/selector. "
                + "preemption: 0/" + nodes
                + " nodes are available: 1 No preemption victims found for incoming pod, " + (nodes - 1)
                + " Preemption is not helpful for scheduling.");
    }

    @Test
    void preemptionPolicyNeverIsSaidSo() {
        cluster.createPod(ns, pod("never", "\"preemptionPolicy\":\"Never\",\"nodeSelector\":{\"no\":\"where\"}"));
        JsonNode pod = awaitUnschedulable("never");
        assertThat(condition(pod, "PodScheduled").path("message").asString()).isEqualTo("0/" + nodes
                + " nodes are available: " + CONTROL_PLANE + ", " + (nodes - 1)
                + " node(s) didn't match Pod's node affinity/selector. "
                + "preemption: not eligible due to preemptionPolicy=Never.");
        assertThat(List.of(NODE_1, NODE_2, NODE_3)).hasSize(3);
    }

    @Test
    void aPodOfHigherPriorityPreemptsALowerOneAndIsNominatedToItsNode() {
        String high = ns + "-high";
        assertThat(api.post("/apis/scheduling.k8s.io/v1/priorityclasses", """
                {"apiVersion":"scheduling.k8s.io/v1","kind":"PriorityClass","metadata":{"name":"%s"},"value":1000000}
                """.formatted(high)).code()).isEqualTo(201);
        try {
            String onNode3 = "\"nodeSelector\":{\"kubernetes.io/hostname\":\"" + NODE_3 + "\"}";
            // the room left on the node, so that the one victim is the pod that took it, not a neighbour's
            String room = "{\"cpu\":\"" + freeMilliCpu(NODE_3) + "m\"}";
            cluster.createPod(ns, podWithRequests("low", onNode3 + ",\"terminationGracePeriodSeconds\":1", room));
            assertThat(awaitBound("low").at("/spec/nodeName").asString()).isEqualTo(NODE_3);
            JsonNode preemptor = cluster.createPod(ns, podWithRequests("high", onNode3 + ",\"priorityClassName\":\""
                    + high + "\"", room));
            assertThat(preemptor.at("/spec/priority").asInt()).isEqualTo(1000000);

            cluster.awaitPod(ns, "high", p -> NODE_3.equals(p.at("/status/nominatedNodeName").asString(null)));
            // the failure that led to the preemption, without a preemption clause since preemption succeeded
            assertThat(cluster.awaitEvent(ns, "high", "FailedScheduling").path("message").asString()).isEqualTo("0/" + nodes
                    + " nodes are available: 1 Insufficient cpu, " + CONTROL_PLANE + ", " + (nodes - 2)
                    + " node(s) didn't match Pod's node affinity/selector.");
            JsonNode preempted = cluster.awaitEvent(ns, "low", "Preempted");
            assertThat(preempted.path("type").asString()).isEqualTo("Normal");
            assertThat(preempted.path("message").asString()).isEqualTo("Preempted by pod "
                    + preemptor.at("/metadata/uid").asString() + " on node " + NODE_3);
            assertThat(awaitBound("high").at("/spec/nodeName").asString()).isEqualTo(NODE_3);
            assertThat(api.get("/api/v1/namespaces/" + ns + "/pods/low").code()).isEqualTo(404);
        } finally {
            api.delete("/apis/scheduling.k8s.io/v1/priorityclasses/" + high);
        }
    }

    /** The node's allocatable CPU less what its unfinished pods request. */
    private long freeMilliCpu(String node) {
        long free = milli(cluster.node(node).at("/status/allocatable/cpu").asString());
        for (JsonNode pod : api.get("/api/v1/pods?fieldSelector=spec.nodeName=" + node).json().get("items")) {
            String phase = pod.at("/status/phase").asString("");
            if (phase.equals("Succeeded") || phase.equals("Failed")) {
                continue;
            }
            for (JsonNode c : pod.at("/spec/containers")) {
                JsonNode cpu = c.at("/resources/requests/cpu");
                if (!cpu.isMissingNode()) {
                    free -= milli(cpu.asString());
                }
            }
        }
        return free;
    }

    private static long milli(String quantity) {
        return quantity.endsWith("m") ? Long.parseLong(quantity.substring(0, quantity.length() - 1))
                : Long.parseLong(quantity) * 1000;
    }
}
