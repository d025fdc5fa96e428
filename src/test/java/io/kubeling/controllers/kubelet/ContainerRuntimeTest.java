package io.kubeling.controllers.kubelet;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;

/** The simulated runtime as the tutorials use it: images that exist or not, files, ports and servers. */
class ContainerRuntimeTest {

    private final SimulatedNode node = new SimulatedNode();

    private static Pod pod(String name, List<Container> inits, Container... containers) {
        return new PodBuilder().withNewMetadata().withName(name).endMetadata().withNewSpec()
                .withInitContainers(inits).withContainers(containers).endSpec()
                .withNewStatus().withPhase("Pending").endStatus().build();
    }

    private static Container container(String name, String image, String... command) {
        return new ContainerBuilder().withName(name).withImage(image).withCommand(command).build();
    }

    private ContainerStatus status(Pod pod, String name) {
        return node.status(pod).getContainerStatuses().stream().filter(c -> c.getName().equals(name)).findFirst()
                .orElseThrow();
    }

    @Test
    void aMistypedImageFailsToPullAndBacksOff() {
        Pod pod = node.run(pod("typo", List.of(), container("web", "ngnix")));
        node.advance(Duration.ofSeconds(2));
        String denied = "rpc error: code = Unknown desc = failed to pull and unpack image "
                + "\"docker.io/library/ngnix:latest\": failed to resolve reference \"docker.io/library/ngnix:latest\": "
                + "pull access denied, repository does not exist or may require authorization: server message: "
                + "insufficient_scope: authorization failed";
        assertThat(node.events(pod)).containsSubsequence("Normal Pulling Pulling image \"ngnix\"",
                "Warning Failed Failed to pull image \"ngnix\": " + denied, "Warning Failed Error: ErrImagePull",
                "Normal BackOff Back-off pulling image \"ngnix\"", "Warning Failed Error: ImagePullBackOff");
        assertThat(status(pod, "web").getState().getWaiting().getReason()).isEqualTo("ImagePullBackOff");

        Pod tag = node.run(pod("tag", List.of(), container("web", "nginx:doesnotexist")));
        node.advance(Duration.ofMillis(1000));
        assertThat(status(tag, "web").getState().getWaiting().getReason()).isEqualTo("ErrImagePull");
        assertThat(status(tag, "web").getState().getWaiting().getMessage()).isEqualTo("rpc error: code = NotFound "
                + "desc = failed to pull and unpack image \"docker.io/library/nginx:doesnotexist\": failed to resolve "
                + "reference \"docker.io/library/nginx:doesnotexist\": docker.io/library/nginx:doesnotexist: not found");

        Pod fine = node.run(pod("fine", List.of(), container("web", "nginx:1.27")));
        node.advance(Duration.ofSeconds(2));
        assertThat(node.status(fine).getPhase()).isEqualTo("Running");
        assertThat(node.events(fine)).anyMatch(e -> e.contains("Image size: 72099501 bytes."));
    }

    @Test
    void aCommandTheImageDoesNotHaveIsAStartError() {
        Pod pod = node.run(pod("missing", List.of(), container("c", "busybox", "myapp", "--serve")));
        node.advance(Duration.ofMillis(1500));
        var terminated = status(pod, "c").getState().getTerminated() != null ? status(pod, "c").getState()
                .getTerminated() : status(pod, "c").getLastState().getTerminated();
        assertThat(terminated.getReason()).isEqualTo("StartError");
        assertThat(terminated.getExitCode()).isEqualTo(128);
        String message = "failed to create containerd task: failed to create shim task: OCI runtime create failed: "
                + "runc create failed: unable to start container process: error during container init: exec: "
                + "\"myapp\": executable file not found in $PATH: unknown";
        assertThat(terminated.getMessage()).isEqualTo(message);
        assertThat(node.events(pod)).contains("Warning Failed Error: " + message)
                .noneMatch(e -> e.startsWith("Normal Started"));
    }

