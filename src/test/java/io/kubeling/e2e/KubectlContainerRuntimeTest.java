package io.kubeling.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.springframework.boot.test.web.server.LocalServerPort;

import io.kubeling.support.Kubectl;
import io.kubeling.support.KubelingTest;

/** The Pod tutorials' runtime scenarios with the real kubectl: images that do not exist, port clashes, pages. */
@KubelingTest
@Execution(ExecutionMode.CONCURRENT)
class KubectlContainerRuntimeTest {

    private static final Duration WAIT = Duration.ofSeconds(40);

    @LocalServerPort
    int port;

    Kubectl kubectl;
    String ns;

    @BeforeEach
    void setUp() throws Exception {
        kubectl = new Kubectl(port);
        ns = "kcr-" + UUID.randomUUID().toString().substring(0, 8);
        kubectl.ok("create", "namespace", ns);
    }

    @Test
    void aMistypedImageGoesToImagePullBackOff() throws Exception {
        kubectl.ok("-n", ns, "run", "typo", "--image=ngnix");
        await().atMost(WAIT).pollInterval(Duration.ofMillis(300)).untilAsserted(() -> assertThat(
                kubectl.ok("-n", ns, "get", "pods").out()).containsPattern("(?m)^typo\\s+0/1\\s+ImagePullBackOff\\s+0\\s"));
        assertThat(kubectl.ok("-n", ns, "describe", "pod", "typo").out())
                .containsPattern("Warning\\s+Failed\\s+\\S+\\s+kubelet\\s+Failed to pull image \"ngnix\": rpc error: "
                        + "code = Unknown desc = failed to pull and unpack image \"docker.io/library/ngnix:latest\"")
                .contains("pull access denied, repository does not exist or may require authorization")
                .containsPattern("Normal\\s+BackOff\\s+\\S+\\s+kubelet\\s+Back-off pulling image \"ngnix\"");
    }

