package io.kubeling.controllers.autoscaling;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscalerCondition;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscalerStatus;
import io.kubeling.controllers.StoppedCluster;
import io.kubeling.controllers.metrics.SimulatedUsage;
import io.kubeling.registry.SubresourceEndpoints;
import io.kubeling.registry.WriteOptions;
import io.kubeling.resources.deployments.DeploymentResource;
import io.kubeling.resources.horizontalpodautoscalers.HorizontalPodAutoscalerResource;

/**
 * The autoscaler on the registry and a stopped clock: the tests write a Deployment and its pods (Running and Ready
 * for ten minutes, with the usage annotations metrics are simulated from), and move the clock through the sync
 * periods and the stabilization window. Each test has a cluster of its own, since the tests move time.
 */
class HorizontalControllerTest {

    private static final String NS = "hpa";
    private StoppedCluster cluster;

    @BeforeEach
    void build() {
        HorizontalPodAutoscalerResource hpas = new HorizontalPodAutoscalerResource();
        cluster = new StoppedCluster(List.of(hpas.horizontalpodautoscalers(), hpas.horizontalpodautoscalersV1()),
                List.of());
        cluster.start(new HorizontalController(cluster.kit(),
                new SubresourceEndpoints(List.of(DeploymentResource.scale(cluster.registry, cluster.codec))),
                new SimulatedUsage(cluster.registry, cluster.time.clock())));
    }

    @org.junit.jupiter.api.AfterEach
    void close() {
        cluster.close();
    }

    private void deployment(int replicas) {
        cluster.create(NS, Deployment.class, """
                {"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"web"},
                 "spec":{"replicas":%d,"selector":{"matchLabels":{"app":"web"}},
                  "template":{"metadata":{"labels":{"app":"web"}},
                   "spec":{"containers":[{"name":"c","image":"nginx"}]}}}}
                """.formatted(replicas));
    }

    /** A pod of the Deployment, Running and Ready since ten minutes before now, using {@code cpu}. */
    private void pod(String name, String request, String cpu) {
        String since = cluster.now().minus(Duration.ofMinutes(10)).toString();
        String resources = request == null ? "" : ",\"resources\":{\"requests\":{\"cpu\":\"" + request + "\"}}";
        cluster.create(NS, Pod.class, """
                {"apiVersion":"v1","kind":"Pod","metadata":{"name":"%s","labels":{"app":"web"},
                  "annotations":{"kubeling.io/usage-cpu":"%s"}},
                 "spec":{"containers":[{"name":"c","image":"nginx"%s}]}}
                """.formatted(name, cpu, resources));
        cluster.store(Pod.class).update(NS, name, "status", p -> {
            p.getStatus().setPhase("Running");
            p.getStatus().setStartTime(since);
            p.getStatus().setConditions(List.of(new io.fabric8.kubernetes.api.model.PodCondition(null, since, null,
                    null, null, "True", "Ready")));
            p.getStatus().setContainerStatuses(List.of(new io.fabric8.kubernetes.api.model.ContainerStatusBuilder()
                    .withName("c").withReady(true).withNewState().withNewRunning(since).endState().build()));
            return p;
        }, WriteOptions.DEFAULT);
    }

    /** An autoscaler of the Deployment, synced first a sync period after it appears, as kube's controller does. */
    private void autoscaler(String spec) {
        cluster.create(NS, HorizontalPodAutoscaler.class, """
                {"apiVersion":"autoscaling/v2","kind":"HorizontalPodAutoscaler","metadata":{"name":"web"},
                 "spec":{"scaleTargetRef":{"apiVersion":"apps/v1","kind":"Deployment","name":"web"},%s}}
                """.formatted(spec));
        firstSync();
    }

    private void firstSync() {
        cluster.awaitUntil(() -> cluster.pendingDeadlines() == 1);
        assertThat(cluster.get(HorizontalPodAutoscaler.class, NS, "web").getStatus().getConditions()).isEmpty();
        period();
    }

