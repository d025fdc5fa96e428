package io.kubeling.controllers.nodes;

import static io.kubeling.controllers.SimulatedCluster.NODE_1;
import static io.kubeling.controllers.SimulatedCluster.NODE_2;
import static io.kubeling.controllers.SimulatedCluster.NODE_3;
import static io.kubeling.controllers.SimulatedCluster.condition;
import static io.kubeling.controllers.SimulatedCluster.hasCondition;
import static io.kubeling.controllers.SimulatedCluster.taints;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import io.kubeling.controllers.SimulatedCluster;
import io.kubeling.support.HttpApi;
import io.kubeling.support.KubelingTest;
import tools.jackson.databind.JsonNode;

@KubelingTest
class SimulatedNodesTest {

    @LocalServerPort
    int port;

    HttpApi api;
    SimulatedCluster cluster;

    @BeforeEach
    void setUp() {
        api = new HttpApi(port);
        cluster = new SimulatedCluster(api);
        cluster.nodeCount();
    }

    @Test
    void configuredNodesRegisterAsAKubeletWould() {
        JsonNode node = cluster.node(NODE_2);
        assertThat(node.at("/metadata/labels/kubernetes.io~1hostname").asString()).isEqualTo(NODE_2);
        assertThat(node.at("/metadata/labels/kubernetes.io~1os").asString()).isEqualTo("linux");
        assertThat(node.at("/metadata/labels/kubernetes.io~1arch").asString()).isEqualTo("amd64");
        assertThat(node.at("/metadata/labels/beta.kubernetes.io~1os").asString()).isEqualTo("linux");
        assertThat(node.at("/spec/podCIDR").asString()).isEqualTo("10.244.1.0/24");
        assertThat(node.at("/spec/podCIDRs/0").asString()).isEqualTo("10.244.1.0/24");
        assertThat(node.at("/status/capacity/cpu").asString()).isEqualTo("4");
        assertThat(node.at("/status/capacity/memory").asString()).isEqualTo("16Gi");
        assertThat(node.at("/status/capacity/pods").asString()).isEqualTo("110");
        assertThat(node.at("/status/capacity/hugepages-2Mi").asString()).isEqualTo("0");
        assertThat(node.at("/status/allocatable/memory").asString()).isEqualTo("16284Mi");
        assertThat(node.at("/status/addresses/0/type").asString()).isEqualTo("InternalIP");
        assertThat(node.at("/status/addresses/0/address").asString()).isEqualTo("172.18.0.3");
        assertThat(node.at("/status/addresses/1/type").asString()).isEqualTo("Hostname");
        assertThat(node.at("/status/addresses/1/address").asString()).isEqualTo(NODE_2);
        assertThat(node.at("/status/daemonEndpoints/kubeletEndpoint/Port").asInt()).isEqualTo(10250);
        String version = api.get("/version").json().get("gitVersion").asString();
        assertThat(node.at("/status/nodeInfo/kubeletVersion").asString()).isEqualTo(version);
        assertThat(node.at("/status/nodeInfo/containerRuntimeVersion").asString()).startsWith("containerd://1.7.");
        assertThat(node.at("/status/nodeInfo/machineID").asString()).hasSize(32);
        assertThat(node.at("/status/nodeInfo/operatingSystem").asString()).isEqualTo("linux");
        assertThat(node.at("/status/conditions").findValuesAsString("type"))
                .containsExactly("MemoryPressure", "DiskPressure", "PIDPressure", "Ready");
        JsonNode ready = condition(node, "Ready");
        assertThat(ready.path("status").asString()).isEqualTo("True");
        assertThat(ready.path("reason").asString()).isEqualTo("KubeletReady");
        assertThat(ready.path("message").asString()).isEqualTo("kubelet is posting ready status");
        assertThat(condition(node, "MemoryPressure").path("reason").asString()).isEqualTo("KubeletHasSufficientMemory");
        assertThat(taints(node)).isEmpty();
    }

