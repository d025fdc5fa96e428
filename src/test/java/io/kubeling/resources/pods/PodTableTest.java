package io.kubeling.resources.pods;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.PodConditionBuilder;
import io.kubeling.registry.TableColumn;
import io.kubeling.resources.common.StandardColumns;

class PodTableTest {

    private static final Instant NOW = Instant.parse("2024-05-01T12:00:00Z");

    private final PodTable table = new PodTable();

    @Test
    void columnsAreKubesPodColumns() {
        List<TableColumn> columns = table.columns();

        assertThat(columns).extracting(TableColumn::name).containsExactly(
                "Name", "Ready", "Status", "Restarts", "Age", "IP", "Node", "Nominated Node", "Readiness Gates");
        assertThat(columns).extracting(TableColumn::priority).containsExactly(0, 0, 0, 0, 0, 1, 1, 1, 1);
        assertThat(columns).extracting(TableColumn::type).containsOnly("string");
        assertThat(columns.get(0).format()).isEqualTo("name");
        assertThat(columns.get(0).description()).startsWith("Name must be unique within a namespace. Is required when "
                + "creating resources").endsWith("More info: "
                + "https://kubernetes.io/docs/concepts/overview/working-with-objects/names#names");
        assertThat(columns.get(4).description()).isEqualTo(StandardColumns.AGE_DESCRIPTION)
                .startsWith("CreationTimestamp is a timestamp representing the server time when this object was created.")
                .contains("in UTC.\n\nPopulated by the system. Read-only. Null for lists.");
        assertThat(columns.get(3).description()).isEqualTo("The number of times the containers in this pod have been "
                + "restarted and when the last container in this pod has restarted.");
        assertThat(columns.get(5).description()).isEqualTo("podIP address allocated to the pod. Routable at least "
                + "within the cluster. Empty if not yet allocated.");
    }

    @Test
    void runningPodWithEveryWideCell() {
        Pod pod = pod("Running", running("web"), running("sidecar"))
                .editSpec().withNodeName("node-1").endSpec()
                .editStatus().withPodIP("10.244.1.7").addNewPodIP("10.244.1.7").addNewPodIP("fd00::7").endStatus()
                .build();

        assertThat(table.cells(pod, NOW)).containsExactly(
                "web-7d4b9", "2/2", "Running", "0", "3h5m", "10.244.1.7", "node-1", "<none>", "<none>");
    }

    @Test
    void pendingPodWithoutStatusesHasNothingWide() {
        Pod pod = pod("Pending").build();

        assertThat(table.cells(pod, NOW)).containsExactly(
                "web-7d4b9", "0/2", "Pending", "0", "3h5m", "<none>", "<none>", "<none>", "<none>");
    }

    @Test
    void firstIPComesFromPodIPsWhenPodIPIsEmpty() {
        Pod pod = pod("Running", running("web"), running("sidecar"))
                .editStatus().addNewPodIP("fd00::7").endStatus().build();

        assertThat(table.cells(pod, NOW).get(5)).isEqualTo("fd00::7");
    }

    @Test
    void nominatedNodeAndReadinessGates() {
        Pod pod = pod("Pending")
                .editSpec().addNewReadinessGate("example.com/lb-ready").addNewReadinessGate("example.com/dns")
                .endSpec()
                .editStatus().withNominatedNodeName("node-2")
                .addToConditions(condition("example.com/lb-ready", "True"), condition("example.com/dns", "False"))
                .endStatus().build();

        assertThat(table.cells(pod, NOW).subList(7, 9)).containsExactly("node-2", "1/2");
    }

    @Test
    void waitingReasonsOfAppContainers() {
        assertThat(status(pod("Pending", waiting("web", "ContainerCreating"), waiting("sidecar", "ContainerCreating"))))
                .isEqualTo("ContainerCreating");
        assertThat(status(pod("Pending", waiting("web", "ErrImagePull"), running("sidecar"))))
                .isEqualTo("ErrImagePull");
        assertThat(status(pod("Pending", waiting("web", "ImagePullBackOff"), running("sidecar"))))
                .isEqualTo("ImagePullBackOff");
        assertThat(status(pod("Pending", waiting("web", "PodInitializing"), waiting("sidecar", "PodInitializing"))))
                .isEqualTo("PodInitializing");
    }

