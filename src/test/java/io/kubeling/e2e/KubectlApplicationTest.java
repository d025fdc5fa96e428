package io.kubeling.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.springframework.boot.test.web.server.LocalServerPort;

import io.kubeling.support.Kubectl;
import io.kubeling.support.KubelingTest;

/**
 * A realistic application of many kinds in one manifest, through the real kubectl: applied at once, it comes up
 * (Deployment, StatefulSet with its claims, DaemonSet, claim bound); {@code kubectl get all} lists it; an apply
 * with {@code --prune} of a smaller manifest removes what was left out; {@code kubectl delete -f} takes the rest.
 */
@KubelingTest
@Execution(ExecutionMode.CONCURRENT)
class KubectlApplicationTest {

    private static final String TIMEOUT = "--timeout=90s";

    @LocalServerPort
    int port;

    private static String manifest(String ns, boolean withExtras) {
        String extras = !withExtras ? "" : """
                ---
                apiVersion: batch/v1
                kind: CronJob
                metadata: {name: tick, namespace: %1$s, labels: {app: %1$s}}
                spec:
                  schedule: "*/5 * * * *"
                  jobTemplate:
                    spec:
                      template:
                        spec:
                          restartPolicy: OnFailure
                          containers: [{name: tick, image: busybox:1.36, command: [date]}]
                ---
                apiVersion: v1
                kind: ConfigMap
                metadata: {name: extra, namespace: %1$s, labels: {app: %1$s}}
                data: {note: temporary}
                """.formatted(ns);
        return """
                apiVersion: v1
                kind: Namespace
                metadata: {name: %1$s, labels: {app: %1$s}}
                ---
                apiVersion: v1
                kind: ServiceAccount
                metadata: {name: web, namespace: %1$s, labels: {app: %1$s}}
                ---
                apiVersion: v1
                kind: ResourceQuota
                metadata: {name: shop, namespace: %1$s, labels: {app: %1$s}}
                spec:
                  hard: {pods: "20", count/jobs.batch: "5"}
                ---
                apiVersion: v1
                kind: ConfigMap
                metadata: {name: web-config, namespace: %1$s, labels: {app: %1$s}}
                data: {LOG_LEVEL: info}
                ---
                apiVersion: v1
                kind: Secret
                metadata: {name: db-password, namespace: %1$s, labels: {app: %1$s}}
                stringData: {password: s3cret}
                ---
                apiVersion: v1
                kind: PersistentVolumeClaim
                metadata: {name: uploads, namespace: %1$s, labels: {app: %1$s}}
                spec:
                  accessModes: [ReadWriteOnce]
                  resources: {requests: {storage: 1Gi}}
                ---
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: web, namespace: %1$s, labels: {app: %1$s}}
                spec:
                  replicas: 2
                  selector: {matchLabels: {app: %1$s, tier: web}}
                  template:
                    # a quiet web tier: at its requests' usage the autoscaler would scale it up between applies
                    metadata: {labels: {app: %1$s, tier: web}, annotations: {kubeling.io/usage-cpu: 10m}}
                    spec:
                      serviceAccountName: web
                      containers:
                      - name: web
                        image: nginx:1.27
                        resources: {requests: {cpu: 50m, memory: 64Mi}}
                        envFrom: [{configMapRef: {name: web-config}}]
                        volumeMounts: [{name: uploads, mountPath: /uploads}]
                      volumes: [{name: uploads, persistentVolumeClaim: {claimName: uploads}}]
                ---
                apiVersion: v1
                kind: Service
                metadata: {name: web, namespace: %1$s, labels: {app: %1$s}}
                spec:
                  selector: {app: %1$s, tier: web}
                  ports: [{port: 80, targetPort: 80}]
                ---
                apiVersion: v1
                kind: Service
                metadata: {name: db, namespace: %1$s, labels: {app: %1$s}}
                spec:
                  clusterIP: None
                  selector: {app: %1$s, tier: db}
                  ports: [{port: 5432}]
                ---
                apiVersion: apps/v1
                kind: StatefulSet
                metadata: {name: db, namespace: %1$s, labels: {app: %1$s}}
                spec:
                  serviceName: db
                  replicas: 2
                  selector: {matchLabels: {app: %1$s, tier: db}}
                  template:
                    metadata: {labels: {app: %1$s, tier: db}}
                    spec:
                      containers:
                      - name: postgres
                        image: postgres:16
                        env: [{name: POSTGRES_PASSWORD, valueFrom: {secretKeyRef: {name: db-password, key: password}}}]
                        volumeMounts: [{name: data, mountPath: /var/lib/postgresql/data}]
                  volumeClaimTemplates:
                  - metadata: {name: data}
                    spec:
                      accessModes: [ReadWriteOnce]
                      resources: {requests: {storage: 1Gi}}
                ---
                apiVersion: apps/v1
                kind: DaemonSet
                metadata: {name: agent, namespace: %1$s, labels: {app: %1$s}}
                spec:
                  selector: {matchLabels: {app: %1$s, tier: agent}}
                  template:
                    metadata: {labels: {app: %1$s, tier: agent}}
                    spec:
                      # sleep ignores SIGTERM: the namespace's deletion waits for the grace period to kill it
                      terminationGracePeriodSeconds: 2
                      containers: [{name: agent, image: busybox:1.36, command: [sleep, infinity]}]
                ---
                apiVersion: networking.k8s.io/v1
                kind: Ingress
                metadata: {name: web, namespace: %1$s, labels: {app: %1$s}}
                spec:
                  rules:
                  - host: %1$s.example.test
                    http:
                      paths: [{path: /, pathType: Prefix, backend: {service: {name: web, port: {number: 80}}}}]
                ---
                apiVersion: autoscaling/v2
                kind: HorizontalPodAutoscaler
                metadata: {name: web, namespace: %1$s, labels: {app: %1$s}}
                spec:
                  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: web}
                  minReplicas: 2
                  maxReplicas: 4
                  metrics: [{type: Resource, resource: {name: cpu, target: {type: Utilization, averageUtilization: 80}}}]
                ---
                apiVersion: policy/v1
                kind: PodDisruptionBudget
                metadata: {name: db, namespace: %1$s, labels: {app: %1$s}}
                spec:
                  minAvailable: 1
                  selector: {matchLabels: {app: %1$s, tier: db}}
                ---
                apiVersion: networking.k8s.io/v1
                kind: NetworkPolicy
                metadata: {name: db, namespace: %1$s, labels: {app: %1$s}}
                spec:
                  podSelector: {matchLabels: {tier: db}}
                  ingress: [{from: [{podSelector: {matchLabels: {tier: web}}}]}]
                """.formatted(ns) + extras;
    }

