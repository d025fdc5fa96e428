package io.kubeling.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.springframework.boot.test.web.server.LocalServerPort;

import io.kubeling.support.HttpApi;
import io.kubeling.support.Kubectl;
import io.kubeling.support.Kubectl.Result;
import io.kubeling.support.KubelingTest;

/**
 * Claims through the real kubectl: the default class provisions and binds one, and a pod mounting it runs; a CSI
 * volume is attached to its pod's node before the pod runs, and detached after.
 */
@KubelingTest
@Execution(ExecutionMode.CONCURRENT)
class KubectlVolumesTest {

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
        ns = api.newNamespace("kv-");
    }

    private static void eventually(java.util.concurrent.Callable<Boolean> condition) {
        org.awaitility.Awaitility.await().atMost(WAIT).pollInterval(Duration.ofMillis(200)).until(condition);
    }

    private String jsonpath(String what, String path) throws Exception {
        return kubectl.ok("-n", ns, "get", what, "-o", "jsonpath=" + path).out();
    }

    @Test
    void aClaimIsProvisionedBoundAndMountedByAPod() throws Exception {
        assertThat(kubectl.ok("get", "storageclass").out()).containsPattern(
                "(?m)^NAME +PROVISIONER +RECLAIMPOLICY +VOLUMEBINDINGMODE +ALLOWVOLUMEEXPANSION +AGE$")
                .containsPattern("(?m)^standard \\(default\\) +kubeling.io/hostpath +Delete +Immediate +false +");
        kubectl.ok("-n", ns, "apply", "-f", Kubectl.manifest("""
                apiVersion: v1
                kind: PersistentVolumeClaim
                metadata:
                  name: data
                spec:
                  accessModes: [ReadWriteOnce]
                  resources:
                    requests:
                      storage: 1Gi
                ---
                apiVersion: v1
                kind: Pod
                metadata:
                  name: db
                spec:
                  containers:
                  - name: db
                    image: postgres
                    volumeMounts:
                    - name: data
                      mountPath: /var/lib/postgresql/data
                  volumes:
                  - name: data
                    persistentVolumeClaim:
                      claimName: data
                """).toString());
        eventually(() -> "Bound".equals(jsonpath("pvc/data", "{.status.phase}")));
        String volume = jsonpath("pvc/data", "{.spec.volumeName}");
        assertThat(volume).startsWith("pvc-");
        assertThat(jsonpath("pvc/data", "{.spec.storageClassName}")).isEqualTo("standard");
        assertThat(jsonpath("pvc/data", "{.metadata.finalizers}")).contains("kubernetes.io/pvc-protection");

        Result pvcs = kubectl.ok("-n", ns, "get", "pvc");
        assertThat(pvcs.out()).containsPattern(
                "(?m)^NAME +STATUS +VOLUME +CAPACITY +ACCESS MODES +STORAGECLASS +VOLUMEATTRIBUTESCLASS +AGE$")
                .containsPattern("(?m)^data +Bound +" + volume + " +1Gi +RWO +standard +<unset> +");
        assertThat(kubectl.ok("get", "pv", volume).out())
                .containsPattern(volume + " +1Gi +RWO +Delete +Bound +" + ns + "/data +standard +<unset> +");

        eventually(() -> "Running".equals(jsonpath("pod/db", "{.status.phase}")));

        // the claim outlives its deletion while the pod uses it; then it goes, and its volume with it
        kubectl.ok("-n", ns, "delete", "pvc", "data", "--wait=false");
        assertThat(jsonpath("pvc/data", "{.status.phase}")).isEqualTo("Bound");
        assertThat(kubectl.ok("-n", ns, "get", "pvc", "data").out()).contains("Terminating");
        kubectl.ok("-n", ns, "delete", "pod", "db", "--grace-period=0", "--force");
        eventually(() -> kubectl.run("get", "pv", volume).exitCode() != 0);
    }

    /** kubectl patch grows a claim of a class that allows it, refuses one that does not, and never shrinks one. */
    @Test
    void aMountedClaimIsExpandedOnlyWhenItsClassAllowsIt() throws Exception {
        String grow = "grow-" + ns;
        kubectl.ok("-n", ns, "apply", "-f", Kubectl.manifest("""
                apiVersion: storage.k8s.io/v1
                kind: StorageClass
                metadata:
                  name: %s
                provisioner: kubeling.io/hostpath
                allowVolumeExpansion: true
                ---
                apiVersion: v1
                kind: PersistentVolumeClaim
                metadata:
                  name: fixed
                spec:
                  accessModes: [ReadWriteOnce]
                  resources:
                    requests:
                      storage: 1Gi
                ---
                apiVersion: v1
                kind: PersistentVolumeClaim
                metadata:
                  name: data
                spec:
                  storageClassName: %s
                  accessModes: [ReadWriteOnce]
                  resources:
                    requests:
                      storage: 1Gi
                ---
                apiVersion: v1
                kind: Pod
                metadata:
                  name: db
                spec:
                  containers:
                  - name: db
                    image: postgres
                    volumeMounts:
                    - name: data
                      mountPath: /var/lib/postgresql/data
                  volumes:
                  - name: data
                    persistentVolumeClaim:
                      claimName: data
                """.formatted(grow, grow)).toString());
        eventually(() -> "Bound".equals(jsonpath("pvc/fixed", "{.status.phase}")));
        String twoGi = "{\"spec\":{\"resources\":{\"requests\":{\"storage\":\"2Gi\"}}}}";
        Result refused = kubectl.run("-n", ns, "patch", "pvc", "fixed", "-p", twoGi);
        assertThat(refused.err()).isEqualTo("Error from server (Forbidden): persistentvolumeclaims \"fixed\" is "
                + "forbidden: only dynamically provisioned pvc can be resized and the storageclass that provisions "
                + "the pvc must support resize\n");

        eventually(() -> "Running".equals(jsonpath("pod/db", "{.status.phase}")));
        String volume = jsonpath("pvc/data", "{.spec.volumeName}");
        kubectl.ok("-n", ns, "patch", "pvc", "data", "-p", twoGi);
        eventually(() -> "2Gi".equals(jsonpath("pvc/data", "{.status.capacity.storage}")));
        assertThat(kubectl.ok("get", "pv", volume).out()).containsPattern(volume + " +2Gi +RWO +Delete +Bound ");
        eventually(() -> kubectl.ok("-n", ns, "get", "events", "--field-selector", "involvedObject.name=data", "-o",
                "jsonpath={range .items[*]}{.reason}{\"\\n\"}{end}").out().contains("FileSystemResizeSuccessful"));
        assertThat(kubectl.ok("-n", ns, "get", "events", "--field-selector", "involvedObject.name=data", "-o",
                "jsonpath={range .items[*]}{.reason} {.source.component}: {.message}{\"\\n\"}{end}").out())
                .contains("Resizing external-resizer kubeling.io/hostpath: External resizer is resizing volume "
                        + volume + "\n", "FileSystemResizeRequired external-resizer kubeling.io/hostpath: Require "
                        + "file system resize of volume on node\n");

        Result shrunk = kubectl.run("-n", ns, "patch", "pvc", "data", "-p",
                "{\"spec\":{\"resources\":{\"requests\":{\"storage\":\"1Gi\"}}}}");
        assertThat(shrunk.err()).isEqualTo("The PersistentVolumeClaim \"data\" is invalid: "
                + "spec.resources.requests.storage: Forbidden: field can not be less than status.capacity\n");
        kubectl.ok("delete", "storageclass", grow);
    }

    @Test
    void aCsiVolumeIsAttachedToItsPodsNodeWhileThePodRunsAndDetachedAfter() throws Exception {
        String pv = "disk-" + ns;
        String unique = "kubernetes.io/csi/ebs.csi.aws.com^vol-" + ns;
        kubectl.ok("-n", ns, "apply", "-f", Kubectl.manifest("""
                apiVersion: v1
                kind: PersistentVolume
                metadata:
                  name: %s
                spec:
                  capacity: {storage: 1Gi}
                  accessModes: [ReadWriteOnce]
                  storageClassName: ""
                  claimRef: {namespace: %s, name: data}
                  csi: {driver: ebs.csi.aws.com, volumeHandle: vol-%s}
                ---
                apiVersion: v1
                kind: PersistentVolumeClaim
                metadata:
                  name: data
                spec:
                  storageClassName: ""
                  volumeName: %s
                  accessModes: [ReadWriteOnce]
                  resources:
                    requests:
                      storage: 1Gi
                ---
                apiVersion: v1
                kind: Pod
                metadata:
                  name: db
                spec:
                  containers:
                  - name: db
                    image: postgres
                    volumeMounts:
                    - name: data
                      mountPath: /var/lib/postgresql/data
                  volumes:
                  - name: data
                    persistentVolumeClaim:
                      claimName: data
                """.formatted(pv, ns, ns, pv)).toString());
        eventually(() -> "Running".equals(jsonpath("pod/db", "{.status.phase}")));
        String node = jsonpath("pod/db", "{.spec.nodeName}");
        assertThat(kubectl.ok("get", "node", node, "-o", "jsonpath={.status.volumesInUse}").out()).contains(unique);
        assertThat(kubectl.ok("get", "node", node, "-o",
                "jsonpath={range .status.volumesAttached[*]}{.name}={.devicePath};{end}").out()).contains(unique + "=;");
        assertThat(kubectl.ok("get", "volumeattachments").out())
                .containsPattern("(?m)^csi-[0-9a-f]{64} +ebs.csi.aws.com +" + pv + " +" + node + " +true +");
        // attached before the kubelet made the sandbox and pulled the image
        String reasons = kubectl.ok("-n", ns, "get", "events", "--field-selector", "involvedObject.name=db", "-o",
                "jsonpath={range .items[*]}{.reason}{\"\\n\"}{end}").out();
        assertThat(reasons.indexOf("SuccessfulAttachVolume")).isNotNegative().isLessThan(reasons.indexOf("Pulling"));

        kubectl.ok("-n", ns, "delete", "pod", "db");
        eventually(() -> !kubectl.ok("get", "volumeattachments").out().contains(pv));
        assertThat(kubectl.ok("get", "node", node, "-o", "jsonpath={.status.volumesAttached}").out())
                .doesNotContain(unique);
        assertThat(kubectl.ok("get", "node", node, "-o", "jsonpath={.status.volumesInUse}").out())
                .doesNotContain(unique);
        kubectl.ok("-n", ns, "delete", "pvc", "data");
        kubectl.ok("delete", "pv", pv, "--wait=false");
    }

    @Test
    void aPodWhoseClaimIsMissingIsNotScheduled() throws Exception {
        kubectl.ok("-n", ns, "run", "lonely", "--image=nginx", "--overrides", """
                {"spec":{"containers":[{"name":"lonely","image":"nginx"}],
                  "volumes":[{"name":"v","persistentVolumeClaim":{"claimName":"missing"}}]}}""");
        eventually(() -> kubectl.ok("-n", ns, "get", "events",
                "--field-selector", "reason=FailedScheduling", "-o", "jsonpath={.items[*].message}").out()
                .contains("persistentvolumeclaim \"missing\" not found"));
        String message = kubectl.ok("-n", ns, "get", "events", "--field-selector", "reason=FailedScheduling", "-o",
                "jsonpath={.items[0].message}").out();
        assertThat(message).matches("0/\\d+ nodes are available: persistentvolumeclaim \"missing\" not found\\. "
                + "preemption: 0/\\d+ nodes are available: \\d+ Preemption is not helpful for scheduling\\.");
        assertThat(jsonpath("pod/lonely", "{.spec.nodeName}")).isEmpty();
    }
}