    @Test
    void theFirstContainerHasTheLastWord() {
        Pod pod = pod("Running", waiting("web", "CrashLoopBackOff"), waiting("sidecar", "ErrImagePull")).build();

        assertThat(table.cells(pod, NOW).subList(1, 3)).containsExactly("0/2", "CrashLoopBackOff");
    }

    @Test
    void crashLoopShowsRestartsAndWhenTheLastOneStopped() {
        ContainerStatus crashing = restarted(waiting("web", "CrashLoopBackOff"), 5, NOW.minusSeconds(125));
        ContainerStatus flaky = restarted(running("sidecar"), 1, NOW.minusSeconds(3600));
        Pod pod = pod("Running", crashing, flaky).build();

        assertThat(table.cells(pod, NOW).subList(1, 4)).containsExactly("1/2", "CrashLoopBackOff", "6 (2m5s ago)");
    }

    @Test
    void restartsWithoutALastTerminationHaveNoAgo() {
        ContainerStatus web = new ContainerStatusBuilder(running("web")).withRestartCount(4).build();

        assertThat(table.cells(pod("Running", web, running("sidecar")).build(), NOW).get(3)).isEqualTo("4");
    }

    @Test
    void terminatedReasonsExitCodesAndSignals() {
        assertThat(status(pod("Succeeded", terminated("web", "Completed", 0), terminated("sidecar", "Completed", 0))))
                .isEqualTo("Completed");
        assertThat(status(pod("Failed", terminated("web", "Error", 1), terminated("sidecar", "Completed", 0))))
                .isEqualTo("Error");
        assertThat(status(pod("Failed", terminated("web", "", 137), terminated("sidecar", "Completed", 0))))
                .isEqualTo("ExitCode:137");
        assertThat(status(pod("Failed", signalled("web", 9), terminated("sidecar", "Completed", 0))))
                .isEqualTo("Signal:9");
    }

    @Test
    void completedNextToARunningContainerIsRunningOrNotReady() {
        PodBuilder oneDone = pod("Running", terminated("web", "Completed", 0), running("sidecar"));

        assertThat(table.cells(oneDone.build(), NOW).subList(1, 3)).containsExactly("1/2", "NotReady");

        oneDone.editStatus().addToConditions(condition("Ready", "True")).endStatus();
        assertThat(table.cells(oneDone.build(), NOW).subList(1, 3)).containsExactly("1/2", "Running");
    }

    @Test
    void phaseOrReasonWhenNoContainerSaysMore() {
        Pod evicted = pod("Failed").editStatus().withReason("Evicted").endStatus().build();
        Pod gated = pod("Pending").editStatus()
                .addToConditions(new PodConditionBuilder().withType("PodScheduled").withStatus("False")
                        .withReason("SchedulingGated").build())
                .endStatus().build();

        assertThat(table.cells(evicted, NOW).get(2)).isEqualTo("Evicted");
        assertThat(table.cells(gated, NOW).get(2)).isEqualTo("SchedulingGated");
    }

    @Test
    void initContainersInOrder() {
        assertThat(status(initPod(waiting("init-db", "PodInitializing"), waiting("init-cache", "PodInitializing"))))
                .isEqualTo("Init:0/2");
        assertThat(status(initPod(terminated("init-db", "Completed", 0), running("init-cache"))))
                .isEqualTo("Init:1/2");
        assertThat(status(initPod(terminated("init-db", "Completed", 0), waiting("init-cache", "CrashLoopBackOff"))))
                .isEqualTo("Init:CrashLoopBackOff");
        assertThat(status(initPod(waiting("init-db", "ErrImagePull"), waiting("init-cache", "PodInitializing"))))
                .isEqualTo("Init:ErrImagePull");
        assertThat(status(initPod(terminated("init-db", "Error", 1), waiting("init-cache", "PodInitializing"))))
                .isEqualTo("Init:Error");
        assertThat(status(initPod(terminated("init-db", "", 3), waiting("init-cache", "PodInitializing"))))
                .isEqualTo("Init:ExitCode:3");
        assertThat(status(initPod(signalled("init-db", 15), waiting("init-cache", "PodInitializing"))))
                .isEqualTo("Init:Signal:15");
    }