    private static final String CPU_50 = """
            "minReplicas":1,"maxReplicas":10,"metrics":[{"type":"Resource","resource":{"name":"cpu",
             "target":{"type":"Utilization","averageUtilization":50}}}]""";

    private HorizontalPodAutoscalerStatus await(Predicate<HorizontalPodAutoscalerStatus> test) {
        return cluster.await(HorizontalPodAutoscaler.class, NS, "web", h -> h.getStatus() != null
                && test.test(h.getStatus())).getStatus();
    }

    private static String condition(HorizontalPodAutoscalerStatus status, String type) {
        HorizontalPodAutoscalerCondition c = status.getConditions().stream().filter(x -> x.getType().equals(type))
                .findFirst().orElseThrow();
        return c.getStatus() + " " + c.getReason() + ": " + c.getMessage();
    }

    /** One sync period: the clock moves on and the autoscaler's sync has run (its next resync is set again). */
    private void period() {
        cluster.advance(HorizontalController.SYNC_PERIOD);
        cluster.awaitUntil(() -> cluster.pendingDeadlines() == 1);
    }

    private int replicas() {
        return cluster.get(Deployment.class, NS, "web").getSpec().getReplicas();
    }

    @Test
    void cpuAboveTargetScalesUpAsFastAsTheDefaultLimitAllows() {
        deployment(2);
        pod("web-a", "100m", "200m");
        pod("web-b", "100m", "200m");
        autoscaler(CPU_50);
        HorizontalPodAutoscalerStatus status = await(s -> s.getLastScaleTime() != null);

        assertThat(replicas()).isEqualTo(4);
        assertThat(status.getCurrentReplicas()).isEqualTo(2);
        assertThat(status.getDesiredReplicas()).isEqualTo(4);
        assertThat(status.getLastScaleTime()).isEqualTo(StoppedCluster.START.plus(HorizontalController.SYNC_PERIOD)
                .toString());
        assertThat(status.getCurrentMetrics()).singleElement().satisfies(m -> {
            assertThat(m.getType()).isEqualTo("Resource");
            assertThat(m.getResource().getName()).isEqualTo("cpu");
            assertThat(m.getResource().getCurrent().getAverageUtilization()).isEqualTo(200);
            assertThat(m.getResource().getCurrent().getAverageValue().toString()).isEqualTo("200m");
        });
        assertThat(condition(status, "AbleToScale"))
                .isEqualTo("True SucceededRescale: the HPA controller was able to update the target scale to 4");
        assertThat(condition(status, "ScalingActive")).isEqualTo("True ValidMetricFound: the HPA was able to "
                + "successfully calculate a replica count from cpu resource utilization (percentage of request)");
        assertThat(condition(status, "ScalingLimited")).isEqualTo("True ScaleUpLimit: the desired replica count is "
                + "increasing faster than the maximum scale rate");
        assertThat(cluster.awaitEvent(NS, "web", "SuccessfulRescale"))
                .isEqualTo("New size: 4; reason: cpu resource utilization (percentage of request) above target");
    }

    @Test
    void withinTheToleranceNothingChanges() {
        deployment(2);
        pod("web-a", "100m", "52m");
        pod("web-b", "100m", "53m");
        autoscaler(CPU_50);
        HorizontalPodAutoscalerStatus status = await(s -> s.getCurrentMetrics() != null && !s.getCurrentMetrics().isEmpty());

        assertThat(status.getCurrentMetrics().get(0).getResource().getCurrent().getAverageUtilization())
                .isEqualTo(52);
        assertThat(status.getDesiredReplicas()).isEqualTo(2);
        assertThat(status.getLastScaleTime()).isNull();
        assertThat(condition(status, "AbleToScale")).isEqualTo("True ReadyForNewScale: recommended size matches "
                + "current size");
        assertThat(condition(status, "ScalingLimited")).isEqualTo("False DesiredWithinRange: the desired count is "
                + "within the acceptable range");
        assertThat(replicas()).isEqualTo(2);
    }