    @Test
    void anApplicationOfManyKindsAppliesComesUpPrunesAndGoes() throws Exception {
        Kubectl kubectl = new Kubectl(port);
        String ns = "shop-" + UUID.randomUUID().toString().substring(0, 8);
        Path full = Kubectl.manifest(manifest(ns, true));
        assertThat(kubectl.ok("apply", "-f", full.toString()).out()).isEqualTo("""
                namespace/%1$s created
                serviceaccount/web created
                resourcequota/shop created
                configmap/web-config created
                secret/db-password created
                persistentvolumeclaim/uploads created
                deployment.apps/web created
                service/web created
                service/db created
                statefulset.apps/db created
                daemonset.apps/agent created
                ingress.networking.k8s.io/web created
                horizontalpodautoscaler.autoscaling/web created
                poddisruptionbudget.policy/db created
                networkpolicy.networking.k8s.io/db created
                cronjob.batch/tick created
                configmap/extra created
                """.formatted(ns));

        assertThat(kubectl.ok("-n", ns, "rollout", "status", "deployment/web", TIMEOUT).out())
                .endsWith("deployment \"web\" successfully rolled out\n");
        assertThat(kubectl.ok("-n", ns, "rollout", "status", "statefulset/db", TIMEOUT).out())
                .contains("partitioned roll out complete: 2 new pods have been updated...");
        assertThat(kubectl.ok("-n", ns, "rollout", "status", "daemonset/agent", TIMEOUT).out())
                .endsWith("daemon set \"agent\" successfully rolled out\n");
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
                assertThat(kubectl.ok("-n", ns, "get", "pvc").out())
                        .containsPattern("(?m)^uploads\\s+Bound\\s")
                        .containsPattern("(?m)^data-db-0\\s+Bound\\s")
                        .containsPattern("(?m)^data-db-1\\s+Bound\\s"));