    @Test
    void restartsOfAStuckInitContainerCount() {
        ContainerStatus db = restarted(waiting("init-db", "CrashLoopBackOff"), 3, NOW.minusSeconds(40));
        Pod pod = initPod(db, waiting("init-cache", "PodInitializing")).build();

        assertThat(table.cells(pod, NOW).subList(1, 4)).containsExactly("0/1", "Init:CrashLoopBackOff", "3 (40s ago)");
    }

    @Test
    void onceInitializedOnlyAppContainersCount() {
        ContainerStatus db = restarted(terminated("init-db", "Completed", 0), 2, NOW.minusSeconds(7200));
        ContainerStatus app = restarted(running("web"), 1, NOW.minusSeconds(600));
        Pod pod = initPod(db, terminated("init-cache", "Completed", 0))
                .editStatus().withPhase("Running").withContainerStatuses(app).endStatus().build();

        assertThat(table.cells(pod, NOW).subList(1, 4)).containsExactly("1/1", "Running", "1 (10m ago)");
    }

    @Test
    void sidecarsCountAsContainersAndKeepTheirRestarts() {
        ContainerStatus proxy = new ContainerStatusBuilder(restarted(running("proxy"), 2, NOW.minusSeconds(300)))
                .withStarted(true).build();
        ContainerStatus app = restarted(running("web"), 1, NOW.minusSeconds(900));
        Pod pod = sidecarPod(proxy, app).editStatus()
                .addToConditions(condition("Initialized", "True"), condition("Ready", "True")).endStatus().build();

        assertThat(table.cells(pod, NOW).subList(1, 4)).containsExactly("2/2", "Running", "3 (5m ago)");
    }

    @Test
    void aSidecarNotStartedYetHoldsUpInitialization() {
        ContainerStatus proxy = new ContainerStatusBuilder(waiting("proxy", "ContainerCreating")).withStarted(false)
                .build();
        Pod pod = sidecarPod(proxy, waiting("web", "PodInitializing")).build();

        assertThat(table.cells(pod, NOW).subList(1, 4)).containsExactly("0/2", "Init:ContainerCreating", "0");
    }

    @Test
    void deletionMakesARunningPodTerminating() {
        Pod deleting = pod("Running", running("web"), running("sidecar"))
                .editMetadata().withDeletionTimestamp("2024-05-01T11:59:30Z").endMetadata().build();
        Pod finished = pod("Succeeded", terminated("web", "Completed", 0), terminated("sidecar", "Completed", 0))
                .editMetadata().withDeletionTimestamp("2024-05-01T11:59:30Z").endMetadata().build();
        Pod lost = pod("Running", running("web"), running("sidecar"))
                .editMetadata().withDeletionTimestamp("2024-05-01T11:59:30Z").endMetadata()
                .editStatus().withReason("NodeLost").endStatus().build();

        assertThat(table.cells(deleting, NOW).get(2)).isEqualTo("Terminating");
        assertThat(table.cells(finished, NOW).get(2)).isEqualTo("Completed");
        assertThat(table.cells(lost, NOW).get(2)).isEqualTo("Unknown");
    }

    @Test
    void ageWithoutCreationTimestampIsUnknown() {
        Pod pod = pod("Pending").editMetadata().withCreationTimestamp(null).endMetadata().build();

        assertThat(table.cells(pod, NOW).get(4)).isEqualTo("<unknown>");
    }

