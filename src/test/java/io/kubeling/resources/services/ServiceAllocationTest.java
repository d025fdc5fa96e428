package io.kubeling.resources.services;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.springframework.boot.test.web.server.LocalServerPort;

import io.kubeling.support.HttpApi;
import io.kubeling.support.HttpApi.Reply;
import io.kubeling.support.KubelingTest;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Cluster IPs and node ports as kube-apiserver allocates them, seen through the API. */
@KubelingTest
@Execution(ExecutionMode.CONCURRENT)
class ServiceAllocationTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @LocalServerPort
    int port;

    HttpApi api;
    String ns;

    @BeforeEach
    void setUp() {
        api = new HttpApi(port);
        ns = api.newNamespace("alloc-");
    }

    private String services() {
        return "/api/v1/namespaces/" + ns + "/services";
    }

    private static String service(String name, String type, String extraSpec, String port) {
        return "{\"apiVersion\":\"v1\",\"kind\":\"Service\",\"metadata\":{\"name\":\"" + name + "\"},\"spec\":{"
                + "\"type\":\"" + type + "\",\"selector\":{\"app\":\"web\"}," + extraSpec
                + "\"ports\":[{\"port\":80" + port + "}]}}";
    }

    private static void assertStatus(Reply reply, String expected) {
        assertThat(reply.json()).isEqualTo(JSON.readTree(expected));
    }

    private static long ipValue(String ip) {
        long v = 0;
        for (String part : ip.split("\\.")) {
            v = (v << 8) | Integer.parseInt(part);
        }
        return v;
    }

    private static boolean inServiceCidr(String ip) {
        long v = ipValue(ip);
        return v > ipValue("10.96.0.0") && v < ipValue("10.111.255.255");
    }

    @Test
    void aClusterIPIsAllocatedFromTheServiceRange() {
        Reply created = api.post(services(), service("web", "ClusterIP", "", ""));
        assertThat(created.code()).isEqualTo(201);
        String ip = created.json().at("/spec/clusterIP").asString();
        assertThat(inServiceCidr(ip)).as(ip).isTrue();
        assertThat(created.json().at("/spec/clusterIPs/0").asString()).isEqualTo(ip);
        assertThat(api.get(services() + "/web").json().at("/spec/clusterIP").asString()).isEqualTo(ip);
    }

    @Test
    void theKubernetesServiceHoldsTheFirstAddress() {
        JsonNode svc = api.get("/api/v1/namespaces/default/services/kubernetes").json();
        assertThat(svc.at("/spec/clusterIP").asString()).isEqualTo("10.96.0.1");
        assertThat(svc.at("/spec/ports/0/name").asString()).isEqualTo("https");
        assertThat(svc.at("/spec/ports/0/port").asInt()).isEqualTo(443);
        assertThat(svc.at("/metadata/labels/component").asString()).isEqualTo("apiserver");
        Reply taken = api.post(services(), service("dup", "ClusterIP", "\"clusterIP\":\"10.96.0.1\",", ""));
        assertThat(taken.code()).isEqualTo(422);
        assertThat(taken.json().at("/message").asString()).isEqualTo("Service \"dup\" is invalid: spec.clusterIPs: "
                + "Invalid value: []string{\"10.96.0.1\"}: failed to allocate IP 10.96.0.1: provided IP is already allocated");
    }

    @Test
    void anExplicitClusterIPIsHonouredOnceAndRefusedWhenTaken() {
        Reply first = api.post(services(), service("a", "ClusterIP", "\"clusterIP\":\"10.96.77.7\",", ""));
        assertThat(first.code()).isEqualTo(201);
        assertThat(first.json().at("/spec/clusterIP").asString()).isEqualTo("10.96.77.7");
        Reply second = api.post(services(), service("b", "ClusterIP", "\"clusterIP\":\"10.96.77.7\",", ""));
        assertThat(second.code()).isEqualTo(422);
        assertStatus(second, """
                {"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure",
                 "message":"Service \\"b\\" is invalid: spec.clusterIPs: Invalid value: []string{\\"10.96.77.7\\"}: failed to allocate IP 10.96.77.7: provided IP is already allocated",
                 "reason":"Invalid",
                 "details":{"name":"b","kind":"Service","causes":[{"reason":"FieldValueInvalid",
                   "message":"Invalid value: []string{\\"10.96.77.7\\"}: failed to allocate IP 10.96.77.7: provided IP is already allocated",
                   "field":"spec.clusterIPs"}]},
                 "code":422}""");
        // Released on delete: the address can be had again.
        assertThat(api.delete(services() + "/a").code()).isEqualTo(200);
        assertThat(api.post(services(), service("b", "ClusterIP", "\"clusterIP\":\"10.96.77.7\",", "")).code()).isEqualTo(201);
    }

    @Test
    void aClusterIPOutsideTheRangeIsRefused() {
        Reply reply = api.post(services(), service("out", "ClusterIP", "\"clusterIP\":\"10.200.0.5\",", ""));
        assertThat(reply.code()).isEqualTo(422);
        assertStatus(reply, """
                {"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure",
                 "message":"Service \\"out\\" is invalid: spec.clusterIPs: Invalid value: []string{\\"10.200.0.5\\"}: failed to allocate IP 10.200.0.5: provided IP is not in the valid range. The range of valid IPs is 10.96.0.0/12",
                 "reason":"Invalid",
                 "details":{"name":"out","kind":"Service","causes":[{"reason":"FieldValueInvalid",
                   "message":"Invalid value: []string{\\"10.200.0.5\\"}: failed to allocate IP 10.200.0.5: provided IP is not in the valid range. The range of valid IPs is 10.96.0.0/12",
                   "field":"spec.clusterIPs"}]},
                 "code":422}""");
    }

    @Test
    void headlessAndExternalNameServicesGetNoAddress() {
        Reply headless = api.post(services(), service("h", "ClusterIP", "\"clusterIP\":\"None\",", ""));
        assertThat(headless.code()).isEqualTo(201);
        assertThat(headless.json().at("/spec/clusterIP").asString()).isEqualTo("None");
        Reply external = api.post(services(), "{\"apiVersion\":\"v1\",\"kind\":\"Service\",\"metadata\":{\"name\":\"x\"},"
                + "\"spec\":{\"type\":\"ExternalName\",\"externalName\":\"db.example.com\"}}");
        assertThat(external.code()).isEqualTo(201);
        assertThat(external.json().at("/spec/clusterIP").isMissingNode()).isTrue();
        Reply bad = api.post(services(), "{\"apiVersion\":\"v1\",\"kind\":\"Service\",\"metadata\":{\"name\":\"y\"},"
                + "\"spec\":{\"type\":\"ExternalName\",\"externalName\":\"not_valid\"}}");
        assertThat(bad.code()).isEqualTo(422);
    }

    @Test
    void aNodePortServiceGetsAPortInRangeAndATakenOneIsRefused() {
        Reply auto = api.post(services(), service("auto", "NodePort", "", ""));
        assertThat(auto.code()).isEqualTo(201);
        int nodePort = auto.json().at("/spec/ports/0/nodePort").asInt();
        assertThat(nodePort).isBetween(30000, 32767);
        int chosen = createdWithFreeNodePort("a");

        Reply taken = api.post(services(), service("b", "NodePort", "", ",\"nodePort\":" + chosen));
        assertThat(taken.code()).isEqualTo(422);
        assertStatus(taken, """
                {"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure",
                 "message":"Service \\"b\\" is invalid: spec.ports[0].nodePort: Invalid value: %1$d: provided port is already allocated",
                 "reason":"Invalid",
                 "details":{"name":"b","kind":"Service","causes":[{"reason":"FieldValueInvalid",
                   "message":"Invalid value: %1$d: provided port is already allocated","field":"spec.ports[0].nodePort"}]},
                 "code":422}""".formatted(chosen));
        // The refused service took no cluster IP with it: its address went back.
        Reply outOfRange = api.post(services(), service("c", "NodePort", "", ",\"nodePort\":8080"));
        assertThat(outOfRange.code()).isEqualTo(422);
        assertThat(outOfRange.json().at("/message").asString()).isEqualTo("Service \"c\" is invalid: spec.ports[0].nodePort: "
                + "Invalid value: 8080: provided port is not in the valid range. The range of valid ports is 30000-32767");

        assertThat(api.delete(services() + "/a").code()).isEqualTo(200);
        assertThat(api.post(services(), service("b", "NodePort", "", ",\"nodePort\":" + chosen)).code()).isEqualTo(201);
    }

    private Set<Integer> nodePortsInUse() {
        Set<Integer> used = new HashSet<>();
        for (JsonNode svc : api.get("/api/v1/services").json().get("items")) {
            for (JsonNode port : svc.at("/spec/ports")) {
                used.add(port.path("nodePort").asInt());
            }
        }
        return used;
    }

    /**
     * Creates NodePort service {@code name} on a node port no service held a moment before, and returns the port; as
     * another class on the shared server may take that port meanwhile, a port found taken is looked for again.
     */
    private int createdWithFreeNodePort(String name) {
        for (int attempt = 0; attempt < 5; attempt++) {
            int chosen = freeNodePort();
            Reply created = api.post(services(), service(name, "NodePort", "", ",\"nodePort\":" + chosen));
            if (created.code() == 201) {
                return chosen;
            }
            assertThat(created.code()).as(created.text()).isEqualTo(422);
            assertThat(created.text()).contains("provided port is already allocated");
        }
        throw new AssertionError("no free node port in 5 attempts");
    }

    /** A node port no service holds now: the auto-allocated ones are random, and the context is shared. */
    private int freeNodePort() {
        Set<Integer> used = nodePortsInUse();
        // at random, not the lowest free one, which every test of this class running beside it would pick too
        int port;
        do {
            port = ThreadLocalRandom.current().nextInt(32001, 32768);
        } while (used.contains(port));
        return port;
    }

    @Test
    void aRefusedCreateReleasesTheAddressItTook() {
        Reply refused = api.post(services(), service("r", "NodePort", "\"clusterIP\":\"10.96.88.8\",", ",\"nodePort\":8080"));
        assertThat(refused.code()).isEqualTo(422);
        assertThat(api.post(services(), service("s", "ClusterIP", "\"clusterIP\":\"10.96.88.8\",", "")).code()).isEqualTo(201);
    }

    @Test
    void aTypeChangeThatDropsTheNodePortReleasesIt() {
        int chosen = createdWithFreeNodePort("t");
        Reply changed = api.patch(services() + "/t", "application/merge-patch+json", "{\"spec\":{\"type\":\"ClusterIP\"}}");
        assertThat(changed.code()).as(changed.text()).isEqualTo(200);
        assertThat(changed.json().at("/spec/ports/0/nodePort").isMissingNode()).isTrue();
        assertThat(api.post(services(), service("u", "NodePort", "", ",\"nodePort\":" + chosen)).code()).isEqualTo(201);
        // And the other way: a port is allocated when the type comes to need one.
        Reply back = api.patch(services() + "/t", "application/merge-patch+json", "{\"spec\":{\"type\":\"NodePort\"}}");
        assertThat(back.code()).isEqualTo(200);
        assertThat(back.json().at("/spec/ports/0/nodePort").asInt()).isBetween(30000, 32767).isNotEqualTo(chosen);
    }

    @Test
    void aDryRunReservesNothing() {
        for (int attempt = 0; attempt < 5; attempt++) {
            int chosen = freeNodePort();
            Reply dry = api.post(services() + "?dryRun=All", service("d", "NodePort", "\"clusterIP\":\"10.96.99.9\",",
                    ",\"nodePort\":" + chosen));
            assertThat(dry.code()).isEqualTo(201);
            assertThat(dry.json().at("/spec/clusterIP").asString()).isEqualTo("10.96.99.9");
            Reply real = api.post(services(), service("d", "NodePort", "\"clusterIP\":\"10.96.99.9\",",
                    ",\"nodePort\":" + chosen));
            if (real.code() == 201) {
                return;
            }
            // refused only because a service of a test running beside this one took the port meanwhile
            assertThat(real.code()).as(real.text()).isEqualTo(422);
            assertThat(nodePortsInUse()).as("the dry run's port held by no service, yet refused: " + real.text())
                    .contains(chosen);
        }
        throw new AssertionError("no free node port in 5 attempts");
    }

    @Test
    void sixteenParallelCreatorsNeverShareAnAddressOrPort() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(16);
        try {
            List<Future<Reply>> replies = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                String name = "p" + i;
                Callable<Reply> create = () -> new HttpApi(port).post(services(), service(name, "NodePort", "", ""));
                replies.add(pool.submit(create));
            }
            Set<String> ips = new HashSet<>();
            Set<Integer> ports = new HashSet<>();
            for (Future<Reply> f : replies) {
                Reply reply = f.get();
                assertThat(reply.code()).as(reply.text()).isEqualTo(201);
                ips.add(reply.json().at("/spec/clusterIP").asString());
                ports.add(reply.json().at("/spec/ports/0/nodePort").asInt());
            }
            assertThat(ips).hasSize(16);
            assertThat(ports).hasSize(16);
            // Contending for the one same port: exactly one wins.
            int contested = freeNodePort();
            List<Future<Reply>> contenders = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                String name = "c" + i;
                contenders.add(pool.submit(() -> new HttpApi(port).post(services(),
                        service(name, "NodePort", "", ",\"nodePort\":" + contested))));
            }
            int won = 0;
            for (Future<Reply> f : contenders) {
                Reply reply = f.get();
                if (reply.code() == 201) {
                    won++;
                } else {
                    assertThat(reply.code()).isEqualTo(422);
                }
            }
            assertThat(won).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aLoadBalancerGetsNodePortsAndAnAddressFromThePool() throws InterruptedException {
        Reply created = api.post(services(), service("lb", "LoadBalancer", "", ""));
        assertThat(created.code()).isEqualTo(201);
        assertThat(created.json().at("/spec/ports/0/nodePort").asInt()).isBetween(30000, 32767);
        String ip = await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50)).until(
                () -> api.get(services() + "/lb").json().at("/status/loadBalancer/ingress/0/ip").asString(""),
                assigned -> !assigned.isEmpty());
        long v = ipValue(ip);
        assertThat(v).as(ip).isBetween(ipValue("172.18.255.200"), ipValue("172.18.255.250"));
    }
}