    @Test
    void twoNginxContainersOfAPodFightForPort80() {
        Pod pod = node.run(pod("pod1", List.of(), container("c1", "nginx"), container("c2", "nginx")));
        node.advance(Duration.ofSeconds(8));
        assertThat(status(pod, "c1").getState().getRunning()).isNotNull();
        ContainerStatus c2 = status(pod, "c2");
        assertThat(c2.getRestartCount()).isPositive();
        String lastExit = c2.getLastState().getTerminated() != null ? c2.getLastState().getTerminated().getReason()
                : c2.getState().getTerminated().getReason();
        assertThat(lastExit).isEqualTo("Error");
        node.advance(Duration.ofSeconds(30));
        assertThat(status(pod, "c2").getState().getWaiting() == null ? null
                : status(pod, "c2").getState().getWaiting().getReason()).isIn("CrashLoopBackOff", null);
        assertThat(node.events(pod)).anyMatch(e -> e.startsWith("Warning BackOff Back-off restarting failed container c2"));
        String log = node.log(pod, "c1");
        assertThat(log).contains("/docker-entrypoint.sh: Configuration complete; ready for start up")
                .contains("[notice] 1#1: start worker processes");
        String previous = String.join("\n", node.logs.find(status(pod, "c2").getLastState().getTerminated()
                .getContainerID()).snapshot().lines().stream().map(ContainerLogs.Line::text).toList());
        assertThat(previous).contains("[emerg] 1#1: bind() to 0.0.0.0:80 failed (98: Address already in use)",
                "nginx: [emerg] bind() to [::]:80 failed (98: Address already in use)",
                "nginx: [emerg] still could not bind()");
    }

    @Test
    void aPrivilegedSysctlInitContainerCompletes() {
        Container init = new ContainerBuilder().withName("a1").withImage("alpine")
                .withCommand("sh", "-c", "sysctl -w vm.swappiness=0").withNewSecurityContext().withPrivileged(true)
                .endSecurityContext().build();
        Pod pod = node.run(pod("pod1", List.of(init), container("c1", "nginx")));
        node.advance(Duration.ofSeconds(5));
        assertThat(node.status(pod).getInitContainerStatuses().get(0).getState().getTerminated().getReason())
                .isEqualTo("Completed");
        assertThat(node.status(pod).getPhase()).isEqualTo("Running");
        assertThat(node.log(pod, "a1")).isEqualTo("vm.swappiness = 0\n");

        Container unprivileged = container("a1", "alpine", "sh", "-c", "sysctl -w vm.swappiness=0");
        Pod refused = node.run(pod("pod2", List.of(unprivileged), container("c1", "nginx")));
        node.advance(Duration.ofSeconds(5));
        assertThat(node.status(refused).getInitContainerStatuses().get(0).getLastState().getTerminated()
                .getExitCode()).isEqualTo(1);
    }

    @Test
    void aSidecarsPageIsServedToAnotherPodAndTheRequestIsLogged() {
        Pod site = new PodBuilder().withNewMetadata().withName("two-containers").endMetadata().withNewSpec()
                .addNewVolume().withName("shared-data").withNewEmptyDir().endEmptyDir().endVolume()
                .addNewContainer().withName("nginx-container").withImage("nginx").addNewVolumeMount()
                .withName("shared-data").withMountPath("/usr/share/nginx/html").endVolumeMount().endContainer()
                .addNewContainer().withName("debian-container").withImage("debian").addNewVolumeMount()
                .withName("shared-data").withMountPath("/pod-data").endVolumeMount().withCommand("/bin/sh")
                .withArgs("-c", "echo Hello from the debian container > /pod-data/index.html; sleep 3600")
                .endContainer().endSpec().withNewStatus().withPhase("Pending").endStatus().build();
        node.run(site);
        node.advance(Duration.ofSeconds(3));
        String ip = node.status(site).getPodIP();
        Pod client = node.run(pod("client", List.of(), container("get", "busybox", "sh", "-c",
                "wget -qO- http://" + ip + "/; cat /etc/hosts; echo $KUBERNETES_SERVICE_HOST; sleep 3600")));
        node.advance(Duration.ofSeconds(3));
        assertThat(node.log(client, "get")).startsWith("Hello from the debian container\n"
                + "# Kubernetes-managed hosts file.\n127.0.0.1\tlocalhost\n")
                .contains(node.status(client).getPodIP() + "\tclient\n");
        assertThat(node.log(site, "nginx-container")).containsPattern(node.status(client).getPodIP().replace(".",
                "\\.") + " - - \\[.*\\] \"GET / HTTP/1\\.1\" 200 32 \"-\" \"Wget\" \"-\"");
    }