    private String status(PodBuilder pod) {
        return (String) table.cells(pod.build(), NOW).get(2);
    }

    /** Two app containers, web and sidecar, created 3h5m before NOW. */
    private static PodBuilder pod(String phase, ContainerStatus... statuses) {
        return new PodBuilder()
                .withNewMetadata().withName("web-7d4b9").withNamespace("default")
                .withCreationTimestamp("2024-05-01T08:55:00Z").endMetadata()
                .withNewSpec()
                .addNewContainer().withName("web").withImage("nginx:1.27").endContainer()
                .addNewContainer().withName("sidecar").withImage("envoy:1.30").endContainer()
                .endSpec()
                .withNewStatus().withPhase(phase).withContainerStatuses(statuses).endStatus();
    }

    /** Two init containers before one app container still waiting for them. */
    private static PodBuilder initPod(ContainerStatus db, ContainerStatus cache) {
        return new PodBuilder()
                .withNewMetadata().withName("web-7d4b9").withCreationTimestamp("2024-05-01T08:55:00Z").endMetadata()
                .withNewSpec()
                .addNewInitContainer().withName("init-db").withImage("busybox").endInitContainer()
                .addNewInitContainer().withName("init-cache").withImage("busybox").endInitContainer()
                .addNewContainer().withName("web").withImage("nginx:1.27").endContainer()
                .endSpec()
                .withNewStatus().withPhase("Pending").withInitContainerStatuses(db, cache)
                .withContainerStatuses(waiting("web", "PodInitializing")).endStatus();
    }

    /** One sidecar (an init container that keeps running) and one app container. */
    private static PodBuilder sidecarPod(ContainerStatus proxy, ContainerStatus app) {
        return new PodBuilder()
                .withNewMetadata().withName("web-7d4b9").withCreationTimestamp("2024-05-01T08:55:00Z").endMetadata()
                .withNewSpec()
                .addNewInitContainer().withName("proxy").withImage("envoy:1.30").withRestartPolicy("Always")
                .endInitContainer()
                .addNewContainer().withName("web").withImage("nginx:1.27").endContainer()
                .endSpec()
                .withNewStatus().withPhase("Running").withInitContainerStatuses(proxy).withContainerStatuses(app)
                .endStatus();
    }

    private static ContainerStatus running(String name) {
        return new ContainerStatusBuilder().withName(name).withReady(true).withRestartCount(0)
                .withNewState().withNewRunning().withStartedAt("2024-05-01T09:00:00Z").endRunning().endState()
                .build();
    }

    private static ContainerStatus waiting(String name, String reason) {
        return new ContainerStatusBuilder().withName(name).withReady(false).withRestartCount(0)
                .withNewState().withNewWaiting().withReason(reason).endWaiting().endState()
                .build();
    }

    private static ContainerStatus terminated(String name, String reason, int exitCode) {
        return new ContainerStatusBuilder().withName(name).withReady(false).withRestartCount(0)
                .withNewState().withNewTerminated().withReason(reason).withExitCode(exitCode)
                .withFinishedAt("2024-05-01T11:00:00Z").endTerminated().endState()
                .build();
    }

    private static ContainerStatus signalled(String name, int signal) {
        return new ContainerStatusBuilder().withName(name).withReady(false).withRestartCount(0)
                .withNewState().withNewTerminated().withExitCode(128 + signal).withSignal(signal).endTerminated()
                .endState()
                .build();
    }

    /** The container restarted {@code count} times, the last run having stopped at {@code finishedAt}. */
    private static ContainerStatus restarted(ContainerStatus status, int count, Instant finishedAt) {
        return new ContainerStatusBuilder(status).withRestartCount(count)
                .withNewLastState().withNewTerminated().withExitCode(1).withReason("Error")
                .withFinishedAt(finishedAt.toString()).endTerminated().endLastState()
                .build();
    }

    private static PodCondition condition(String type, String status) {
        return new PodConditionBuilder().withType(type).withStatus(status).build();
    }
}
