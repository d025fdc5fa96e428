package io.kubeling.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.springframework.boot.test.web.server.LocalServerPort;

import io.kubeling.support.HttpApi;
import io.kubeling.support.Kubectl;
import io.kubeling.support.Kubectl.Result;
import io.kubeling.support.Kubectl.Running;
import io.kubeling.support.KubelingTest;

/** kubectl commands that edit, watch and wait, run with the real binary. */
@KubelingTest
@Execution(ExecutionMode.CONCURRENT)
class KubectlWorkflowTest {

    @LocalServerPort
    int port;

    Kubectl kubectl;
    HttpApi api;
    String ns;

    @BeforeEach
    void setUp() throws Exception {
        kubectl = new Kubectl(port);
        api = new HttpApi(port);
        ns = api.newNamespace("kw");
    }

    @Test
    void editChangesTheObjectThroughTheEditor() throws Exception {
        kubectl.ok("-n", ns, "create", "configmap", "cfg", "--from-literal=mode=dev");
        Path editor = Files.createTempFile("kubeling-editor", ".sh",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        Files.writeString(editor, "#!/bin/sh\nsed -i 's/mode: dev/mode: prod/' \"$1\"\n");

        assertThat(kubectl.ok(Map.of("EDITOR", editor.toString(), "KUBE_EDITOR", editor.toString()),
                "-n", ns, "edit", "configmap", "cfg").out()).isEqualTo("configmap/cfg edited\n");
        assertThat(kubectl.ok("-n", ns, "get", "configmap", "cfg", "-o", "jsonpath={.data.mode}").out()).isEqualTo("prod");

        Path unchanged = Files.createTempFile("kubeling-editor", ".sh",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        Files.writeString(unchanged, "#!/bin/sh\ntrue\n");
        Result cancelled = kubectl.run(Map.of("EDITOR", unchanged.toString(), "KUBE_EDITOR", unchanged.toString()),
                "-n", ns, "edit", "configmap", "cfg");
        assertThat(cancelled.err()).contains("Edit cancelled, no changes made.");
    }

    @Test
    void getWatchPrintsEachChangeAsARow() throws Exception {
        kubectl.ok("-n", ns, "create", "configmap", "first", "--from-literal=a=1");
        Running watch = kubectl.start(Map.of(), "-n", ns, "get", "configmaps", "-w", "--request-timeout=20s");
        try {
            assertThat(watch.awaitOut(out -> out.contains("first"), Duration.ofSeconds(20)))
                    .as(watch.out() + watch.err()).isTrue();
            assertThat(watch.out()).startsWith("NAME    DATA   AGE\n");
            kubectl.ok("-n", ns, "create", "configmap", "second", "--from-literal=a=1", "--from-literal=b=2");
            assertThat(watch.awaitOut(out -> out.contains("second"), Duration.ofSeconds(20)))
                    .as(watch.out() + watch.err()).isTrue();
            assertThat(watch.out()).containsPattern("(?m)^second\\s+2\\s+0s$");
        } finally {
            watch.process().destroy();
        }
    }

    @Test
    void getEventsListsWhatHappened() throws Exception {
        kubectl.ok("-n", ns, "create", "configmap", "cfg", "--from-literal=a=1");
        String uid = kubectl.ok("-n", ns, "get", "configmap", "cfg", "-o", "jsonpath={.metadata.uid}").out();
        String now = java.time.Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString();
        assertThat(api.post("/api/v1/namespaces/" + ns + "/events", """
                {"apiVersion":"v1","kind":"Event","metadata":{"name":"cfg.1"},"involvedObject":{"kind":"ConfigMap","namespace":"%s","name":"cfg",
                 "uid":"%s","apiVersion":"v1"},"reason":"Checked","message":"settings look fine","type":"Normal",
                 "source":{"component":"checker"},"firstTimestamp":"%s","lastTimestamp":"%s","count":3}
                """.formatted(ns, uid, now, now)).code()).isEqualTo(201);

        String events = kubectl.ok("-n", ns, "get", "events").out();
        assertThat(events.lines().findFirst().orElseThrow())
                .matches("LAST SEEN\\s+TYPE\\s+REASON\\s+OBJECT\\s+MESSAGE");
        assertThat(events).containsPattern("(?m)^\\d+s\\s+Normal\\s+Checked\\s+configmap/cfg\\s+settings look fine$");
        assertThat(kubectl.ok("-n", ns, "get", "events", "--field-selector", "reason=Checked", "-o", "name").out())
                .isEqualTo("event/cfg.1\n");
    }

    @Test
    void dockerRegistrySecretsCarryTheirConfig() throws Exception {
        assertThat(kubectl.ok("-n", ns, "create", "secret", "docker-registry", "regcred", "--docker-server=reg.example.com",
                "--docker-username=user", "--docker-password=pass").out()).isEqualTo("secret/regcred created\n");
        assertThat(kubectl.ok("-n", ns, "get", "secrets", "regcred").out())
                .containsPattern("(?m)^regcred\\s+kubernetes.io/dockerconfigjson\\s+1\\s+\\d+s$");
        String config = new String(Base64.getDecoder().decode(kubectl.ok("-n", ns, "get", "secret", "regcred", "-o",
                "jsonpath={.data.\\.dockerconfigjson}").out()));
        assertThat(config).contains("\"reg.example.com\"").contains("\"username\":\"user\"")
                .contains("\"auth\":\"" + Base64.getEncoder().encodeToString("user:pass".getBytes()) + "\"");
    }

    @Test
    void waitForAFieldAndForDeletionThroughTheWatch() throws Exception {
        kubectl.ok("-n", ns, "create", "configmap", "cfg", "--from-literal=state=old");
        Running waiting = kubectl.start(Map.of(), "-n", ns, "wait", "configmap/cfg",
                "--for=jsonpath={.data.state}=new", "--timeout=30s", "-v=6");
        // kubectl lists, then watches from the list's revision: once its list is answered, it sees the change
        assertThat(waiting.awaitErr(KubectlWorkflowTest::listedCfg, Duration.ofSeconds(30))).as(waiting.err()).isTrue();
        kubectl.ok("-n", ns, "patch", "configmap", "cfg", "--type", "merge", "-p", "{\"data\":{\"state\":\"new\"}}");
        assertThat(waiting.process().waitFor(30, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        assertThat(waiting.process().exitValue()).as(waiting.out() + waiting.err()).isZero();
        assertThat(waiting.out()).isEqualTo("configmap/cfg condition met\n");

        Running deleting = kubectl.start(Map.of(), "-n", ns, "wait", "configmap/cfg", "--for=delete",
                "--timeout=30s", "-v=6");
        // a wait for the deletion of what is already gone ends at once, and silently
        assertThat(deleting.awaitErr(KubectlWorkflowTest::listedCfg, Duration.ofSeconds(30))).as(deleting.err()).isTrue();
        kubectl.ok("-n", ns, "delete", "configmap", "cfg", "--wait=false");
        assertThat(deleting.process().waitFor(30, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        assertThat(deleting.process().exitValue()).as(deleting.out() + deleting.err()).isZero();
        assertThat(deleting.out()).isEqualTo("configmap/cfg condition met\n");
    }

    /** Whether kubectl's request log (-v=6) shows its list of configmap cfg answered. */
    private static boolean listedCfg(String log) {
        return log.lines().anyMatch(l -> l.contains("metadata.name%3Dcfg") && l.contains("200 OK"));
    }
}
