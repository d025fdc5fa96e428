package io.kubeling.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.springframework.boot.test.web.server.LocalServerPort;

import io.kubeling.support.HttpApi;
import io.kubeling.support.Kubectl;
import io.kubeling.support.Kubectl.Result;
import io.kubeling.support.KubelingTest;

/** Services, service accounts and secrets through the real kubectl. */
@KubelingTest
@Execution(ExecutionMode.CONCURRENT)
class KubectlServicesTest {

    @LocalServerPort
    int port;

    @TempDir
    Path tmp;

    Kubectl kubectl;
    HttpApi api;
    String ns;

    @BeforeEach
    void setUp() throws Exception {
        kubectl = new Kubectl(port);
        api = new HttpApi(port);
        ns = "kx-" + UUID.randomUUID().toString().substring(0, 8);
        kubectl.ok("create", "namespace", ns);
    }

    @AfterEach
    void tearDown() throws Exception {
        // Services go with their namespace, and so do the node ports they hold.
        kubectl.run("delete", "namespace", ns, "--wait=false");
    }

    private static long ipValue(String ip) {
        long v = 0;
        for (String part : ip.split("\\.")) {
            v = (v << 8) | Integer.parseInt(part);
        }
        return v;
    }

    @Test
    void aNodePortServiceKeepsItsPortAndASecondOneIsRefused() throws Exception {
        assertThat(kubectl.ok("-n", ns, "create", "service", "nodeport", "web", "--tcp=80:8080", "--node-port=31111").out())
                .isEqualTo("service/web created\n");
        String table = kubectl.ok("-n", ns, "get", "svc", "web").out();
        assertThat(table.lines().findFirst().orElseThrow())
                .matches("NAME\\s+TYPE\\s+CLUSTER-IP\\s+EXTERNAL-IP\\s+PORT\\(S\\)\\s+AGE");
        assertThat(table).containsPattern("(?m)^web\\s+NodePort\\s+\\d+\\.\\d+\\.\\d+\\.\\d+\\s+<none>\\s+80:31111/TCP\\s+\\d+s$");
        String ip = kubectl.ok("-n", ns, "get", "svc", "web", "-o", "jsonpath={.spec.clusterIP}").out();
        assertThat(ipValue(ip)).as(ip).isGreaterThan(ipValue("10.96.0.0")).isLessThan(ipValue("10.111.255.255"));

        Result second = kubectl.run("-n", ns, "create", "service", "nodeport", "web2", "--tcp=80:8080", "--node-port=31111");
        assertThat(second.exitCode()).isNotZero();
        assertThat(second.err()).contains("Service \"web2\" is invalid: spec.ports[0].nodePort: Invalid value: 31111: "
                + "provided port is already allocated");
        assertThat(kubectl.ok("-n", ns, "delete", "svc", "web").out()).isEqualTo("service \"web\" deleted\n");
    }

    @Test
    void anExposedPodShowsAsTheServiceEndpoint() throws Exception {
        assertThat(api.post("/api/v1/namespaces/" + ns + "/pods", "{\"apiVersion\":\"v1\",\"kind\":\"Pod\","
                + "\"metadata\":{\"name\":\"web\",\"labels\":{\"app\":\"web\"}},\"spec\":{\"schedulerName\":"
                + "\"kubeling-test-unscheduled\",\"containers\":[{\"name\":\"web\",\"image\":\"nginx\","
                + "\"ports\":[{\"containerPort\":8080}]}]}}").code()).isEqualTo(201);
        assertThat(kubectl.ok("-n", ns, "expose", "pod", "web", "--port=80", "--target-port=8080").out())
                .isEqualTo("service/web exposed\n");
        assertThat(kubectl.ok("-n", ns, "get", "svc", "web").out())
                .containsPattern("(?m)^web\\s+ClusterIP\\s+10\\.\\d+\\.\\d+\\.\\d+\\s+<none>\\s+80/TCP\\s+\\d+s$");
        assertThat(api.patch("/api/v1/namespaces/" + ns + "/pods/web/status", "application/merge-patch+json",
                "{\"status\":{\"phase\":\"Running\",\"podIP\":\"10.244.7.9\",\"podIPs\":[{\"ip\":\"10.244.7.9\"}],"
                        + "\"conditions\":[{\"type\":\"Ready\",\"status\":\"True\"}]}}").code()).isEqualTo(200);
        Instant deadline = Instant.now().plus(Duration.ofSeconds(15));
        String described = "";
        while (Instant.now().isBefore(deadline) && !described.contains("10.244.7.9:8080")) {
            described = kubectl.ok("-n", ns, "describe", "service", "web").out();
        }
        assertThat(described).containsPattern("(?m)^Endpoints:\\s+10\\.244\\.7\\.9:8080$");
        assertThat(described).containsPattern("(?m)^Selector:\\s+app=web$");
    }

    @Test
    void serviceAccountsAndSecretsOfEachKind() throws Exception {
        assertThat(kubectl.ok("-n", ns, "create", "serviceaccount", "builder").out()).isEqualTo("serviceaccount/builder created\n");
        Instant deadline = Instant.now().plus(Duration.ofSeconds(10));
        String accounts = "";
        while (Instant.now().isBefore(deadline) && !accounts.contains("default")) {
            accounts = kubectl.ok("-n", ns, "get", "sa").out();
        }
        assertThat(accounts).containsPattern("(?m)^builder\\s+0\\s+\\d+s$").containsPattern("(?m)^default\\s+0\\s+\\d+s$");

        assertThat(kubectl.ok("-n", ns, "create", "secret", "docker-registry", "reg", "--docker-server=registry.example.com",
                "--docker-username=u", "--docker-password=p").out()).isEqualTo("secret/reg created\n");
        assertThat(kubectl.ok("-n", ns, "get", "secret", "reg").out())
                .containsPattern("(?m)^reg\\s+kubernetes.io/dockerconfigjson\\s+1\\s+\\d+s$");

        Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/openssl")), "openssl makes the TLS pair");
        Path key = tmp.resolve("tls.key");
        Path cert = tmp.resolve("tls.crt");
        Process openssl = new ProcessBuilder("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
                "-subj", "/CN=web.example.com", "-keyout", key.toString(), "-out", cert.toString())
                .redirectErrorStream(true).redirectOutput(tmp.resolve("openssl.log").toFile()).start();
        assertThat(openssl.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(openssl.exitValue()).isZero();
        assertThat(kubectl.ok("-n", ns, "create", "secret", "tls", "web-tls", "--cert=" + cert, "--key=" + key).out())
                .isEqualTo("secret/web-tls created\n");
        assertThat(kubectl.ok("-n", ns, "get", "secret", "web-tls").out())
                .containsPattern("(?m)^web-tls\\s+kubernetes.io/tls\\s+2\\s+\\d+s$");
    }
}
