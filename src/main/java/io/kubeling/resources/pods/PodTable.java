package io.kubeling.resources.pods;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerState;
import io.fabric8.kubernetes.api.model.ContainerStateTerminated;
import io.fabric8.kubernetes.api.model.ContainerStateWaiting;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.PodReadinessGate;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodStatus;
import io.kubeling.registry.TableColumn;
import io.kubeling.registry.TableConvertor;
import io.kubeling.resources.common.Ages;
import io.kubeling.resources.common.KubeTime;
import io.kubeling.resources.common.StandardColumns;

/** kube's printPod: readiness, the one-word status kubectl shows, restarts and where the pod runs. */
public class PodTable implements TableConvertor<Pod> {

    private static final String NONE = "<none>";

    private static final List<TableColumn> COLUMNS = List.of(
            StandardColumns.NAME,
            StandardColumns.column("Ready", "The aggregate readiness state of this pod for accepting traffic."),
            StandardColumns.column("Status", "The aggregate status of the containers in this pod."),
            StandardColumns.column("Restarts", "The number of times the containers in this pod have been restarted "
                    + "and when the last container in this pod has restarted."),
            StandardColumns.AGE,
            StandardColumns.wide("IP", "podIP address allocated to the pod. Routable at least within the cluster. "
                    + "Empty if not yet allocated."),
            StandardColumns.wide("Node", "NodeName indicates in which node this pod is scheduled. If empty, this pod "
                    + "is a candidate for scheduling by the scheduler defined in schedulerName. Once this field is set, "
                    + "the kubelet for this node becomes responsible for the lifecycle of this pod. This field should "
                    + "not be used to express a desire for the pod to be scheduled on a specific node. "
                    + "https://kubernetes.io/docs/concepts/scheduling-eviction/assign-pod-node/#nodename"),
            StandardColumns.wide("Nominated Node", "nominatedNodeName is set only when this pod preempts other pods "
                    + "on the node, but it cannot be scheduled right away as preemption victims receive their graceful "
                    + "termination periods. This field does not guarantee that the pod will be scheduled on this node. "
                    + "Scheduler may decide to place the pod elsewhere if other nodes become available sooner. "
                    + "Scheduler may also decide to give the resources on this node to a higher priority pod that is "
                    + "created after preemption. As a result, this field may be different than PodSpec.nodeName when "
                    + "the pod is scheduled."),
            StandardColumns.wide("Readiness Gates", "If specified, all readiness gates will be evaluated for pod "
                    + "readiness. A pod is ready when all its containers are ready AND all conditions specified in the "
                    + "readiness gates have status equal to \"True\" More info: "
                    + "https://git.k8s.io/enhancements/keps/sig-network/580-pod-readiness-gates"));

    public PodTable() {
    }

    @Override
    public List<TableColumn> columns() {
        return COLUMNS;
    }

    @Override
    public List<Object> cells(Pod pod, Instant now) {
        PodSpec spec = pod.getSpec() == null ? new PodSpec() : pod.getSpec();
        PodStatus status = pod.getStatus() == null ? new PodStatus() : pod.getStatus();
        Summary summary = new Summary(pod, spec, status);
        return List.of(
                text(pod.getMetadata().getName()),
                summary.ready + "/" + summary.total,
                summary.reason,
                summary.restarts(now),
                Ages.since(pod.getMetadata().getCreationTimestamp(), now),
                orNone(podIP(status)),
                orNone(spec.getNodeName()),
                orNone(status.getNominatedNodeName()),
                readinessGates(spec, status));
    }

    /**
     * The pod's first IP as kube's internal type holds it: converting from v1, podIP wins over podIPs
     * when both are set, for older kubelets that only set podIP.
     */
    private static String podIP(PodStatus status) {
        if (!text(status.getPodIP()).isEmpty()) {
            return status.getPodIP();
        }
        return status.getPodIPs() == null || status.getPodIPs().isEmpty() ? "" : text(status.getPodIPs().get(0).getIp());
    }

    /** How many readiness gates have their condition True, out of how many gates. */
    private static String readinessGates(PodSpec spec, PodStatus status) {
        List<PodReadinessGate> gates = list(spec.getReadinessGates());
        if (gates.isEmpty()) {
            return NONE;
        }
        int passed = 0;
        for (PodReadinessGate gate : gates) {
            for (PodCondition condition : list(status.getConditions())) {
                if (text(condition.getType()).equals(text(gate.getConditionType()))) {
                    if ("True".equals(condition.getStatus())) {
                        passed++;
                    }
                    break;
                }
            }
        }
        return passed + "/" + gates.size();
    }

    /**
     * READY, STATUS and RESTARTS, worked out in kube's order: the phase (or the reason the kubelet
     * gave), then the first init container not done yet, then the app containers, then deletion.
     */
    private static final class Summary {

        private int ready;
        private int total;
        private String reason;
        private int restarts;
        private Instant lastRestart;
        private int sidecarRestarts;
        private Instant lastSidecarRestart;

        Summary(Pod pod, PodSpec spec, PodStatus status) {
            String phase = text(status.getPhase());
            reason = text(status.getReason()).isEmpty() ? phase : status.getReason();
            for (PodCondition condition : list(status.getConditions())) {
                if ("PodScheduled".equals(condition.getType()) && "SchedulingGated".equals(condition.getReason())) {
                    reason = "SchedulingGated";
                }
            }
            total = list(spec.getContainers()).size();
            Map<String, Container> initContainers = new HashMap<>();
            for (Container container : list(spec.getInitContainers())) {
                initContainers.put(container.getName(), container);
                if (isSidecar(container)) {
                    total++;
                }
            }

            boolean initializing = initContainers(spec, status, initContainers);
            if (!initializing || conditionIsTrue(status, "Initialized")) {
                // Once initialized, only sidecars' restarts still count among init containers.
                restarts = sidecarRestarts;
                lastRestart = lastSidecarRestart;
                appContainers(status);
            }

            if (!text(pod.getMetadata().getDeletionTimestamp()).isEmpty()) {
                if ("NodeLost".equals(status.getReason())) {
                    reason = "Unknown";
                } else if (!"Succeeded".equals(phase) && !"Failed".equals(phase)) {
                    reason = "Terminating";
                }
            }
        }