    @Test
    void theSecondNginxOfAPodCannotBindAndCrashLoops() throws Exception {
        Path manifest = Kubectl.manifest("""
                apiVersion: v1
                kind: Pod
                metadata:
                  name: pod1
                spec:
                  containers:
                  - image: nginx
                    imagePullPolicy: IfNotPresent
                    name: c1
                  - image: nginx
                    imagePullPolicy: IfNotPresent
                    name: c2
                """);
        kubectl.ok("-n", ns, "apply", "-f", manifest.toString());
        await().atMost(WAIT).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> assertThat(
                kubectl.run("-n", ns, "logs", "pod1", "-c", "c2", "-p").out())
                .contains("nginx: [emerg] bind() to 0.0.0.0:80 failed (98: Address already in use)")
                .contains("nginx: [emerg] still could not bind()"));
        await().atMost(WAIT).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> assertThat(
                kubectl.ok("-n", ns, "get", "pod", "pod1").out())
                .containsPattern("(?m)^pod1\\s+1/2\\s+(CrashLoopBackOff|Error)\\s+\\d+"));
        assertThat(kubectl.ok("-n", ns, "logs", "pod1", "-c", "c1").out())
                .contains("[notice] 1#1: start worker processes");
    }

    @Test
    void aPrivilegedSysctlInitContainerCompletes() throws Exception {
        Path manifest = Kubectl.manifest("""
                apiVersion: v1
                kind: Pod
                metadata:
                  name: pod1
                spec:
                  containers:
                  - image: nginx
                    name: c1
                  initContainers:
                  - image: alpine
                    name: a1
                    command: ["sh","-c","sysctl -w vm.swappiness=0"]
                    securityContext:
                      privileged: true
                """);
        kubectl.ok("-n", ns, "apply", "-f", manifest.toString());
        kubectl.ok("-n", ns, "wait", "--for=condition=Ready", "pod/pod1", "--timeout=40s");
        assertThat(kubectl.ok("-n", ns, "logs", "pod1", "-c", "a1").out()).isEqualTo("vm.swappiness = 0\n");
    }

    @Test
    void aSidecarsPageIsServedThroughAService() throws Exception {
        Path manifest = Kubectl.manifest("""
                apiVersion: v1
                kind: Pod
                metadata:
                  name: two-containers
                  labels:
                    app: site
                spec:
                  volumes:
                  - name: shared-data
                    emptyDir: {}
                  containers:
                  - name: nginx-container
                    image: nginx
                    volumeMounts:
                    - name: shared-data
                      mountPath: /usr/share/nginx/html
                  - name: debian-container
                    image: debian
                    volumeMounts:
                    - name: shared-data
                      mountPath: /pod-data
                    command: ["/bin/sh"]
                    args: ["-c", "echo Hello from the debian container ! > /pod-data/index.html; sleep 3600"]
                """);
        kubectl.ok("-n", ns, "apply", "-f", manifest.toString());
        kubectl.ok("-n", ns, "wait", "--for=condition=Ready", "pod/two-containers", "--timeout=40s");
        kubectl.ok("-n", ns, "expose", "pod", "two-containers", "--port=80");
        await().atMost(WAIT).pollInterval(Duration.ofMillis(300)).until(() -> kubectl.ok("-n", ns, "get",
                "endpoints", "two-containers", "-o", "jsonpath={.subsets[0].addresses[0].ip}").out().matches(
                        "\\d+\\.\\d+\\.\\d+\\.\\d+"));
        kubectl.ok("-n", ns, "run", "client", "--image=busybox", "--restart=Never", "--", "sh", "-c",
                "wget -qO- http://two-containers/ && echo $TWO_CONTAINERS_SERVICE_PORT");
        kubectl.ok("-n", ns, "wait", "--for=jsonpath={.status.phase}=Succeeded", "pod/client", "--timeout=40s");
        assertThat(kubectl.ok("-n", ns, "logs", "client").out()).isEqualTo("Hello from the debian container !\n80\n");
        assertThat(kubectl.ok("-n", ns, "logs", "two-containers", "-c", "nginx-container").out())
                .containsPattern("\"GET / HTTP/1\\.1\" 200 34 \"-\" \"Wget\" \"-\"");
    }

    @Test
    void theTutorialsTwoContainerPageComesThroughPortForwardAndAnExecsRedirectionReadsBack() throws Exception {
        // the tutorial's pod as printed, with an emptyDir for its hostPath: the debian container writes and exits
        Path manifest = Kubectl.manifest("""
                apiVersion: "v1"
                kind: "Pod"
                metadata:
                  name: two-contrains
                spec:
                  restartPolicy: "Always"
                  volumes:
                  - name: shared-data
                    emptyDir: {}
                  containers:
                  - name: nginx-controller
                    image: nginx
                    volumeMounts:
                    - name: shared-data
                      mountPath: /usr/share/nginx/html
                  - name: debian-container
                    image: debian
                    volumeMounts:
                    - name: shared-data
                      mountPath: /pod-data
                    command: ["/bin/sh"]
                    args: ["-c","echo Hello from the debian container ! > /pod-data/index.html"]
                """);
        kubectl.ok("-n", ns, "apply", "-f", manifest.toString());
        await().atMost(WAIT).pollInterval(Kubectl.POLL).until(() -> kubectl.run("-n", ns, "get", "pod",
                "two-contrains", "-o", "jsonpath={.status.containerStatuses[?(@.name==\"nginx-controller\")].ready}")
                .out().equals("true"));
        // kubectl port-forwards only to a Running pod: Pending until the debian container too has started once
        await().atMost(WAIT).pollInterval(Kubectl.POLL).until(() -> kubectl.run("-n", ns, "get", "pod",
                "two-contrains", "-o", "jsonpath={.status.phase}").out().equals("Running"));
        kubectl.ok("-n", ns, "exec", "two-contrains", "-c", "nginx-controller", "--", "sh", "-c",
                "echo 111 > /usr/share/nginx/html/111.html");
        assertThat(kubectl.ok("-n", ns, "exec", "two-contrains", "-c", "nginx-controller", "--", "cat",
                "/usr/share/nginx/html/111.html").out()).isEqualTo("111\n");

        Kubectl.Running forward = kubectl.start(java.util.Map.of(), "-n", ns, "port-forward", "pod/two-contrains",
                ":80");
        try {
            java.util.regex.Pattern forwarding = java.util.regex.Pattern.compile(
                    "Forwarding from 127\\.0\\.0\\.1:(\\d+) -> 80");
            assertThat(forward.awaitOut(out -> forwarding.matcher(out).find(), Duration.ofSeconds(20)))
                    .as(forward.out() + forward.err()).isTrue();
            java.util.regex.Matcher m = forwarding.matcher(forward.out());
            assertThat(m.find()).isTrue();
            java.net.http.HttpClient http = java.net.http.HttpClient.newBuilder()
                    .connectTimeout(Duration.ofSeconds(10)).build();
            java.util.function.Function<String, java.net.http.HttpResponse<String>> get = page -> {
                try {
                    return http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:"
                            + m.group(1) + page)).timeout(Duration.ofSeconds(20)).build(),
                            java.net.http.HttpResponse.BodyHandlers.ofString());
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            };
            // the debian container may not have written its page yet when nginx is ready
            await().atMost(WAIT).pollInterval(Kubectl.POLL).until(() -> get.apply("/").statusCode() == 200);
            java.net.http.HttpResponse<String> page = get.apply("/");
            assertThat(page.body()).isEqualTo("Hello from the debian container !\n");
            assertThat(get.apply("/111.html").body()).isEqualTo("111\n");
        } finally {
            forward.process().destroy();
        }
    }
}