    @Test
    void aScaleDownWaitsForTheStabilizationWindow() {
        deployment(4);
        for (String p : List.of("a", "b", "c", "d")) {
            pod("web-" + p, "100m", "10m");
        }
        autoscaler(CPU_50);
        HorizontalPodAutoscalerStatus status = await(s -> s.getCurrentMetrics() != null && !s.getCurrentMetrics().isEmpty());
        assertThat(status.getDesiredReplicas()).isEqualTo(4);
        assertThat(condition(status, "AbleToScale")).isEqualTo("True ScaleDownStabilized: recent recommendations "
                + "were higher than current one, applying the highest recent recommendation");
        assertThat(replicas()).isEqualTo(4);

        cluster.awaitUntil(() -> cluster.pendingDeadlines() == 1);
        while (replicas() == 4 && cluster.now().isBefore(StoppedCluster.START.plus(Duration.ofMinutes(7)))) {
            period();
        }
        assertThat(replicas()).isEqualTo(1);
        assertThat(cluster.now()).isAfterOrEqualTo(StoppedCluster.START.plus(HorizontalController.SYNC_PERIOD)
                .plus(Stabilizer.DOWNSCALE_STABILIZATION));
        assertThat(cluster.awaitEvent(NS, "web", "SuccessfulRescale"))
                .isEqualTo("New size: 1; reason: All metrics below target");
    }

    @Test
    void aScaleUpPolicyLimitsTheRatePerPeriod() {
        deployment(2);
        pod("web-a", "100m", "400m");
        pod("web-b", "100m", "400m");
        autoscaler(CPU_50 + """
                ,"behavior":{"scaleUp":{"policies":[{"type":"Pods","value":1,"periodSeconds":60}]}}""");
        HorizontalPodAutoscalerStatus status = await(s -> s.getLastScaleTime() != null);
        assertThat(replicas()).isEqualTo(3);
        assertThat(condition(status, "ScalingLimited")).isEqualTo("True ScaleUpLimit: the desired replica count is "
                + "increasing faster than the maximum scale rate");

        cluster.awaitUntil(() -> cluster.pendingDeadlines() == 1);
        for (int i = 0; i < 3; i++) {
            period();
            assertThat(replicas()).as("one pod per minute").isEqualTo(3);
        }
        period();
        assertThat(cluster.now()).isEqualTo(StoppedCluster.START.plusSeconds(15 + 60));
        assertThat(replicas()).isEqualTo(4);
    }

    @Test
    void aPodWithoutRequestsLeavesScalingInactive() {
        deployment(1);
        pod("web-a", null, "200m");
        autoscaler(CPU_50);
        HorizontalPodAutoscalerStatus status = await(s -> s.getConditions() != null && s.getConditions().size() == 2);

        assertThat(condition(status, "ScalingActive")).isEqualTo("False FailedGetResourceMetric: the HPA was unable "
                + "to compute the replica count: failed to get cpu utilization: missing request for cpu in container "
                + "c of Pod web-a");
        assertThat(status.getCurrentReplicas()).isEqualTo(1);
        assertThat(cluster.awaitEvent(NS, "web", "FailedComputeMetricsReplicas")).isEqualTo("invalid metrics (1 "
                + "invalid out of 1), first error is: failed to get cpu resource metric value: failed to get cpu "
                + "utilization: missing request for cpu in container c of Pod web-a");
        assertThat(cluster.awaitEvent(NS, "web", "FailedGetResourceMetric"))
                .isEqualTo("failed to get cpu utilization: missing request for cpu in container c of Pod web-a");
        assertThat(replicas()).isEqualTo(1);
    }

