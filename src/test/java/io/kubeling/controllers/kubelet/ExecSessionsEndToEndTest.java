package io.kubeling.controllers.kubelet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.LocalPortForward;
import io.fabric8.kubernetes.client.dsl.ExecWatch;
import io.kubeling.support.Fabric8;
import io.kubeling.support.KubelingTest;
import io.kubeling.support.WrittenKubeconfig;
import io.kubernetes.client.Exec;
import io.kubernetes.client.openapi.ApiClient;
import io.kubernetes.client.util.Config;

/**
 * Exec and port-forward through the official clients' helpers (fabric8's exec and portForward, the
 * Java client's Exec), and many sessions at once: they hold no request thread, do not hold up other
 * requests, and a client that leaves frees its session.
 */
@KubelingTest
@Execution(ExecutionMode.CONCURRENT)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ExecSessionsEndToEndTest {

    private static final int SESSIONS = 40;

    @LocalServerPort
    int port;

    @Autowired
    ContainerProcesses processes;

    KubernetesClient client;
    String ns;

    @BeforeAll
    void pod() {
        client = Fabric8.client(port);
        ns = Fabric8.newNamespace(client, "exec-");
        Pod pod = new PodBuilder().withNewMetadata().withName("bb").endMetadata().withNewSpec().addNewContainer()
                .withName("bb").withImage("busybox").withCommand("sleep", "3600").endContainer().endSpec().build();
        client.pods().inNamespace(ns).resource(pod).create();
        client.pods().inNamespace(ns).withName("bb").waitUntilReady(60, TimeUnit.SECONDS);
    }

    @AfterAll
    void close() {
        client.close();
    }

    @Test
    void fabric8ExecGetsTheOutputAndTheExitCode() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ExecWatch watch = client.pods().inNamespace(ns).withName("bb").writingOutput(out).exec("echo", "hi")) {
            assertThat(watch.exitCode().get(20, TimeUnit.SECONDS)).isZero();
        }
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("hi\n");
        try (ExecWatch watch = client.pods().inNamespace(ns).withName("bb").writingOutput(new ByteArrayOutputStream())
                .exec("sh", "-c", "exit 3")) {
            assertThat(watch.exitCode().get(20, TimeUnit.SECONDS)).isEqualTo(3);
        }
    }

    @Test
    void theJavaClientsExecGetsTheOutputAndTheExitCode() throws Exception {
        ApiClient api = Config.fromConfig(WrittenKubeconfig.of(port).toString());
        Exec exec = new Exec(api);
        Process hi = exec.exec(ns, "bb", new String[] {"echo", "hi"}, "bb", false, false);
        try (InputStream stdout = hi.getInputStream()) {
            assertThat(new String(stdout.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("hi\n");
        }
        assertThat(hi.waitFor(20, TimeUnit.SECONDS)).isTrue();
        assertThat(hi.exitValue()).isZero();
        Process three = exec.exec(ns, "bb", new String[] {"sh", "-c", "exit 3"}, "bb", false, false);
        assertThat(three.waitFor(20, TimeUnit.SECONDS)).isTrue();
        assertThat(three.exitValue()).isEqualTo(3);
        three.destroy();
        hi.destroy();
    }

    @Test
    void fabric8UploadsAFileAndADirectoryThatReadBackTheSame() throws Exception {
        byte[] binary = new byte[70_000];
        new java.util.Random(21).nextBytes(binary);
        Path local = Files.createTempDirectory("upload");
        Path file = Files.write(local.resolve("blob.bin"), binary);
        Path dir = Files.createDirectories(local.resolve("site"));
        Files.writeString(dir.resolve("index.html"), "<h1>hello</h1>\n");
        Files.writeString(Files.createDirectories(dir.resolve("css")).resolve("a b.css"), "body {}\n");
        var bb = client.pods().inNamespace(ns).withName("bb");

        assertThat(bb.file("/tmp/up/blob.bin").upload(file)).isTrue();
        assertThat(bb.dir("/srv/site").upload(dir)).isTrue();

        ByteArrayOutputStream read = new ByteArrayOutputStream();
        try (InputStream in = bb.file("/tmp/up/blob.bin").read()) {
            // transferTo never asks for 0 bytes, which fabric8's stream asserts against (readAllBytes does)
            in.transferTo(read);
        }
        assertThat(read.toByteArray()).isEqualTo(binary);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ExecWatch watch = bb.writingOutput(out).exec("sh", "-c",
                "cat /srv/site/index.html '/srv/site/css/a b.css'; ls /tmp")) {
            assertThat(watch.exitCode().get(20, TimeUnit.SECONDS)).isZero();
        }
        // the temporary archives fabric8 sends are gone once unpacked
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("<h1>hello</h1>\nbody {}\nup\n");
    }

    @Test
    void fabric8PortForwardReachesTheServerInThePod() throws Exception {
        Pod web = new PodBuilder().withNewMetadata().withName("web").endMetadata().withNewSpec().addNewContainer()
                .withName("web").withImage("nginx").endContainer().endSpec().build();
        client.pods().inNamespace(ns).resource(web).create();
        client.pods().inNamespace(ns).withName("web").waitUntilReady(60, TimeUnit.SECONDS);
        try (LocalPortForward forward = client.pods().inNamespace(ns).withName("web").portForward(80)) {
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
            HttpResponse<String> page = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                    + forward.getLocalPort() + "/")).timeout(Duration.ofSeconds(20)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(page.statusCode()).isEqualTo(200);
            assertThat(page.body()).contains("<title>Welcome to nginx!</title>");
        }
    }

    @Autowired
    KubeletController kubelets;

    @Autowired
    ContainerLogs logs;

    @Test
    void standardInputPastTheLimitEndsTheSessionWithAnError() throws Exception {
        ContainerProcesses small = new ContainerProcesses(kubelets, logs, 1024);
        try {
            Pod pod = client.pods().inNamespace(ns).withName("bb").get();
            java.util.concurrent.CompletableFuture<io.fabric8.kubernetes.api.model.Status> exit =
                    new java.util.concurrent.CompletableFuture<>();
            io.kubeling.registry.StreamTarget.ProcessHandle handle = small.exec(pod, "bb",
                    List.of("tail", "-f", "/dev/null"), true, false, new io.kubeling.registry.StreamTarget.ProcessOutput() {
                        @Override
                        public void stdout(byte[] bytes) {
                        }

                        @Override
                        public void stderr(byte[] bytes) {
                        }

                        @Override
                        public void exit(io.fabric8.kubernetes.api.model.Status status) {
                            exit.complete(status);
                        }
                    });
            handle.stdin(new byte[1000]);
            assertThat(exit).isNotDone();
            handle.stdin(new byte[1000]);
            io.fabric8.kubernetes.api.model.Status status = exit.get(10, TimeUnit.SECONDS);
            assertThat(status.getCode()).isEqualTo(413);
            assertThat(status.getMessage()).isEqualTo(
                    "standard input exceeds 1024 bytes, the most a simulated container takes in one session");
            await().atMost(Duration.ofSeconds(5)).until(() -> small.open() == 0);
        } finally {
            small.stop();
        }
    }

    @Test
    void aSessionEndsWithItsContainer() throws Exception {
        Pod pod = new PodBuilder().withNewMetadata().withName("short").endMetadata().withNewSpec().addNewContainer()
                .withName("c").withImage("busybox").withCommand("sleep", "3600").endContainer().endSpec().build();
        client.pods().inNamespace(ns).resource(pod).create();
        client.pods().inNamespace(ns).withName("short").waitUntilReady(60, TimeUnit.SECONDS);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ExecWatch watch = client.pods().inNamespace(ns).withName("short").writingOutput(out)
                .exec("sh", "-c", "echo waiting; tail -f /dev/null")) {
            await().atMost(Duration.ofSeconds(20)).until(() -> out.toString(StandardCharsets.UTF_8).equals("waiting\n"));
            client.pods().inNamespace(ns).withName("short").withGracePeriod(0).delete();
            assertThat(watch.exitCode().get(30, TimeUnit.SECONDS)).isEqualTo(137);
        }
    }

    @Test
    void manyEndlessSessionsHoldNoThreadsNorOtherRequestsAndLeavingFreesThem() throws Exception {
        int before = processes.open();
        int threadsBefore = ManagementFactory.getThreadMXBean().getThreadCount();
        List<ExecWatch> watches = new ArrayList<>();
        List<ByteArrayOutputStream> outputs = new ArrayList<>();
        try {
            for (int i = 0; i < SESSIONS; i++) {
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                outputs.add(out);
                watches.add(client.pods().inNamespace(ns).withName("bb").writingOutput(out)
                        .exec("sh", "-c", "echo started; tail -f /dev/null"));
            }
            // they start within a tenth of a second even on one busy core: a session that never starts has failed,
            // and its output and end say how
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(outputs)
                    .extracting(o -> o.toString(StandardCharsets.UTF_8))
                    .as(() -> "each session's output; the sessions that ended: " + ended(watches))
                    .containsOnly("started\n"));
            assertThat(processes.open()).isGreaterThanOrEqualTo(before + SESSIONS);
            long start = System.nanoTime();
            assertThat(client.namespaces().withName(ns).get()).isNotNull();
            long millis = (System.nanoTime() - start) / 1_000_000;
            int threadsDuring = ManagementFactory.getThreadMXBean().getThreadCount();
            System.out.printf("exec sessions: %d open, threads %d -> %d, a get meanwhile took %d ms%n", SESSIONS,
                    threadsBefore, threadsDuring, millis);
            assertThat(millis).isLessThan(5_000);
        } finally {
            watches.forEach(ExecWatch::close);
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> processes.open() <= before);
    }

    /** The sessions that have ended, by their place, each with its exit code or how it failed. */
    private static String ended(List<ExecWatch> watches) {
        StringBuilder ended = new StringBuilder();
        for (int i = 0; i < watches.size(); i++) {
            var exit = watches.get(i).exitCode();
            if (exit.isDone()) {
                String how = exit.handle((code, error) -> error != null ? error.toString() : String.valueOf(code))
                        .join();
                ended.append(' ').append(i).append('=').append(how);
            }
        }
        return ended.isEmpty() ? "none" : ended.toString().trim();
    }

    /** A session's output and end, as a client would see them. */
    private static final class Recorded implements io.kubeling.registry.StreamTarget.ProcessOutput {
        final StringBuffer out = new StringBuffer();
        final java.util.concurrent.CompletableFuture<io.fabric8.kubernetes.api.model.Status> exit =
                new java.util.concurrent.CompletableFuture<>();

        @Override
        public void stdout(byte[] bytes) {
            out.append(new String(bytes, StandardCharsets.UTF_8));
        }

        @Override
        public void stderr(byte[] bytes) {
            out.append(new String(bytes, StandardCharsets.UTF_8));
        }

        @Override
        public void exit(io.fabric8.kubernetes.api.model.Status status) {
            exit.complete(status);
        }

        int code() throws Exception {
            return io.kubeling.registry.ProcessExits.exitCode(exit.get(20, TimeUnit.SECONDS));
        }
    }

    private Recorded exec(String... command) {
        Recorded recorded = new Recorded();
        Pod pod = client.pods().inNamespace(ns).withName("bb").get();
        processes.exec(pod, "bb", List.of(command), false, false, recorded);
        return recorded;
    }

    @Test
    void psListsTheExecdProcessesAndKillEndsThemWithTheSignalsStatus() throws Exception {
        Recorded sleeper = exec("sleep", "1001");
        Recorded killed = exec("sleep", "1002");
        java.util.regex.Pattern line = java.util.regex.Pattern.compile("(?m)^ +(\\d+) root +0:00 sleep 1001$");
        Recorded ps = exec("ps");
        assertThat(ps.code()).isZero();
        assertThat(ps.out.toString()).startsWith("PID   USER     TIME  COMMAND\n    1 root      0:00 sleep 3600\n")
                .containsPattern(line).containsPattern("(?m)^ +\\d+ root +0:00 sleep 1002$")
                .containsPattern("(?m)^ +\\d+ root +0:00 ps$");
        java.util.regex.Matcher m = line.matcher(ps.out.toString());
        assertThat(m.find()).isTrue();
        String pid = m.group(1);
        Recorded kill = exec("kill", pid);
        assertThat(kill.code()).isZero();
        assertThat(sleeper.code()).isEqualTo(143);
        assertThat(killed.exit).isNotDone();
        Recorded again = exec("sh", "-c", "kill " + pid);
        assertThat(again.code()).isEqualTo(1);
        assertThat(again.out.toString()).isEqualTo("sh: can't kill pid " + pid + ": No such process\n");
        Recorded found = exec("sh", "-c", "ps | grep 'sleep 1002' | grep -v grep");
        assertThat(found.code()).isZero();
        String other = found.out.toString().trim().split(" +")[0];
        assertThat(exec("kill", "-9", other).code()).isZero();
        assertThat(killed.code()).isEqualTo(137);
        Recorded after = exec("ps");
        assertThat(after.code()).isZero();
        assertThat(after.out.toString()).doesNotContain("sleep 100");
    }

    @Test
    void aTerminalsSizeIsWhatTheClientLastSet() throws Exception {
        Recorded shell = new Recorded();
        Pod pod = client.pods().inNamespace(ns).withName("bb").get();
        io.kubeling.registry.StreamTarget.ProcessHandle handle = processes.exec(pod, "bb", List.of("sh"), true, true,
                shell);
        handle.resize(100, 40);
        handle.stdin("stty size\n".getBytes(StandardCharsets.UTF_8));
        await().atMost(Duration.ofSeconds(20)).until(() -> shell.out.toString().contains("40 100\r\n"));
        handle.resize(132, 50);
        handle.stdin("stty size; kill $$; echo still here\n".getBytes(StandardCharsets.UTF_8));
        await().atMost(Duration.ofSeconds(20)).until(() -> shell.out.toString().contains("50 132\r\nstill here"));
        handle.stdin("exit 2\n".getBytes(StandardCharsets.UTF_8));
        assertThat(shell.code()).isEqualTo(2);
        Recorded plain = exec("stty", "size");
        assertThat(plain.code()).isEqualTo(1);
        assertThat(plain.out.toString()).isEqualTo("stty: standard input: Inappropriate ioctl for device\n");
    }
}
