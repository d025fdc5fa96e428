package io.kubeling.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.springframework.boot.test.web.server.LocalServerPort;

import io.kubeling.support.Kubectl;
import io.kubeling.support.KubelingTest;
import io.kubeling.support.TestCsrs;

/**
 * kubectl with the networking, scheduling, node, autoscaling and certificates kinds: apply, get with kube's columns,
 * the default ingress class and its published address, priorities on pods, and certificate approve and deny.
 */
@KubelingTest
@Execution(ExecutionMode.CONCURRENT)
class KubectlClusterKindsTest {

    @LocalServerPort
    int port;

    Kubectl kubectl;
    String ns;
    String suffix;

    @BeforeEach
    void setUp() throws Exception {
        kubectl = new Kubectl(port);
        suffix = UUID.randomUUID().toString().substring(0, 8);
        ns = "kinds-" + suffix;
        kubectl.ok("create", "namespace", ns);
    }

    @Test
    void getPrintsTheNewKindsAsKubectlOnAClusterDoes() throws Exception {
        String applied = kubectl.ok("-n", ns, "apply", "-f", Kubectl.manifest("""
                apiVersion: networking.k8s.io/v1
                kind: Ingress
                metadata:
                  name: web
                spec:
                  tls:
                  - hosts: [shop.example.com]
                  rules:
                  - host: shop.example.com
                    http:
                      paths:
                      - path: /
                        pathType: Prefix
                        backend:
                          service:
                            name: web
                            port:
                              number: 80
                ---
                apiVersion: networking.k8s.io/v1
                kind: NetworkPolicy
                metadata:
                  name: db
                spec:
                  podSelector:
                    matchLabels:
                      app: db
                  ingress:
                  - ports:
                    - port: 5432
                ---
                apiVersion: autoscaling/v2
                kind: HorizontalPodAutoscaler
                metadata:
                  name: web
                spec:
                  scaleTargetRef:
                    apiVersion: apps/v1
                    kind: Deployment
                    name: web
                  minReplicas: 2
                  maxReplicas: 5
                  metrics:
                  - type: Resource
                    resource:
                      name: cpu
                      target:
                        type: Utilization
                        averageUtilization: 60
                ---
                apiVersion: scheduling.k8s.io/v1
                kind: PriorityClass
                metadata:
                  name: high-%1$s
                value: 100000
                preemptionPolicy: Never
                ---
                apiVersion: node.k8s.io/v1
                kind: RuntimeClass
                metadata:
                  name: gvisor-%1$s
                handler: runsc
                """.formatted(suffix)).toString()).out();
        assertThat(applied).contains("ingress.networking.k8s.io/web created",
                "networkpolicy.networking.k8s.io/db created", "horizontalpodautoscaler.autoscaling/web created",
                "priorityclass.scheduling.k8s.io/high-" + suffix + " created",
                "runtimeclass.node.k8s.io/gvisor-" + suffix + " created");

        await().atMost(Duration.ofSeconds(20)).pollInterval(Kubectl.POLL)
                .untilAsserted(() -> assertThat(kubectl.ok("-n", ns, "get", "ing").out())
                        .matches("NAME\\s+CLASS\\s+HOSTS\\s+ADDRESS\\s+PORTS\\s+AGE\n"
                                + "web\\s+nginx\\s+shop\\.example\\.com\\s+localhost\\s+80, 443\\s+\\d+s\n"));
        assertThat(kubectl.ok("-n", ns, "get", "netpol").out())
                .matches("NAME\\s+POD-SELECTOR\\s+AGE\ndb\\s+app=db\\s+\\d+s\n");
        assertThat(kubectl.ok("-n", ns, "get", "hpa").out()).matches(
                "NAME\\s+REFERENCE\\s+TARGETS\\s+MINPODS\\s+MAXPODS\\s+REPLICAS\\s+AGE\n"
                        + "web\\s+Deployment/web\\s+cpu: <unknown>/60%\\s+2\\s+5\\s+0\\s+\\d+s\n");
        assertThat(kubectl.ok("-n", ns, "get", "horizontalpodautoscalers.v1.autoscaling", "web", "-o",
                "jsonpath={.apiVersion} {.spec.targetCPUUtilizationPercentage}").out()).isEqualTo("autoscaling/v1 60");
        assertThat(kubectl.ok("-n", ns, "get", "all").out()).contains("horizontalpodautoscaler.autoscaling/web");
        assertThat(kubectl.ok("get", "pc", "high-" + suffix, "system-node-critical").out()).matches(
                "NAME\\s+VALUE\\s+GLOBAL-DEFAULT\\s+AGE\\s+PREEMPTIONPOLICY\n"
                        + "high-" + suffix + "\\s+100000\\s+false\\s+\\d+s\\s+Never\n"
                        + "system-node-critical\\s+2000001000\\s+false\\s+\\S+\\s+PreemptLowerPriority\n");
        assertThat(kubectl.ok("-n", ns, "describe", "ingress", "web").out())
                .contains("Ingress Class:    nginx", "shop.example.com", "/   web:80 (<error: services \"web\" not found>)");
        assertThat(kubectl.ok("-n", ns, "describe", "hpa", "web").out())
                .contains("Reference:", "Deployment/web", "Min replicas:", "2", "Max replicas:");
        assertThat(kubectl.ok("get", "runtimeclass", "gvisor-" + suffix).out())
                .matches("NAME\\s+HANDLER\\s+AGE\ngvisor-" + suffix + "\\s+runsc\\s+\\d+s\n");

        kubectl.ok("-n", ns, "run", "urgent", "--image=nginx", "--overrides",
                "{\"spec\":{\"priorityClassName\":\"high-" + suffix + "\"}}");
        assertThat(kubectl.ok("-n", ns, "get", "pod", "urgent", "-o",
                "jsonpath={.spec.priority} {.spec.preemptionPolicy}").out()).isEqualTo("100000 Never");
        Kubectl.Result refused = kubectl.run("-n", ns, "run", "lost", "--image=nginx", "--overrides",
                "{\"spec\":{\"priorityClassName\":\"gold-" + suffix + "\"}}");
        assertThat(refused.exitCode()).isNotZero();
        assertThat(refused.err()).contains("pods \"lost\" is forbidden: no PriorityClass with name gold-" + suffix
                + " was found");
        Kubectl.Result protectedClass = kubectl.run("delete", "pc", "system-cluster-critical");
        assertThat(protectedClass.err()).contains("priorityclasses.scheduling.k8s.io \"system-cluster-critical\" is "
                + "forbidden: this is a system priority class and cannot be deleted");
        kubectl.ok("delete", "pc", "high-" + suffix);
        kubectl.ok("delete", "runtimeclass", "gvisor-" + suffix);
    }