    @Test
    void aHostNetworkPodSeesTheNodesHostname() {
        // the pod kubectl debug node/x makes: host network, the node's root at /host
        Pod debug = new PodBuilder().withNewMetadata().withName("node-debugger-node-a-x7k2p").endMetadata()
                .withNewSpec().withHostNetwork(true).withHostPID(true).withHostIPC(true).withRestartPolicy("Never")
                .addNewVolume().withName("host-root").withNewHostPath().withPath("/").endHostPath().endVolume()
                .addNewContainer().withName("debugger").withImage("busybox").addNewVolumeMount().withName("host-root")
                .withMountPath("/host").endVolumeMount().withCommand("sh", "-c",
                        "hostname; echo \"$HOSTNAME\"; cat /etc/hostname; uname -n; head -1 /etc/hosts")
                .endContainer().endSpec().withNewStatus().withPhase("Pending").endStatus().build();
        node.run(debug);
        node.advance(Duration.ofSeconds(3));
        assertThat(node.log(debug, "debugger")).isEqualTo(
                "node-a\nnode-a\nnode-a\nnode-a\n# Kubernetes-managed hosts file (host network).\n");

        Pod own = node.run(pod("own", List.of(), container("c", "busybox", "sh", "-c", "hostname; echo $HOSTNAME")));
        node.advance(Duration.ofSeconds(3));
        assertThat(node.log(own, "c")).isEqualTo("own\nown\n");
    }

    @Test
    void redirectedOutputStaysOutOfTheLogAndARestartResetsTheLayerButNotTheVolume() {
        Pod pod = new PodBuilder().withNewMetadata().withName("writer").endMetadata().withNewSpec()
                .withRestartPolicy("Always").addNewVolume().withName("cache").withNewEmptyDir().endEmptyDir()
                .endVolume().addNewContainer().withName("w").withImage("busybox").addNewVolumeMount()
                .withName("cache").withMountPath("/cache").endVolumeMount()
                .withCommand("sh", "-c", "date > aa.txt; cat /layer 2>/dev/null || echo fresh layer; "
                        + "echo run >> /cache/runs; echo x > /layer; wc -l < /cache/runs; sleep 2; exit 1")
                .endContainer().endSpec().withNewStatus().withPhase("Pending").endStatus().build();
        node.run(pod);
        node.advance(Duration.ofSeconds(2));
        assertThat(node.log(pod, "w")).isEqualTo("fresh layer\n1\n");
        node.advance(Duration.ofSeconds(20));
        assertThat(status(pod, "w").getRestartCount()).isPositive();
        node.advance(Duration.ofSeconds(1));
        assertThat(node.log(pod, "w")).startsWith("fresh layer\n").doesNotContain("UTC");
    }

    @Test
    void aClaimsFilesOutliveItsPodAndAHostPathIsADirectoryOfTheNodesFiles() {
        java.util.function.Function<String, Pod> writer = script -> new PodBuilder().withNewMetadata().withName("db-0")
                .endMetadata().withNewSpec().addNewVolume().withName("data").withNewPersistentVolumeClaim()
                .withClaimName("data-db-0").endPersistentVolumeClaim().endVolume().addNewVolume().withName("shared")
                .withNewHostPath().withPath("/srv/shared").endHostPath().endVolume().addNewContainer().withName("db")
                .withImage("busybox").addNewVolumeMount().withName("data").withMountPath("/var/lib/db").endVolumeMount()
                .addNewVolumeMount().withName("shared").withMountPath("/shared").endVolumeMount()
                .withCommand("sh", "-c", script).endContainer().endSpec().withNewStatus().withPhase("Pending")
                .endStatus().build();
        node.port.boundVolumes.put("ns/data-db-0", "pvc-1111");
        Pod first = node.run(writer.apply("cat /var/lib/db/rows 2>/dev/null || echo empty; echo row1 > /var/lib/db/rows;"
                + " echo one > /shared/from-first; echo layer > /layer; sleep 3600"));
        node.advance(Duration.ofSeconds(3));
        assertThat(node.log(first, "db")).isEqualTo("empty\n");
        node.delete(first, 0);
        node.advance(Duration.ofSeconds(3));

        // the pod comes back (as a StatefulSet's does) with the same claim: its rows are there, its layer is new
        Pod second = node.run(writer.apply("cat /var/lib/db/rows; cat /layer 2>/dev/null || echo fresh; ls /shared;"
                + " sleep 3600"));
        node.advance(Duration.ofSeconds(3));
        assertThat(node.log(second, "db")).isEqualTo("row1\nfresh\nfrom-first\n");
        node.delete(second, 0);
        node.advance(Duration.ofSeconds(3));

        // a claim of the same name made again binds a new volume: it starts empty
        node.port.boundVolumes.put("ns/data-db-0", "pvc-2222");
        Pod third = node.run(writer.apply("cat /var/lib/db/rows 2>/dev/null || echo empty; sleep 3600"));
        node.advance(Duration.ofSeconds(3));
        assertThat(node.log(third, "db")).isEqualTo("empty\n");

        // the node's debugging pod sees the hostPath at its path under /host
        Pod debug = new PodBuilder().withNewMetadata().withName("node-debugger-node-a-abcde").endMetadata()
                .withNewSpec().withHostNetwork(true).withRestartPolicy("Never").addNewVolume().withName("host-root")
                .withNewHostPath().withPath("/").endHostPath().endVolume().addNewContainer().withName("debugger")
                .withImage("busybox").addNewVolumeMount().withName("host-root").withMountPath("/host").endVolumeMount()
                .withCommand("sh", "-c", "cat /host/srv/shared/from-first; ls /host/srv").endContainer().endSpec()
                .withNewStatus().withPhase("Pending").endStatus().build();
        node.run(debug);
        node.advance(Duration.ofSeconds(3));
        assertThat(node.log(debug, "debugger")).isEqualTo("one\nshared\n");
    }