    @Test
    void eachNodeHoldsALeaseInKubeNodeLease() {
        JsonNode node = cluster.node(NODE_1);
        JsonNode lease = api.get("/apis/coordination.k8s.io/v1/namespaces/kube-node-lease/leases/" + NODE_1).json();
        assertThat(lease.at("/spec/holderIdentity").asString()).isEqualTo(NODE_1);
        assertThat(lease.at("/spec/leaseDurationSeconds").asInt()).isEqualTo(40);
        assertThat(lease.at("/spec/renewTime").asString()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{6}Z");
        assertThat(lease.at("/metadata/ownerReferences/0/kind").asString()).isEqualTo("Node");
        assertThat(lease.at("/metadata/ownerReferences/0/uid").asString()).isEqualTo(node.at("/metadata/uid").asString());
        JsonNode events = api.get("/api/v1/namespaces/default/events?fieldSelector=involvedObject.name%3D" + NODE_1)
                .json().get("items");
        assertThat(events.findValuesAsString("reason")).contains("Starting", "NodeReady", "RegisteredNode");
    }

    @Test
    void bindingAssignsAPodOnceAndAnswersWithSuccess() {
        String ns = api.newNamespace("bind-");
        cluster.createPod(ns, """
                {"apiVersion":"v1","kind":"Pod","metadata":{"name":"manual"},
                 "spec":{"schedulerName":"kubeling-test-unscheduled","containers":[{"name":"c","image":"busybox"}]}}""");
        JsonNode fieldsBefore = cluster.pod(ns, "manual").at("/metadata/managedFields");
        String binding = """
                {"apiVersion":"v1","kind":"Binding","metadata":{"name":"manual","annotations":{"bound-by":"test"}},
                 "target":{"apiVersion":"v1","kind":"Node","name":"%s"}}""";
        HttpApi.Reply reply = api.post("/api/v1/namespaces/" + ns + "/pods/manual/binding", binding.formatted(NODE_1));
        assertThat(reply.code()).isEqualTo(201);
        assertThat(reply.json().toString()).isEqualTo(
                "{\"apiVersion\":\"v1\",\"kind\":\"Status\",\"metadata\":{},\"code\":201,\"status\":\"Success\"}");
        JsonNode pod = cluster.pod(ns, "manual");
        assertThat(pod.at("/spec/nodeName").asString()).isEqualTo(NODE_1);
        assertThat(pod.at("/metadata/annotations/bound-by").asString()).isEqualTo("test");
        assertThat(hasCondition(pod, "PodScheduled", "True")).isTrue();
        // kube's binding writes to storage directly, so no field manager owns the node name
        List<JsonNode> mainResourceFields = new ArrayList<>();
        pod.at("/metadata/managedFields").forEach(entry -> {
            if (!entry.has("subresource")) {
                mainResourceFields.add(entry);
            }
        });
        assertThat(mainResourceFields).containsExactlyElementsOf(fieldsBefore);
        assertThat(pod.at("/metadata/managedFields").toString()).doesNotContain("f:nodeName");

        HttpApi.Reply again = api.post("/api/v1/namespaces/" + ns + "/pods/manual/binding", binding.formatted(NODE_2));
        assertThat(again.code()).isEqualTo(409);
        assertThat(again.json().get("reason").asString()).isEqualTo("Conflict");
        assertThat(again.json().get("message").asString()).isEqualTo("Operation cannot be fulfilled on pods/binding "
                + "\"manual\": pod manual is already assigned to node \"" + NODE_1 + "\"");

        HttpApi.Reply absent = api.post("/api/v1/namespaces/" + ns + "/pods/ghost/binding",
                binding.replace("\"manual\"", "\"ghost\"").formatted(NODE_1));
        assertThat(absent.code()).isEqualTo(404);
        assertThat(absent.json().get("message").asString()).isEqualTo("pods \"ghost\" not found");
    }

    @Test
    void evictionDeletesThePodGracefullyAnd404sForAnAbsentOne() {
        String ns = api.newNamespace("evict-");
        cluster.createPod(ns, """
                {"apiVersion":"v1","kind":"Pod","metadata":{"name":"victim"},
                 "spec":{"nodeName":"%s","containers":[{"name":"c","image":"busybox"}]}}""".formatted(NODE_1));
        String eviction = """
                {"apiVersion":"policy/v1","kind":"Eviction","metadata":{"name":"%s","namespace":"%s"}}""";
        HttpApi.Reply reply = api.post("/api/v1/namespaces/" + ns + "/pods/victim/eviction",
                eviction.formatted("victim", ns));
        assertThat(reply.code()).isEqualTo(201);
        assertThat(reply.json().get("status").asString()).isEqualTo("Success");
        assertThat(reply.json().get("kind").asString()).isEqualTo("Status");
        JsonNode pod = cluster.pod(ns, "victim");
        if (pod.has("metadata") && pod.at("/metadata/name").asString("").equals("victim")) {
            // a pod on a node goes gracefully: it is marked, and the kubelet finishes it
            assertThat(pod.at("/metadata/deletionTimestamp").asString()).isNotEmpty();
            assertThat(pod.at("/metadata/deletionGracePeriodSeconds").asLong()).isEqualTo(30);
            JsonNode target = condition(pod, "DisruptionTarget");
            assertThat(target.path("reason").asString()).isEqualTo("EvictionByEvictionAPI");
            assertThat(target.path("message").asString()).isEqualTo("Eviction API: evicting");
        }

        cluster.createPod(ns, """
                {"apiVersion":"v1","kind":"Pod","metadata":{"name":"quick"},
                 "spec":{"nodeName":"%s","containers":[{"name":"c","image":"busybox"}]}}""".formatted(NODE_1));
        HttpApi.Reply now = api.post("/api/v1/namespaces/" + ns + "/pods/quick/eviction",
                "{\"apiVersion\":\"policy/v1\",\"kind\":\"Eviction\",\"metadata\":{\"name\":\"quick\"},"
                        + "\"deleteOptions\":{\"gracePeriodSeconds\":0}}");
        assertThat(now.code()).isEqualTo(201);
        assertThat(api.get("/api/v1/namespaces/" + ns + "/pods/quick").code()).isEqualTo(404);

        HttpApi.Reply absent = api.post("/api/v1/namespaces/" + ns + "/pods/nobody/eviction",
                eviction.formatted("nobody", ns));
        assertThat(absent.code()).isEqualTo(404);
        assertThat(absent.json().get("message").asString()).isEqualTo("pods \"nobody\" not found");

        HttpApi.Reply mismatch = api.post("/api/v1/namespaces/" + ns + "/pods/quick/eviction",
                eviction.formatted("other", ns));
        assertThat(mismatch.code()).isEqualTo(400);
        assertThat(mismatch.json().get("message").asString())
                .isEqualTo("name in URL does not match name in Eviction object");
    }

    @Test
    void aNotReadyNodeIsTaintedAndPodsAreEvictedAfterTheirTolerationSeconds() {
        String ns = api.newNamespace("notready-");
        String pinned = """
                {"apiVersion":"v1","kind":"Pod","metadata":{"name":"%s"},
                 "spec":{"nodeName":"%s","tolerations":[%s],"containers":[{"name":"c","image":"nginx:1.27"}]}}""";
        cluster.createPod(ns, pinned.formatted("brief", NODE_2, "{\"key\":\"node.kubernetes.io/not-ready\","
                + "\"operator\":\"Exists\",\"effect\":\"NoExecute\",\"tolerationSeconds\":1}"));
        cluster.createPod(ns, pinned.formatted("patient", NODE_2, "{\"key\":\"node.kubernetes.io/not-ready\","
                + "\"operator\":\"Exists\",\"effect\":\"NoExecute\"}"));
        cluster.createPod(ns, pinned.formatted("default", NODE_2, "").replace("\"tolerations\":[],", ""));
        cluster.awaitPod(ns, "patient", p -> hasCondition(p, "Ready", "True"));
        try {
            cluster.patchNode(NODE_2, "{\"metadata\":{\"annotations\":{\"kubeling.io/simulate\":\"NotReady\"}}}");
            JsonNode node = cluster.awaitNode(NODE_2, n -> taints(n).contains("node.kubernetes.io/not-ready:NoExecute"));
            JsonNode ready = condition(node, "Ready");
            assertThat(ready.path("status").asString()).isEqualTo("False");
            assertThat(ready.path("reason").asString()).isEqualTo("KubeletNotReady");
            assertThat(taints(node)).containsExactly("node.kubernetes.io/not-ready:NoSchedule",
                    "node.kubernetes.io/not-ready:NoExecute");
            JsonNode table = api.get("/api/v1/nodes/" + NODE_2,
                    "application/json;as=Table;v=v1;g=meta.k8s.io,application/json").json();
            assertThat(table.at("/rows/0/cells/1").asString()).isEqualTo("NotReady");

            JsonNode evicted = cluster.awaitEvent(ns, "brief", "TaintManagerEviction");
            assertThat(evicted.path("message").asString()).isEqualTo("Marking for deletion Pod " + ns + "/brief");
            assertThat(evicted.at("/source/component").asString()).isEqualTo("taint-eviction-controller");
            JsonNode brief = cluster.awaitPod(ns, "brief", p -> !p.at("/metadata/deletionTimestamp").isMissingNode()
                    || p.path("code").asInt() == 404);
            if (brief.has("spec")) {
                assertThat(condition(brief, "DisruptionTarget").path("reason").asString())
                        .isEqualTo("DeletionByTaintManager");
            }
            assertThat(cluster.pod(ns, "patient").at("/metadata/deletionTimestamp").isMissingNode()).isTrue();
            // nothing vouches for the pods of a node that is not Ready
            cluster.awaitPod(ns, "patient", p -> hasCondition(p, "Ready", "False"));
            JsonNode unready = cluster.awaitEvent(ns, "patient", "NodeNotReady");
            assertThat(unready.path("message").asString()).isEqualTo("Node is not ready");
            assertThat(unready.path("type").asString()).isEqualTo("Warning");
            assertThat(cluster.pod(ns, "default").at("/metadata/deletionTimestamp").isMissingNode()).isTrue();
            assertThat(cluster.pod(ns, "default").at("/spec/tolerations").findValuesAsString("tolerationSeconds"))
                    .containsExactly("300", "300");

            cluster.createPod(ns, """
                    {"apiVersion":"v1","kind":"Pod","metadata":{"name":"newcomer"},
                     "spec":{"nodeSelector":{"kubernetes.io/hostname":"%s"},"containers":[{"name":"c","image":"busybox"}]}}"""
                    .formatted(NODE_2));
            JsonNode newcomer = cluster.awaitPod(ns, "newcomer", p -> hasCondition(p, "PodScheduled", "False"));
            assertThat(condition(newcomer, "PodScheduled").path("message").asString())
                    .contains("1 node(s) had untolerated taint {node.kubernetes.io/not-ready: }");
        } finally {
            cluster.patchNode(NODE_2, "{\"metadata\":{\"annotations\":{\"kubeling.io/simulate\":null}}}");
        }
        JsonNode healthy = cluster.awaitNode(NODE_2, n -> hasCondition(n, "Ready", "True") && taints(n).isEmpty());
        assertThat(condition(healthy, "Ready").path("reason").asString()).isEqualTo("KubeletReady");
        cluster.awaitPod(ns, "patient", p -> hasCondition(p, "Ready", "True"));
        assertThat(cluster.awaitPod(ns, "newcomer", p -> !p.at("/spec/nodeName").asString("").isEmpty())
                .at("/spec/nodeName").asString()).isEqualTo(NODE_2);
    }
}
