package io.kubeling.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.springframework.boot.test.web.server.LocalServerPort;

import io.kubeling.support.HttpApi;
import io.kubeling.support.Kubectl;
import io.kubeling.support.Kubectl.Result;
import io.kubeling.support.KubelingTest;
import io.kubeling.support.ReadyPods;
import tools.jackson.databind.JsonNode;

/** StatefulSets through the real kubectl: ordered scaling, rollout status, history and undo. */
@KubelingTest
@Execution(ExecutionMode.CONCURRENT)
class KubectlStatefulSetsTest {

    private static final Duration WAIT = Duration.ofSeconds(60);

    @LocalServerPort
    int port;

    Kubectl kubectl;
    HttpApi api;
    String ns;

    @BeforeEach
    void setUp() throws Exception {
        kubectl = new Kubectl(port);
        api = new HttpApi(port);
        ns = api.newNamespace("ksts-");
    }

    private Result inNs(String... args) throws Exception {
        String[] all = new String[args.length + 2];
        all[0] = "-n";
        all[1] = ns;
        System.arraycopy(args, 0, all, 2, args.length);
        return kubectl.ok(all);
    }

    private List<String> podNames() {
        List<String> names = new ArrayList<>();
        api.get("/api/v1/namespaces/" + ns + "/pods").json().get("items")
                .forEach(p -> names.add(p.at("/metadata/name").asString()));
        return names;
    }

    /** The StatefulSet controller's events about {@code web}, in the order they were written. */
    private List<String> events(String reason) {
        List<JsonNode> items = new ArrayList<>();
        api.get("/api/v1/namespaces/" + ns + "/events").json().get("items").forEach(items::add);
        items.sort((a, b) -> Long.compare(Long.parseLong(a.at("/metadata/resourceVersion").asString()),
                Long.parseLong(b.at("/metadata/resourceVersion").asString())));
        return items.stream().filter(e -> e.get("reason").asString().equals(reason)
                && e.at("/involvedObject/kind").asString().equals("StatefulSet"))
                .map(e -> e.get("message").asString()).toList();
    }

    @Test
    void scalesUpAndDownInOrderAndRollsOutThroughKubectl() throws Exception {
        assertThat(inNs("create", "-f", Kubectl.manifest("""
                apiVersion: apps/v1
                kind: StatefulSet
                metadata:
                  name: web
                spec:
                  serviceName: web
                  replicas: 2
                  selector:
                    matchLabels:
                      app: web
                  template:
                    metadata:
                      labels:
                        app: web
                    spec:
                      containers:
                      - name: nginx
                        image: nginx:1.27
                """).toString()).out()).isEqualTo("statefulset.apps/web created\n");
        assertThat(inNs("rollout", "status", "statefulset/web", "--timeout=60s").out())
                .endsWith("partitioned roll out complete: 2 new pods have been updated...\n");
        assertThat(inNs("get", "sts").out()).containsPattern("^NAME\\s+READY\\s+AGE\\nweb\\s+2/2\\s+\\d+s\\n$");
        assertThat(inNs("get", "sts", "-o", "wide").out()).containsPattern(
                "^NAME\\s+READY\\s+AGE\\s+CONTAINERS\\s+IMAGES\\nweb\\s+2/2\\s+\\d+s\\s+nginx\\s+nginx:1.27\\n$");
        assertThat(inNs("get", "pod", "web-1", "-o",
                "jsonpath={.spec.hostname} {.spec.subdomain} {.metadata.labels.apps\\.kubernetes\\.io/pod-index}").out())
                .isEqualTo("web-1 web 1");

        assertThat(inNs("scale", "statefulset", "web", "--replicas=3").out()).isEqualTo("statefulset.apps/web scaled\n");
        assertThat(inNs("rollout", "status", "sts/web", "--timeout=60s").out()).endsWith("3 new pods have been updated...\n");
        assertThat(events("SuccessfulCreate")).containsExactly("create Pod web-0 in StatefulSet web successful",
                "create Pod web-1 in StatefulSet web successful", "create Pod web-2 in StatefulSet web successful");

        inNs("scale", "sts", "web", "--replicas=1");
        assertThat(ReadyPods.await(WAIT, () -> podNames().equals(List.of("web-0")))).isTrue();
        assertThat(ReadyPods.await(WAIT, () -> events("SuccessfulDelete").size() == 2)).isTrue();
        assertThat(events("SuccessfulDelete")).containsExactly("delete Pod web-2 in StatefulSet web successful",
                "delete Pod web-1 in StatefulSet web successful");

        inNs("scale", "sts", "web", "--replicas=2");
        assertThat(inNs("set", "image", "sts/web", "nginx=nginx:1.28").out())
                .isEqualTo("statefulset.apps/web image updated\n");
        assertThat(inNs("rollout", "status", "sts/web", "--timeout=60s").out())
                .endsWith("partitioned roll out complete: 2 new pods have been updated...\n");
        assertThat(inNs("get", "pods", "-o", "jsonpath={.items[*].spec.containers[0].image}").out())
                .isEqualTo("nginx:1.28 nginx:1.28");
        assertThat(inNs("rollout", "history", "sts/web").out()).containsPattern(
                "statefulset.apps/web \\nREVISION\\s+CHANGE-CAUSE\\n1\\s+<none>\\n2\\s+<none>\\n");
        assertThat(inNs("rollout", "history", "sts/web", "--revision=1").out()).contains("Image:\tnginx:1.27");
        assertThat(inNs("get", "controllerrevisions").out()).containsPattern(
                "(?m)^NAME\\s+CONTROLLER\\s+REVISION\\s+AGE\\nweb-\\w+\\s+statefulset.apps/web\\s+[12]\\s+\\d+s$");

        assertThat(inNs("rollout", "undo", "sts/web").out()).isEqualTo("statefulset.apps/web rolled back\n");
        assertThat(inNs("rollout", "status", "sts/web", "--timeout=60s").out())
                .endsWith("partitioned roll out complete: 2 new pods have been updated...\n");
        assertThat(ReadyPods.await(WAIT, () -> api.get("/api/v1/namespaces/" + ns + "/pods").json().get("items")
                .valueStream().allMatch(p -> p.at("/spec/containers/0/image").asString().equals("nginx:1.27")))).isTrue();
        assertThat(inNs("rollout", "history", "sts/web").out()).containsPattern(
                "REVISION\\s+CHANGE-CAUSE\\n2\\s+<none>\\n3\\s+<none>\\n");

        String described = inNs("describe", "sts", "web").out();
        assertThat(described).containsPattern("(?m)^Replicas:\\s+2 desired \\| 2 total$")
                .containsPattern("(?m)^Update Strategy:\\s+RollingUpdate$")
                .containsPattern("(?m)^Pods Status:\\s+2 Running / 0 Waiting / 0 Succeeded / 0 Failed$")
                .containsPattern("(?m)^\\s+Normal\\s+SuccessfulCreate\\s+.*statefulset-controller\\s+"
                        + "create Pod web-0 in StatefulSet web successful$");

        // Foreground deletion: the garbage collector removes the pods and revisions before the set.
        assertThat(inNs("delete", "sts", "web", "--cascade=foreground", "--timeout=60s").out())
                .isEqualTo("statefulset.apps \"web\" deleted\n");
        assertThat(ReadyPods.await(WAIT, () -> podNames().isEmpty()
                && api.get("/apis/apps/v1/namespaces/" + ns + "/controllerrevisions").json().get("items").isEmpty()))
                .isTrue();
    }
}