    @Test
    void anExecRunsInTheContainersFilesAndAPortForwardReachesItsServer() {
        Pod pod = node.run(pod("web01", List.of(), container("c1", "nginx")));
        node.advance(Duration.ofSeconds(2));
        StringBuilder out = new StringBuilder();
        int[] exit = {-1};
        io.kubeling.controllers.kubelet.shell.ShellHost streams = new io.kubeling.controllers.kubelet.shell.ShellHost() {
            @Override
            public void write(String text) {
                out.append(text);
            }

            @Override
            public void after(Duration delay, Runnable next) {
                throw new UnsupportedOperationException("the container's timers run an exec");
            }

            @Override
            public java.util.Optional<Resolved> resolve(String name) {
                return java.util.Optional.empty();
            }

            @Override
            public boolean connects(String host, int port) {
                return false;
            }

            @Override
            public java.time.Instant now() {
                return java.time.Instant.EPOCH;
            }
        };
        assertThat(node.kubelet.network().exec("ns", "web01", null,
                List.of("sh", "-c", "echo 111 > /usr/share/nginx/html/index.html; sleep 1; cat /etc/hostname"),
                streams, code -> exit[0] = code)).isTrue();
        node.advance(Duration.ofSeconds(2));
        assertThat(out).hasToString("web01\n");
        assertThat(exit[0]).isZero();

        byte[] response = node.kubelet.network().exchange("ns", "web01", 80,
                "GET / HTTP/1.1\r\nHost: localhost\r\nUser-Agent: curl/8.11.1\r\n\r\n".getBytes(
                        java.nio.charset.StandardCharsets.ISO_8859_1)).orElseThrow();
        String text = new String(response, java.nio.charset.StandardCharsets.ISO_8859_1);
        assertThat(text).startsWith("HTTP/1.1 200 OK\r\nServer: nginx/1.27.3\r\n").endsWith("\r\n\r\n111\n");
        assertThat(node.kubelet.network().exchange("ns", "web01", 8080, response)).isEmpty();
        assertThat(node.log(pod, "c1")).contains("127.0.0.1 - - [").contains("\"GET / HTTP/1.1\" 200 4 \"-\" "
                + "\"curl/8.11.1\" \"-\"");
        assertThat(node.kubelet.network().exec("ns", "nope", null, List.of("true"), streams, code -> { })).isFalse();
    }

    private String get(String pod, int port, String path) {
        return node.kubelet.network().exchange("ns", pod, port, ("GET " + path + " HTTP/1.1\r\nHost: localhost\r\n\r\n")
                .getBytes(java.nio.charset.StandardCharsets.ISO_8859_1))
                .map(b -> new String(b, java.nio.charset.StandardCharsets.ISO_8859_1)).orElse(null);
    }