        /**
         * Walks init containers in order up to the first one still holding up initialization, and says
         * whether one does. Sidecars (restartable init containers) that have started do not hold it up;
         * their restarts are kept apart because they keep counting once the pod is initialized.
         */
        private boolean initContainers(PodSpec spec, PodStatus status, Map<String, Container> byName) {
            List<ContainerStatus> statuses = list(status.getInitContainerStatuses());
            for (int i = 0; i < statuses.size(); i++) {
                ContainerStatus container = statuses.get(i);
                restarts += restartCount(container);
                lastRestart = later(lastRestart, lastFinishedAt(container));
                boolean sidecar = isSidecar(byName.get(container.getName()));
                if (sidecar) {
                    sidecarRestarts += restartCount(container);
                    lastSidecarRestart = later(lastSidecarRestart, lastFinishedAt(container));
                }
                ContainerStateTerminated terminated = terminated(container.getState());
                ContainerStateWaiting waiting = waiting(container.getState());
                if (terminated != null && number(terminated.getExitCode()) == 0) {
                    continue;
                }
                if (sidecar && Boolean.TRUE.equals(container.getStarted())) {
                    if (Boolean.TRUE.equals(container.getReady())) {
                        ready++;
                    }
                    continue;
                }
                if (terminated != null) {
                    reason = "Init:" + terminationReason(terminated);
                } else if (waiting != null && !text(waiting.getReason()).isEmpty()
                        && !"PodInitializing".equals(waiting.getReason())) {
                    reason = "Init:" + waiting.getReason();
                } else {
                    reason = "Init:" + i + "/" + list(spec.getInitContainers()).size();
                }
                return true;
            }
            return false;
        }

        /** App containers from last to first, so the first container's state has the last word. */
        private void appContainers(PodStatus status) {
            boolean hasRunning = false;
            List<ContainerStatus> statuses = list(status.getContainerStatuses());
            for (int i = statuses.size() - 1; i >= 0; i--) {
                ContainerStatus container = statuses.get(i);
                restarts += restartCount(container);
                lastRestart = later(lastRestart, lastFinishedAt(container));
                ContainerState state = container.getState();
                ContainerStateWaiting waiting = waiting(state);
                ContainerStateTerminated terminated = terminated(state);
                if (waiting != null && !text(waiting.getReason()).isEmpty()) {
                    reason = waiting.getReason();
                } else if (terminated != null) {
                    reason = terminationReason(terminated);
                } else if (Boolean.TRUE.equals(container.getReady()) && state != null && state.getRunning() != null) {
                    hasRunning = true;
                    ready++;
                }
            }
            // A container that completed while another still runs does not make the pod Completed.
            if ("Completed".equals(reason) && hasRunning) {
                reason = anyConditionIsTrue(status, "Ready") ? "Running" : "NotReady";
            }
        }

        /** kube's RESTARTS: the count, and how long ago the last restarted container had stopped. */
        String restarts(Instant now) {
            if (restarts != 0 && lastRestart != null) {
                return restarts + " (" + Ages.since(lastRestart, now) + " ago)";
            }
            return Integer.toString(restarts);
        }

        private static String terminationReason(ContainerStateTerminated terminated) {
            if (!text(terminated.getReason()).isEmpty()) {
                return terminated.getReason();
            }
            int signal = number(terminated.getSignal());
            return signal != 0 ? "Signal:" + signal : "ExitCode:" + number(terminated.getExitCode());
        }

        private static boolean isSidecar(Container initContainer) {
            return initContainer != null && "Always".equals(initContainer.getRestartPolicy());
        }

        private static Instant lastFinishedAt(ContainerStatus container) {
            ContainerStateTerminated last = terminated(container.getLastState());
            return last == null ? null : KubeTime.parse(last.getFinishedAt());
        }

        private static Instant later(Instant current, Instant candidate) {
            if (candidate == null) {
                return current;
            }
            return current == null || current.isBefore(candidate) ? candidate : current;
        }

        private static int restartCount(ContainerStatus container) {
            return number(container.getRestartCount());
        }

        private static ContainerStateTerminated terminated(ContainerState state) {
            return state == null ? null : state.getTerminated();
        }

        private static ContainerStateWaiting waiting(ContainerState state) {
            return state == null ? null : state.getWaiting();
        }

        /** isPodInitializedConditionTrue: the first condition of the type decides. */
        private static boolean conditionIsTrue(PodStatus status, String type) {
            for (PodCondition condition : list(status.getConditions())) {
                if (type.equals(condition.getType())) {
                    return "True".equals(condition.getStatus());
                }
            }
            return false;
        }

        /** hasPodReadyCondition: any condition of the type that is True. */
        private static boolean anyConditionIsTrue(PodStatus status, String type) {
            return list(status.getConditions()).stream()
                    .anyMatch(c -> type.equals(c.getType()) && "True".equals(c.getStatus()));
        }
    }

    private static String orNone(String value) {
        return value == null || value.isEmpty() ? NONE : value;
    }

    private static String text(String value) {
        return value == null ? "" : value;
    }

    private static int number(Integer value) {
        return value == null ? 0 : value;
    }

    private static <T> List<T> list(List<T> values) {
        return values == null ? List.of() : values;
    }
}
