package io.kubeling.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
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

import io.kubeling.support.Kubectl;
import io.kubeling.support.Kubectl.Result;
import io.kubeling.support.KubelingTest;

/** exec, attach, port-forward and debug with the real kubectl, over the WebSocket protocols it speaks. */
@KubelingTest
@Execution(ExecutionMode.CONCURRENT)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class KubectlStreamsTest {

    private static final Pattern FORWARDING = Pattern.compile("Forwarding from 127\\.0\\.0\\.1:(\\d+) -> 80");

    @LocalServerPort
    int port;

    Kubectl kubectl;
    String ns;

    @BeforeAll
    void pods() throws Exception {
        kubectl = new Kubectl(port);
        ns = "streams-" + UUID.randomUUID().toString().substring(0, 8);
        kubectl.ok("create", "namespace", ns);
        kubectl.ok("-n", ns, "run", "bb", "--image=busybox", "--", "sleep", "3600");
        kubectl.ok("-n", ns, "run", "web", "--image=nginx");
        kubectl.ok("-n", ns, "run", "ticker", "--image=busybox", "--", "sh", "-c",
                "while true; do echo tick; sleep 1; done");
        kubectl.ok("-n", ns, "run", "target", "--image=busybox", "--", "sleep", "3600");
        kubectl.ok("-n", ns, "wait", "--for=condition=Ready", "pod/bb", "pod/web", "pod/ticker", "pod/target",
                "--timeout=60s");
    }

    @Test
    void execPrintsTheCommandsOutput() throws Exception {
        Result result = kubectl.ok("-n", ns, "exec", "bb", "--", "echo", "hi");
        assertThat(result.out()).isEqualTo("hi\n");
    }

    @Test
    void aNonZeroExitIsKubectlsOwn() throws Exception {
        Result result = kubectl.run("-n", ns, "exec", "bb", "--", "sh", "-c", "echo before; exit 3");
        assertThat(result.exitCode()).as(result.toString()).isEqualTo(3);
        assertThat(result.out()).isEqualTo("before\n");
        assertThat(result.err()).isEqualTo("command terminated with exit code 3\n");
    }

    @Test
    void anUnknownContainerIsRefusedAsKubeRefusesIt() throws Exception {
        Result result = kubectl.run("-n", ns, "exec", "bb", "-c", "nope", "--", "echo", "hi");
        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err()).isEqualTo("Error from server (BadRequest): container nope is not valid for pod bb\n");
    }

    @Test
    void pipedStdinReachesTheShellAndItsEndEndsIt() throws Exception {
        Result result = kubectl.runWithInput("echo one\necho two\nexit 4\n", "-n", ns, "exec", "-i", "bb", "--", "sh");
        assertThat(result.exitCode()).as(result.toString()).isEqualTo(4);
        assertThat(result.out()).isEqualTo("one\ntwo\n");
        Result ended = kubectl.runWithInput("echo last\n", "-n", ns, "exec", "-i", "bb", "--", "sh");
        assertThat(ended.exitCode()).as(ended.toString()).isZero();
        assertThat(ended.out()).isEqualTo("last\n");
    }

    @Test
    void commandsReadTheContainersFilesAndTheirStdin() throws Exception {
        // the tutorials' kubectl exec -ti pod1 -- cat /etc/hosts, as the kubelet writes the file
        String ip = kubectl.ok("-n", ns, "get", "pod", "bb", "-o", "jsonpath={.status.podIP}").out();
        assertThat(kubectl.ok("-n", ns, "exec", "bb", "--", "cat", "/etc/hosts").out()).isEqualTo("""
                # Kubernetes-managed hosts file.
                127.0.0.1\tlocalhost
                ::1\tlocalhost ip6-localhost ip6-loopback
                fe00::0\tip6-localnet
                fe00::0\tip6-mcastprefix
                fe00::1\tip6-allnodes
                fe00::2\tip6-allrouters
                """ + ip + "\tbb\n");
        Result cat = kubectl.runWithInput("hello\nworld\n", "-n", ns, "exec", "-i", "bb", "--", "cat");
        assertThat(cat.exitCode()).as(cat.toString()).isZero();
        assertThat(cat.out()).isEqualTo("hello\nworld\n");
        Result missing = kubectl.run("-n", ns, "exec", "bb", "--", "cat", "/nope");
        assertThat(missing.exitCode()).isEqualTo(1);
        assertThat(missing.err()).startsWith("cat: can't open '/nope': No such file or directory\n");
    }

    @Test
    void aTerminalGetsItsLineEndings() throws Exception {
        Result hosts = kubectl.runOnTerminal("-n", ns, "exec", "-ti", "bb", "--", "cat", "/etc/hosts");
        assertThat(hosts.exitCode()).as(hosts.toString()).isZero();
        Result echo = kubectl.runOnTerminal("-n", ns, "exec", "-ti", "bb", "--", "sh", "-c", "echo a; echo b");
        assertThat(echo.exitCode()).as(echo.toString()).isZero();
        // kubectl's resize writer may log "websocket: close sent" after the output when the command ends at once
        assertThat(echo.out()).startsWith("a\r\nb\r\n");
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
    void portForwardReachesTheServerInThePodAndThroughItsService() throws Exception {
        kubectl.ok("-n", ns, "expose", "pod", "web", "--port=8080", "--target-port=80");
        for (String target : new String[] {"pod/web", "svc/web"}) {
            String remote = target.startsWith("svc") ? ":8080" : ":80";
            Kubectl.Running forward = kubectl.start(Map.of(), "-n", ns, "port-forward", target, remote);
            try {
                assertThat(forward.awaitOut(out -> FORWARDING.matcher(out).find(), Duration.ofSeconds(20)))
                        .as(forward.out() + forward.err()).isTrue();
                Matcher m = FORWARDING.matcher(forward.out());
                assertThat(m.find()).isTrue();
                HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
                HttpResponse<String> page = client.send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + m.group(1) + "/")).timeout(Duration.ofSeconds(20)).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(page.statusCode()).isEqualTo(200);
                assertThat(page.body()).contains("<title>Welcome to nginx!</title>");
                assertThat(page.headers().firstValue("server")).hasValue("nginx/1.27.3");
            } finally {
                forward.process().destroy();
            }
        }
        assertThat(kubectl.ok("-n", ns, "logs", "web").out()).contains("\"GET / HTTP/1.1\" 200 615 \"-\" \"Java-http-client/");
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
            assertThat(forward.process().waitFor(20, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
            assertThat(forward.err()).contains("an error occurred forwarding").contains(
                    "failed to connect to localhost:81 inside namespace").contains("connect: connection refused");
        } finally {
            forward.process().destroy();
        }
    }

    @Test
    void debugAddsAnEphemeralContainerThatRunsAndIsAttached() throws Exception {
        Result result = kubectl.runWithInput("echo inside\nexit 7\n", "-n", ns, "debug", "target", "-i",
                "--image=busybox", "--container=dbg");
        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.out()).isEqualTo("inside\n");
        String spec = kubectl.ok("-n", ns, "get", "pod", "target", "-o",
                "jsonpath={.spec.ephemeralContainers[0].name} {.spec.ephemeralContainers[0].stdin}").out();
        assertThat(spec).isEqualTo("dbg true");
        kubectl.ok("-n", ns, "wait", "pod/target", "--timeout=30s",
                "--for=jsonpath={.status.ephemeralContainerStatuses[0].state.terminated.exitCode}=7");
    }

    @Test
    void debugOfANodeRunsAPodOnThatNode() throws Exception {
        String node = kubectl.ok("get", "nodes", "-o", "jsonpath={.items[0].metadata.name}").out();
        Result result = kubectl.runWithInput("echo onnode\nhostname\n", "-n", ns, "debug", "node/" + node, "-i",
                "--image=busybox");
        assertThat(result.exitCode()).as(result.toString()).isZero();
        // on the host's network the pod has the node's hostname
        assertThat(result.out()).contains("onnode\n" + node + "\n");
        Matcher created = Pattern.compile("Creating debugging pod (\\S+) with container debugger on node "
                + Pattern.quote(node)).matcher(result.out() + result.err());
        assertThat(created.find()).as(result.toString()).isTrue();
        String pod = kubectl.ok("-n", ns, "get", "pod", created.group(1), "-o",
                "jsonpath={.spec.nodeName} {.spec.hostNetwork}").out();
        assertThat(pod).isEqualTo(node + " true");
    }

    @Test
    void cpCopiesAFileIntoThePodAndBack() throws Exception {
        java.nio.file.Path local = java.nio.file.Files.createTempDirectory("cp-in");
        java.nio.file.Path manifest = local.resolve("pod1.yaml");
        java.nio.file.Files.writeString(manifest, "apiVersion: v1\nkind: Pod\n");
        kubectl.ok("-n", ns, "cp", manifest.toString(), "bb:/tmp");
        assertThat(kubectl.ok("-n", ns, "exec", "bb", "--", "ls", "/tmp").out()).contains("pod1.yaml\n");
        assertThat(kubectl.ok("-n", ns, "exec", "bb", "--", "cat", "/tmp/pod1.yaml").out())
                .isEqualTo("apiVersion: v1\nkind: Pod\n");
        java.nio.file.Path hosts = local.resolve("hosts");
        // kubectl hands tar's error output to its own standard output
        assertThat(kubectl.ok("-n", ns, "cp", "bb:/etc/hosts", hosts.toString()).out())
                .isEqualTo("tar: removing leading '/' from member names\n");
        assertThat(java.nio.file.Files.readString(hosts)).startsWith("# Kubernetes-managed hosts file.");
    }

    @Test
    void cpCopiesADirectoryBothWays() throws Exception {
        java.nio.file.Path local = java.nio.file.Files.createTempDirectory("cp-dir");
        java.nio.file.Path site = java.nio.file.Files.createDirectories(local.resolve("site/css"));
        java.nio.file.Files.writeString(local.resolve("site/index.html"), "<h1>hi</h1>\n");
        java.nio.file.Files.writeString(site.resolve("main.css"), "h1 {}\n");
        kubectl.ok("-n", ns, "cp", local.resolve("site").toString(), "bb:/srv/site");
        assertThat(kubectl.ok("-n", ns, "exec", "bb", "--", "cat", "/srv/site/index.html", "/srv/site/css/main.css")
                .out()).isEqualTo("<h1>hi</h1>\nh1 {}\n");
        java.nio.file.Path back = local.resolve("back");
        kubectl.ok("-n", ns, "cp", "bb:/srv/site", back.toString());
        assertThat(java.nio.file.Files.readString(back.resolve("index.html"))).isEqualTo("<h1>hi</h1>\n");
        assertThat(java.nio.file.Files.readString(back.resolve("css/main.css"))).isEqualTo("h1 {}\n");
    }

    @Test
    void cpIntoAMissingDirectoryFailsAsTarFails() throws Exception {
        java.nio.file.Path file = java.nio.file.Files.createTempFile("cp-missing", ".txt");
        Result result = kubectl.run("-n", ns, "cp", file.toString(), "bb:/nowhere/at/all/x.txt");
        assertThat(result.exitCode()).as(result.toString()).isEqualTo(1);
        // kubectl's stdin copier may still write after the end's close frame, and says so as kubectl does with kube
        String err = result.err().replaceAll("(?m)^E\\d{4} .*\"Unhandled Error\" err=\"websocket: close sent\"\n", "");
        assertThat(err).isEqualTo("tar: can't change directory to '/nowhere/at/all': No such file or "
                + "directory\ncommand terminated with exit code 1\n");
        assertThat(kubectl.run("-n", ns, "exec", "bb", "--", "ls", "/nowhere").exitCode()).isNotZero();
        // kubectl stops at the archive's end, which may come before the exit status: only tar's words are sure
        java.nio.file.Path gone = file.getParent().resolve("gone-" + UUID.randomUUID());
        Result out = kubectl.run("-n", ns, "cp", "bb:/no/such/file", gone.toString());
        assertThat(out.out() + out.err()).contains("tar: /no/such/file: No such file or directory\n");
        assertThat(gone).doesNotExist();
    }

    @Test
    void anExecdSleepKilledFromAnotherExecEndsWithTheSignalsStatus() throws Exception {
        Kubectl.Running sleeper = kubectl.start(Map.of(), "-n", ns, "exec", "bb", "--", "sleep", "999");
        try {
            Pattern line = Pattern.compile("(?m)^ +(\\d+) root +0:00 sleep 999$");
            String[] ps = new String[1];
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> {
                ps[0] = kubectl.ok("-n", ns, "exec", "bb", "--", "ps").out();
                return line.matcher(ps[0]).find();
            });
            Matcher m = line.matcher(ps[0]);
            assertThat(m.find()).isTrue();
            kubectl.ok("-n", ns, "exec", "bb", "--", "kill", m.group(1));
            assertThat(sleeper.process().waitFor(20, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
            assertThat(sleeper.process().exitValue()).isEqualTo(143);
            assertThat(sleeper.err()).isEqualTo("command terminated with exit code 143\n");
        } finally {
            sleeper.process().destroy();
        }
    }
}