    @Test
    void podsOnTheHostsNetworkShareTheNodesPorts() {
        Pod first = new PodBuilder().withNewMetadata().withName("edge-1").endMetadata().withNewSpec()
                .withHostNetwork(true).addNewContainer().withName("web").withImage("nginx").endContainer().endSpec()
                .withNewStatus().withPhase("Pending").endStatus().build();
        node.run(first);
        node.advance(Duration.ofSeconds(3));
        Pod second = new PodBuilder().withNewMetadata().withName("edge-2").endMetadata().withNewSpec()
                .withHostNetwork(true).addNewContainer().withName("web").withImage("nginx").endContainer().endSpec()
                .withNewStatus().withPhase("Pending").endStatus().build();
        node.run(second);
        Pod own = node.run(pod("own-net", List.of(), container("web", "nginx")));
        node.advance(Duration.ofSeconds(10));
        assertThat(status(first, "web").getState().getRunning()).isNotNull();
        assertThat(status(own, "web").getState().getRunning()).isNotNull();
        ContainerStatus loser = status(second, "web");
        assertThat(loser.getRestartCount()).isPositive();
        String previous = String.join("\n", node.logs.find(loser.getLastState().getTerminated().getContainerID())
                .snapshot().lines().stream().map(ContainerLogs.Line::text).toList());
        assertThat(previous).contains("nginx: [emerg] bind() to 0.0.0.0:80 failed (98: Address already in use)",
                "nginx: [emerg] still could not bind()");
        assertThat(get("edge-2", 80, "/")).startsWith("HTTP/1.1 200 OK\r\nServer: nginx/");
    }

    @Test
    void pythonsHttpServerServesItsWorkingDirectory() {
        Pod pod = node.run(pod("py", List.of(), container("srv", "python:3.13", "sh", "-c",
                "mkdir -p /srv/site/sub && cd /srv/site && echo hi > notes.txt && exec python3 -m http.server 8000")));
        // a large image: its pull takes a while
        node.advance(Duration.ofSeconds(30));
        assertThat(status(pod, "srv").getState().getRunning()).as(status(pod, "srv") + "" + node.events(pod)).isNotNull();
        String listing = get("py", 8000, "/");
        assertThat(listing).startsWith("HTTP/1.1 200 OK\r\nServer: SimpleHTTP/0.6 Python/")
                .contains("Content-type: text/html; charset=utf-8\r\n")
                .contains("<title>Directory listing for /</title>")
                .contains("<li><a href=\"notes.txt\">notes.txt</a></li>\n<li><a href=\"sub/\">sub/</a></li>\n");
        assertThat(get("py", 8000, "/notes.txt")).contains("Content-type: text/plain\r\n").endsWith("\r\n\r\nhi\n");
        assertThat(get("py", 8000, "/sub")).startsWith("HTTP/1.1 301 Moved Permanently\r\n")
                .contains("Location: /sub/\r\n");
        assertThat(get("py", 8000, "/nope")).startsWith("HTTP/1.1 404 File not found\r\n")
                .contains("<p>Message: File not found.</p>");
        // stdout is buffered when it is no terminal: only the request lines, on stderr, show
        assertThat(node.log(pod, "srv")).doesNotContain("Serving HTTP")
                .containsPattern("(?m)^127\\.0\\.0\\.1 - - \\[01/Jan/2026 00:00:\\d\\d\\] \"GET / HTTP/1\\.1\" 200 -$")
                .contains("code 404, message File not found\n");

        Pod unbuffered = node.run(pod("py-u", List.of(), container("srv", "python:3.13", "python", "-u", "-m",
                "http.server", "9000")));
        node.advance(Duration.ofSeconds(30));
        assertThat(node.log(unbuffered, "srv")).isEqualTo("Serving HTTP on :: port 9000 (http://[::]:9000/) ...\n");
    }

    @Test
    void theTutorialsJavawebPodGetsItsWarFromAnInitContainerAndTomcatListens() {
        // the Geek Time javaweb pod the tutorials copy, with its two images from the catalogue
        Pod pod = new PodBuilder().withNewMetadata().withName("javaweb-2").endMetadata().withNewSpec()
                .addNewInitContainer().withName("war").withImage("geektime/sample:v2")
                .withCommand("cp", "/sample.war", "/app").addNewVolumeMount().withName("app-volume")
                .withMountPath("/app").endVolumeMount().endInitContainer()
                .addNewContainer().withName("tomcat").withImage("geektime/tomcat:7.0")
                .withCommand("sh", "-c", "/root/apache-tomcat-7.0.42-v2/bin/start.sh").addNewVolumeMount()
                .withName("app-volume").withMountPath("/root/apache-tomcat-7.0.42-v2/webapps").endVolumeMount()
                .addNewPort().withContainerPort(8080).withHostPort(8001).endPort().endContainer()
                .addNewVolume().withName("app-volume").withNewEmptyDir().endEmptyDir().endVolume().endSpec()
                .withNewStatus().withPhase("Pending").endStatus().build();
        node.run(pod);
        node.advance(Duration.ofSeconds(10));
        assertThat(node.status(pod).getPhase()).as(node.events(pod).toString()).isEqualTo("Running");
        assertThat(node.status(pod).getInitContainerStatuses().get(0).getState().getTerminated().getReason())
                .isEqualTo("Completed");
        assertThat(get("javaweb-2", 8080, "/sample/")).startsWith("HTTP/1.1 200 OK\r\n");

        // a catalogue image's own program listens on its image's ports, a script given to node on the declared
        Pod tomcat = node.run(pod("tomcat", List.of(), container("web", "tomcat:10")));
        Container app = new ContainerBuilder().withName("app").withImage("node:22").withCommand("node", "server.js")
                .addNewPort().withContainerPort(3000).endPort().build();
        node.run(pod("app", List.of(), app));
        node.advance(Duration.ofSeconds(60));
        assertThat(status(tomcat, "web").getState().getRunning()).isNotNull();
        assertThat(get("tomcat", 8080, "/")).startsWith("HTTP/1.1 200 OK\r\n");
        assertThat(get("app", 3000, "/")).startsWith("HTTP/1.1 200 OK\r\n");
        assertThat(get("app", 8080, "/")).isNull();
    }

