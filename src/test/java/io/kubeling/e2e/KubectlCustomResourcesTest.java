package io.kubeling.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.springframework.boot.test.web.server.LocalServerPort;

import io.kubeling.support.CrdSamples;
import io.kubeling.support.CustomResourceDefinitionsLock;
import io.kubeling.support.Kubectl;
import io.kubeling.support.Kubectl.Result;
import io.kubeling.support.KubelingTest;

/**
 * kubectl against a CRD and its custom resources, as an operator's developer drives them. Other tests of the
 * shared server define kinds of the same names in other groups, so resources are named by group or short name.
 */
@KubelingTest
@Execution(ExecutionMode.CONCURRENT)
@CustomResourceDefinitionsLock
class KubectlCustomResourcesTest {

    static final String GROUP = "e2e.kubeling.io";

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
    void aCrdIsAppliedEstablishedUsedScaledAndDeleted() throws Exception {
        Path crd = Kubectl.manifest(CrdSamples.yaml(GROUP, "crontabs", "CronTab", "Namespaced"));
        assertThat(kubectl.ok("apply", "-f", crd.toString()).out())
                .isEqualTo("customresourcedefinition.apiextensions.k8s.io/crontabs." + GROUP + " created\n");
        assertThat(kubectl.ok("wait", "--for", "condition=established", "--timeout=30s",
                "crd/crontabs." + GROUP).out())
                .isEqualTo("customresourcedefinition.apiextensions.k8s.io/crontabs." + GROUP + " condition met\n");
        assertThat(kubectl.ok("get", "crd", "crontabs." + GROUP).out())
                .matches("NAME +CREATED AT\ncrontabs\\." + GROUP.replace(".", "\\.")
                        + " +\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ\n");

        Path cr = Kubectl.manifest("""
                apiVersion: %s/v1
                kind: CronTab
                metadata:
                  name: nightly
                spec:
                  cronSpec: "0 0 * * *"
                  image: backup:1
                  replicas: 1
                """.formatted(GROUP));
        assertThat(kubectl.ok("apply", "-n", ns, "-f", cr.toString()).out())
                .isEqualTo("crontab." + GROUP + "/nightly created\n");
        assertThat(kubectl.ok("get", "crontabs." + GROUP, "-n", ns).out())
                .matches("NAME +SPEC +REPLICAS +AGE\nnightly +0 0 \\* \\* \\* +1 +\\d+s\n");
        assertThat(kubectl.ok("get", "crontab-e2e", "-n", ns, "-o", "wide").out())
                .matches("NAME +SPEC +REPLICAS +IMAGE +AGE\nnightly +0 0 \\* \\* \\* +1 +backup:1 +\\d+s\n");
        String described = kubectl.ok("describe", "crontab-e2e", "nightly", "-n", ns).out();
        assertThat(described).contains("Name:         nightly\n", "Namespace:    " + ns + "\n",
                "API Version:  " + GROUP + "/v1\n", "Kind:         CronTab\n", "Metadata:\n  Creation Timestamp:  ",
                "  Generation:          1\n", "Spec:\n  Cron Spec:  0 0 * * *\n  Image:      backup:1\n  Replicas:   1\n");
        assertThat(described).endsWith("Events:       <none>\n").doesNotContain("Managed Fields");

        String explained = kubectl.ok("explain", "crontab-e2e.spec").out();
        assertThat(explained).startsWith("GROUP:      " + GROUP + "\nKIND:       CronTab\nVERSION:    v1\n");
        assertThat(explained).containsPattern("(?m)^  cronSpec\\t<string>\\n    The schedule in cron format\\.");

        Path editor = editor("s/image: backup:1/image: backup:2/");
        assertThat(kubectl.ok(Map.of("EDITOR", editor.toString(), "KUBE_EDITOR", editor.toString()),
                "edit", "crontab-e2e", "nightly", "-n", ns).out()).isEqualTo("crontab." + GROUP + "/nightly edited\n");
        assertThat(kubectl.ok("get", "crontab-e2e", "nightly", "-n", ns, "-o", "jsonpath={.spec.image}").out())
                .isEqualTo("backup:2");
        Path breaking = editor("s/replicas: 1/replicas: -1/");
        Result invalid = kubectl.run(Map.of("EDITOR", breaking.toString(), "KUBE_EDITOR", breaking.toString()),
                "edit", "crontab-e2e", "nightly", "-n", ns);
        // kubectl gives up once the editor changes nothing more, keeping the file with the server's causes
        assertThat(invalid.exitCode()).isNotZero();
        assertThat(invalid.err()).startsWith("error: crontabs." + GROUP + " \"nightly\" is invalid\n")
                .endsWith("error: Edit cancelled, no valid changes were saved.\n");
        java.util.regex.Matcher copy = java.util.regex.Pattern.compile("stored to \"([^\"]+)\"").matcher(invalid.err());
        assertThat(copy.find()).isTrue();
        assertThat(Files.readString(Path.of(copy.group(1)))).contains("# crontabs." + GROUP
                + " \"nightly\" was not valid:\n# * spec.replicas: Invalid value: -1: spec.replicas in body should be "
                + "greater than or equal to 0\n");
        assertThat(kubectl.ok("get", "crontab-e2e", "nightly", "-n", ns, "-o", "jsonpath={.spec.replicas}").out())
                .isEqualTo("1");

        assertThat(kubectl.ok("scale", "crontab-e2e", "nightly", "-n", ns, "--replicas=3").out())
                .isEqualTo("crontab." + GROUP + "/nightly scaled\n");
        assertThat(kubectl.ok("get", "crontab-e2e", "nightly", "-n", ns, "-o",
                "jsonpath={.spec.replicas} {.metadata.generation}").out()).isEqualTo("3 3");

        Result strategic = kubectl.run("patch", "crontab-e2e", "nightly", "-n", ns, "-p", "{\"spec\":{\"image\":\"x\"}}");
        assertThat(strategic.exitCode()).isNotZero();
        assertThat(strategic.err()).contains("application/strategic-merge-patch+json is not supported by "
                + GROUP + "/v1, Kind=CronTab");
        kubectl.ok("patch", "crontab-e2e", "nightly", "-n", ns, "--type=merge", "-p", "{\"spec\":{\"image\":\"x\"}}");

        Kubectl.Running watching = kubectl.start(java.util.Map.of(), "get", "crontabs." + GROUP, "-n", ns, "-w");
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(20))
                .until(() -> watching.out().contains("nightly"));
        assertThat(kubectl.ok("delete", "crd", "crontabs." + GROUP).out())
                .isEqualTo("customresourcedefinition.apiextensions.k8s.io \"crontabs." + GROUP + "\" deleted\n");
        assertThat(kubectl.run("get", "crd", "crontabs." + GROUP).err())
                .contains("customresourcedefinitions.apiextensions.k8s.io \"crontabs." + GROUP + "\" not found");
        // the watch on the custom resource ends with its CRD, and kubectl's get -w with it
        assertThat(watching.process().waitFor(20, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        Result gone = new Kubectl(port).run("get", "crontabs." + GROUP, "-n", ns);
        assertThat(gone.exitCode()).isNotZero();
        assertThat(gone.err()).isEqualTo("error: the server doesn't have a resource type \"crontabs\"\n");
    }

    /** An editor for kubectl edit: sed with {@code script} on the file it is given. */
    private static Path editor(String script) throws java.io.IOException {
        Path editor = Files.createTempFile("kubeling-editor", ".sh",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        Files.writeString(editor, "#!/bin/sh\nsed -i '" + script + "' \"$1\"\n");
        return editor;
    }

    /** kubectl 1.25 and later list the CRDs before giving up on a kind: with them served it prints kube's message. */
    @Test
    void anUnservedKindOfAServedGroupHasNoMatches() throws Exception {
        Path controller = UnservedKinds.volumeAttributesClass();
        for (String verb : new String[] {"create", "apply"}) {
            Result result = kubectl.run(verb, "-n", ns, "-f", controller.toString());
            assertThat(result.exitCode()).isNotZero();
            // kubectl names the manifest's namespace, which is none
            assertThat(result.err()).as(verb).isEqualTo("error: resource mapping not found for name: \"db\" namespace: \""
                    + "\" from \"" + controller + "\": no matches for kind \"VolumeAttributesClass\" in version "
                    + "\"storage.k8s.io/v1beta1\"\n"
                    + "ensure CRDs are installed first\n")
                    .doesNotContain("failed to list CRDs");
        }
    }
}
