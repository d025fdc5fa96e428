package io.kubeling.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.springframework.boot.test.web.server.LocalServerPort;

import io.kubeling.support.Clients;
import io.kubeling.support.Kubectl;
import io.kubeling.support.Kubectl.Result;
import io.kubeling.support.KubelingTest;

/** exec, attach, cp and port-forward with Debian's kubectl 1.20, which speaks SPDY/3.1 for all of them. */
@KubelingTest
@Execution(ExecutionMode.CONCURRENT)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class KubectlSpdyStreamsTest {

    private static final String LEGACY = System.getProperty("kubeling.kubectl.legacy",
            "target/tools/kubectl-1.20/usr/bin/kubectl");
    private static final Pattern FORWARDING = Pattern.compile("Forwarding from 127\\.0\\.0\\.1:(\\d+) -> 80");

    @LocalServerPort
    int port;

    Kubectl kubectl;
    String ns;

    @BeforeAll
    void pods() throws Exception {
        Clients.assumeInstalled("Debian's kubectl 1.20", Files.isExecutable(Path.of(LEGACY)),
                "unpack Debian's kubernetes-client under target/tools/kubectl-1.20 (.ci/run does)");
        kubectl = new Kubectl(port, LEGACY);
        ns = "spdy-" + UUID.randomUUID().toString().substring(0, 8);
        kubectl.ok("create", "namespace", ns);
        kubectl.ok("-n", ns, "run", "bb", "--image=busybox", "--", "sleep", "3600");
        kubectl.ok("-n", ns, "run", "web", "--image=nginx");
        kubectl.ok("-n", ns, "run", "ticker", "--image=busybox", "--", "sh", "-c",
                "while true; do echo tick; sleep 1; done");
        kubectl.ok("-n", ns, "wait", "--for=condition=Ready", "pod/bb", "pod/web", "pod/ticker", "--timeout=60s");
    }

    @Test
    void execPrintsTheOutputAndAnExitCodeIsKubectlsOwn() throws Exception {
        assertThat(kubectl.ok("-n", ns, "exec", "bb", "--", "echo", "hi").out()).isEqualTo("hi\n");
        Result failed = kubectl.run("-n", ns, "exec", "bb", "--", "sh", "-c", "echo before; echo oops >&2; exit 3");
        assertThat(failed.exitCode()).as(failed.toString()).isEqualTo(3);
        assertThat(failed.out()).isEqualTo("before\n");
        assertThat(failed.err()).isEqualTo("oops\ncommand terminated with exit code 3\n");
    }

    @Test
    void pipedStdinReachesTheShellAndItsEndEndsIt() throws Exception {
        Result result = kubectl.runWithInput("echo one\necho two\nexit 4\n", "-n", ns, "exec", "-i", "bb", "--", "sh");
        assertThat(result.exitCode()).as(result.toString()).isEqualTo(4);
        assertThat(result.out()).isEqualTo("one\ntwo\n");
        Result cat = kubectl.runWithInput("hello\nworld\n", "-n", ns, "exec", "-i", "bb", "--", "cat");
        assertThat(cat.exitCode()).as(cat.toString()).isZero();
        assertThat(cat.out()).isEqualTo("hello\nworld\n");
    }

    @Test
    void aTerminalSessionRunsWithItsSize() throws Exception {
        Result echo = kubectl.runOnTerminal("-n", ns, "exec", "-ti", "bb", "--", "sh", "-c", "echo a; echo b");
        assertThat(echo.exitCode()).as(echo.toString()).isZero();
        assertThat(echo.out()).startsWith("a\r\nb\r\n");
    }

    @Test
    void cpCopiesBothWays() throws Exception {
        Path local = Files.createTempDirectory("spdy-cp");
        Path manifest = local.resolve("pod1.yaml");
        Files.writeString(manifest, "apiVersion: v1\nkind: Pod\n");
        kubectl.ok("-n", ns, "cp", manifest.toString(), "bb:/tmp/pod1.yaml");
        assertThat(kubectl.ok("-n", ns, "exec", "bb", "--", "cat", "/tmp/pod1.yaml").out())
                .isEqualTo("apiVersion: v1\nkind: Pod\n");
        Path hosts = local.resolve("hosts");
        kubectl.ok("-n", ns, "cp", "bb:/etc/hosts", hosts.toString());
        assertThat(Files.readString(hosts)).startsWith("# Kubernetes-managed hosts file.");
    }

    @Test
    void attachFollowsTheMainProcess() throws Exception {
        Kubectl.Running attach = kubectl.start(Map.of(), "-n", ns, "attach", "ticker");
        try {
            assertThat(attach.awaitOut(out -> out.contains("tick\ntick\n"), Duration.ofSeconds(20)))
                    .as(attach.out() + attach.err()).isTrue();
        } finally {
            attach.process().destroy();
        }
    }

    @Test
    void portForwardReachesNginx() throws Exception {
        Kubectl.Running forward = kubectl.start(Map.of(), "-n", ns, "port-forward", "pod/web", ":80");
        try {
            assertThat(forward.awaitOut(out -> FORWARDING.matcher(out).find(), Duration.ofSeconds(20)))
                    .as(forward.out() + forward.err()).isTrue();
            Matcher m = FORWARDING.matcher(forward.out());
            assertThat(m.find()).isTrue();
            HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
            for (int i = 0; i < 2; i++) {
                HttpResponse<String> page = client.send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + m.group(1) + "/")).timeout(Duration.ofSeconds(20)).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(page.statusCode()).isEqualTo(200);
                assertThat(page.body()).contains("<title>Welcome to nginx!</title>");
            }
        } finally {
            forward.process().destroy();
        }
    }

    @Test
    void portForwardToAPortNothingListensOnFailsAsTheKubeletSays() throws Exception {
        Kubectl.Running forward = kubectl.start(Map.of(), "-n", ns, "port-forward", "pod/bb", ":81");
        try {
            Pattern local = Pattern.compile("Forwarding from 127\\.0\\.0\\.1:(\\d+) -> 81");
            assertThat(forward.awaitOut(out -> local.matcher(out).find(), Duration.ofSeconds(20))).isTrue();
            Matcher m = local.matcher(forward.out());
            assertThat(m.find()).isTrue();
            try (java.net.Socket socket = new java.net.Socket("127.0.0.1", Integer.parseInt(m.group(1)))) {
                socket.setSoTimeout(20_000);
                socket.getOutputStream().write("GET / HTTP/1.1\r\nHost: x\r\n\r\n".getBytes());
                assertThat(socket.getInputStream().read()).isEqualTo(-1);
            }
            assertThat(forward.awaitErr(err -> err.contains("connect: connection refused"), Duration.ofSeconds(20)))
                    .as(forward.err()).isTrue();
            assertThat(forward.err()).contains("an error occurred forwarding");
        } finally {
            forward.process().destroy();
        }
    }
}