    @Test
    void aVersionTagIsTheVersionTheServerSays() {
        // the tutorials' nginx:1.14, which curl -I shows as nginx/1.14.2, and nginx:1.15.4
        node.run(pod("old", List.of(), container("web", "nginx:1.14")));
        Pod exact = node.run(pod("exact", List.of(), new ContainerBuilder().withName("web").withImage("nginx:1.15.4")
                .build()));
        node.run(pod("latest", List.of(), container("web", "nginx")));
        node.advance(Duration.ofSeconds(20));
        assertThat(get("old", 80, "/")).contains("\r\nServer: nginx/1.14.2\r\n");
        assertThat(get("exact", 80, "/")).contains("\r\nServer: nginx/1.15.4\r\n");
        assertThat(get("latest", 80, "/")).contains("\r\nServer: nginx/1.27.3\r\n");
        assertThat(node.log(exact, "web")).contains("nginx/1.15.4");
    }

    @Test
    void whatAContainerWritesToItsTerminationLogIsItsMessage() {
        // kube's termination-demo, and a failing container whose message falls back to its log
        Pod demo = node.run(new PodBuilder().withNewMetadata().withName("termination-demo").endMetadata()
                .withNewSpec().withRestartPolicy("Never").addNewContainer().withName("termination-demo-container")
                .withImage("debian").withCommand("/bin/sh").withArgs("-c",
                        "sleep 10 && echo Sleep expired > /dev/termination-log").endContainer().endSpec()
                .withNewStatus().withPhase("Pending").endStatus().build());
        Pod failing = node.run(new PodBuilder().withNewMetadata().withName("failing").endMetadata().withNewSpec()
                .withRestartPolicy("Never").addNewContainer().withName("app").withImage("busybox")
                .withTerminationMessagePolicy("FallbackToLogsOnError")
                .withCommand("sh", "-c", "echo starting; echo 'config not found' >&2; exit 2").endContainer()
                .addNewContainer().withName("quiet").withImage("busybox").withCommand("sh", "-c", "echo out; exit 1")
                .endContainer().endSpec().withNewStatus().withPhase("Pending").endStatus().build());
        node.advance(Duration.ofSeconds(20));
        assertThat(status(demo, "termination-demo-container").getState().getTerminated().getMessage())
                .isEqualTo("Sleep expired\n");
        assertThat(status(failing, "app").getState().getTerminated().getMessage())
                .isEqualTo("starting\nconfig not found\n");
        assertThat(status(failing, "quiet").getState().getTerminated().getMessage()).isNull();
    }

    @Test
    void anImageOutsideTheCatalogueListensOnItsDeclaredPorts() {
        Container app = new ContainerBuilder().withName("app").withImage("ghcr.io/acme/orders:1.4").addNewPort()
                .withContainerPort(8080).endPort().build();
        Container server = new ContainerBuilder().withName("api").withImage("ghcr.io/acme/api:2")
                .withCommand("/app/server", "--port=9090").addNewPort().withContainerPort(9090).endPort().build();
        node.run(pod("acme", List.of(), app, server));
        node.advance(Duration.ofSeconds(3));
        assertThat(get("acme", 8080, "/healthz")).startsWith("HTTP/1.1 200 OK\r\n");
        assertThat(get("acme", 9090, "/")).startsWith("HTTP/1.1 200 OK\r\n");
        assertThat(get("acme", 7070, "/")).isNull();
    }
}