        // the quota counts what the controllers made: the Deployment's, StatefulSet's and DaemonSet's pods
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
                assertThat(Integer.parseInt(kubectl.ok("-n", ns, "get", "quota", "shop", "-o",
                        "jsonpath={.status.used.pods}").out())).isGreaterThanOrEqualTo(5));
        String all = kubectl.ok("-n", ns, "get", "all").out();
        assertThat(all)
                .containsPattern("(?m)^pod/web-[a-z0-9]+-[a-z0-9]{5}\\s+1/1\\s+Running\\s")
                .containsPattern("(?m)^pod/db-0\\s+1/1\\s+Running\\s")
                .containsPattern("(?m)^pod/agent-[a-z0-9]{5}\\s+1/1\\s+Running\\s")
                .containsPattern("(?m)^service/web\\s+ClusterIP\\s")
                .containsPattern("(?m)^service/db\\s+ClusterIP\\s+None\\s")
                .containsPattern("(?m)^daemonset.apps/agent\\s")
                .containsPattern("(?m)^deployment.apps/web\\s+2/2\\s+2\\s+2\\s")
                .containsPattern("(?m)^replicaset.apps/web-[a-z0-9]+\\s+2\\s+2\\s+2\\s")
                .containsPattern("(?m)^statefulset.apps/db\\s+2/2\\s")
                .containsPattern("(?m)^horizontalpodautoscaler.autoscaling/web\\s+Deployment/web\\s")
                .containsPattern("(?m)^cronjob.batch/tick\\s+\\*/5 \\* \\* \\* \\*\\s");

        Path smaller = Kubectl.manifest(manifest(ns, false));
        String pruned = kubectl.ok("apply", "--prune", "-l", "app=" + ns, "-f", smaller.toString()).out();
        assertThat(pruned).contains("deployment.apps/web unchanged\n", "configmap/extra pruned\n",
                "cronjob.batch/tick pruned\n");
        assertThat(kubectl.run("-n", ns, "get", "cronjob", "tick").err())
                .contains("cronjobs.batch \"tick\" not found");

        // the application without its namespace, whose own deletion would race kubectl's for what it holds
        String application = manifest(ns, false);
        Path objects = Kubectl.manifest(application.substring(application.indexOf("---") + 4));
        String deleted = kubectl.ok("delete", "-f", objects.toString(), "--wait=false").out();
        assertThat(deleted).startsWith("serviceaccount \"web\" deleted\n")
                .contains("deployment.apps \"web\" deleted\n", "statefulset.apps \"db\" deleted\n",
                        "daemonset.apps \"agent\" deleted\n", "persistentvolumeclaim \"uploads\" deleted\n",
                        "horizontalpodautoscaler.autoscaling \"web\" deleted\n",
                        "networkpolicy.networking.k8s.io \"db\" deleted\n");
        assertThat(kubectl.ok("delete", "namespace", ns, "--wait=false").out())
                .isEqualTo("namespace \"" + ns + "\" deleted\n");
        // one kubectl that watches until the namespace is gone, as users wait: polling ran kubectl some 35 times
        // while the pods that do not stop on SIGTERM (the DaemonSet's sleep) used up their grace period, 30 s
        // before the DaemonSet's template set 2
        Kubectl.Running gone = kubectl.start(Map.of(), "wait", "--for=delete", "namespace/" + ns, "--timeout=90s");
        assertThat(gone.process().waitFor(100, TimeUnit.SECONDS)).as("kubectl wait --for=delete ended").isTrue();
        assertThat(gone.process().exitValue()).as(gone.err()).isZero();
        assertThat(kubectl.run("get", "namespace", ns).err()).contains("namespaces \"" + ns + "\" not found");
    }
}