    /** hpasControllingPodsUnderSelector: once both have read their selector, neither scales the pods they share. */
    @Test
    void twoAutoscalersOfTheSamePodsAreBothAmbiguous() {
        deployment(2);
        pod("web-a", "100m", "50m");
        pod("web-b", "100m", "50m");
        autoscaler(CPU_50);
        await(s -> s.getConditions() != null && !s.getConditions().isEmpty());
        cluster.create(NS, HorizontalPodAutoscaler.class, """
                {"apiVersion":"autoscaling/v2","kind":"HorizontalPodAutoscaler","metadata":{"name":"web-copy"},
                 "spec":{"scaleTargetRef":{"apiVersion":"apps/v1","kind":"Deployment","name":"web"},%s}}
                """.formatted(CPU_50));
        cluster.awaitUntil(() -> cluster.pendingDeadlines() == 2);
        String message = "pods by selector app=web are controlled by multiple HPAs: [hpa/web hpa/web-copy]";
        for (String name : List.of("web-copy", "web")) {
            cluster.advance(HorizontalController.SYNC_PERIOD);
            HorizontalPodAutoscalerStatus status = cluster.await(HorizontalPodAutoscaler.class, NS, name,
                    h -> h.getStatus() != null && h.getStatus().getConditions() != null
                            && h.getStatus().getConditions().stream().anyMatch(c -> c.getReason().equals(
                                    "AmbiguousSelector"))).getStatus();
            assertThat(condition(status, "ScalingActive")).isEqualTo("False AmbiguousSelector: " + message);
            assertThat(cluster.awaitEvent(NS, name, "AmbiguousSelector")).isEqualTo(message);
            assertThat(cluster.awaitEvent(NS, name, "FailedComputeMetricsReplicas")).isEqualTo(message);
            cluster.awaitUntil(() -> cluster.pendingDeadlines() == 2);
        }
        assertThat(replicas()).isEqualTo(2);
    }

    @Test
    void aMissingTargetIsReportedAsUnableToScale() {
        autoscaler(CPU_50);
        HorizontalPodAutoscalerStatus status = await(s -> s.getConditions() != null && !s.getConditions().isEmpty());
        assertThat(condition(status, "AbleToScale")).isEqualTo("False FailedGetScale: the HPA controller was unable "
                + "to get the target's current scale: deployments.apps \"web\" not found");
        assertThat(cluster.awaitEvent(NS, "web", "FailedGetScale")).isEqualTo("deployments.apps \"web\" not found");
    }

    @Test
    void belowTheMinimumTheTargetIsRaisedToIt() {
        deployment(1);
        pod("web-a", "100m", "50m");
        autoscaler(CPU_50.replace("\"minReplicas\":1", "\"minReplicas\":3"));
        await(s -> s.getLastScaleTime() != null);
        assertThat(replicas()).isEqualTo(3);
        assertThat(cluster.awaitEvent(NS, "web", "SuccessfulRescale"))
                .isEqualTo("New size: 3; reason: Current number of replicas below Spec.MinReplicas");
    }

    @Test
    void aV1AutoscalerReportsItsCpuUtilization() {
        deployment(2);
        pod("web-a", "100m", "80m");
        pod("web-b", "100m", "80m");
        cluster.create(NS, io.fabric8.kubernetes.api.model.autoscaling.v1.HorizontalPodAutoscaler.class, """
                {"apiVersion":"autoscaling/v1","kind":"HorizontalPodAutoscaler","metadata":{"name":"web"},
                 "spec":{"scaleTargetRef":{"apiVersion":"apps/v1","kind":"Deployment","name":"web"},
                  "minReplicas":1,"maxReplicas":5,"targetCPUUtilizationPercentage":50}}
                """);
        firstSync();
        var v1 = cluster.await(io.fabric8.kubernetes.api.model.autoscaling.v1.HorizontalPodAutoscaler.class, NS,
                "web", h -> h.getStatus() != null && h.getStatus().getLastScaleTime() != null);
        assertThat(v1.getStatus().getCurrentCPUUtilizationPercentage()).isEqualTo(80);
        // 80% of 50% over 2 pods: ceil(1.6 * 2)
        assertThat(v1.getStatus().getDesiredReplicas()).isEqualTo(4);
        assertThat(replicas()).isEqualTo(4);
    }
}