    @Test
    void certificateApproveAndDenyAsOnACluster() throws Exception {
        String approved = "jane-" + suffix;
        String denied = "mallory-" + suffix;
        for (String name : new String[] {approved, denied}) {
            kubectl.ok("apply", "-f", Kubectl.manifest("""
                    apiVersion: certificates.k8s.io/v1
                    kind: CertificateSigningRequest
                    metadata:
                      name: %s
                    spec:
                      request: %s
                      signerName: kubernetes.io/kube-apiserver-client
                      expirationSeconds: 86400
                      usages:
                      - client auth
                    """.formatted(name, TestCsrs.base64Request("CN=" + name + ",O=dev"))).toString());
        }
        assertThat(kubectl.ok("get", "csr", approved).out()).matches(
                "NAME\\s+AGE\\s+SIGNERNAME\\s+REQUESTOR\\s+REQUESTEDDURATION\\s+CONDITION\n" + approved
                        + "\\s+\\d+s\\s+kubernetes.io/kube-apiserver-client\\s+kubernetes-admin\\s+24h\\s+Pending\n");

        assertThat(kubectl.ok("certificate", "approve", approved).out())
                .isEqualTo("certificatesigningrequest.certificates.k8s.io/" + approved + " approved\n");
        assertThat(kubectl.ok("certificate", "deny", denied).out())
                .isEqualTo("certificatesigningrequest.certificates.k8s.io/" + denied + " denied\n");

        await().atMost(Duration.ofSeconds(20)).pollInterval(Kubectl.POLL)
                .untilAsserted(() -> assertThat(kubectl.ok("get", "csr", approved).out())
                        .containsPattern(approved + "\\s+\\d+s\\s+\\S+\\s+\\S+\\s+24h\\s+Approved,Issued\n"));
        assertThat(kubectl.ok("get", "csr", approved, "-o", "jsonpath={.status.conditions[0].reason}").out())
                .isEqualTo("KubectlApprove");
        String certificate = kubectl.ok("get", "csr", approved, "-o", "jsonpath={.status.certificate}").out();
        assertThat(new String(java.util.Base64.getDecoder().decode(certificate))).startsWith("-----BEGIN CERTIFICATE-----");
        assertThat(kubectl.ok("get", "csr", denied).out()).containsPattern(denied + "\\s.*\\sDenied\n");
        assertThat(kubectl.ok("describe", "csr", approved).out())
                .contains("Requesting User:", "kubernetes-admin", "Signer:", "kubernetes.io/kube-apiserver-client",
                        "Status:", "Approved,Issued", "Common Name:", approved);
        kubectl.ok("delete", "csr", approved, denied);
    }

    @Test
    void kubectlsCreateAndAutoscaleCommands() throws Exception {
        assertThat(kubectl.ok("create", "priorityclass", "batch-" + suffix, "--value=500",
                "--description=batch jobs").out()).isEqualTo("priorityclass.scheduling.k8s.io/batch-" + suffix
                        + " created\n");
        assertThat(kubectl.ok("-n", ns, "create", "ingress", "shop", "--rule=shop.example.com/=web:80").out())
                .isEqualTo("ingress.networking.k8s.io/shop created\n");
        assertThat(kubectl.ok("-n", ns, "get", "ingress", "shop", "-o",
                "jsonpath={.spec.ingressClassName} {.spec.rules[0].http.paths[0].pathType}").out())
                .isEqualTo("nginx Exact");
        kubectl.ok("-n", ns, "create", "deployment", "web", "--image=nginx");
        assertThat(kubectl.ok("-n", ns, "autoscale", "deployment", "web", "--min=2", "--max=4", "--cpu-percent=70")
                .out()).isEqualTo("horizontalpodautoscaler.autoscaling/web autoscaled\n");
        assertThat(kubectl.ok("-n", ns, "get", "hpa", "web", "-o",
                "jsonpath={.apiVersion} {.spec.minReplicas} {.spec.maxReplicas} "
                        + "{.spec.metrics[0].resource.target.averageUtilization}").out())
                .isEqualTo("autoscaling/v2 2 4 70");
        kubectl.ok("delete", "priorityclass", "batch-" + suffix);
    }
}
