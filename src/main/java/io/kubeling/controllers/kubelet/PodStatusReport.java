package io.kubeling.controllers.kubelet;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.fabric8.kubernetes.api.model.ContainerState;
import io.fabric8.kubernetes.api.model.ContainerStateRunning;
import io.fabric8.kubernetes.api.model.ContainerStateWaiting;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.HostIP;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.PodIP;
import io.fabric8.kubernetes.api.model.PodReadinessGate;
import io.fabric8.kubernetes.api.model.PodStatus;
import io.kubeling.registry.Timestamps;

/**
 * The status the kubelet reports for a pod, built from its worker's state as kube's
 * generateAPIPodStatus does: phase, the kubelet's conditions in kube's order, addresses, start
 * time and one status per container.
 */
final class PodStatusReport {

    private PodStatusReport() {
    }

    static PodStatus build(PodWorker w, Instant now) {
        PodStatus s = new PodStatus();
        String phase = PodPhase.of(w);
        if ((phase.equals("Succeeded") || phase.equals("Failed")) && !w.terminal && !w.finished) {
            phase = "Running";
        }
        s.setPhase(phase);
        s.setHostIP(w.node.ip());
        s.setHostIPs(new ArrayList<>(List.of(new HostIP(w.node.ip()))));
        if (w.podIP != null) {
            s.setPodIP(w.podIP);
            s.setPodIPs(new ArrayList<>(List.of(new PodIP(w.podIP))));
        }
        s.setStartTime(w.startTime == null ? null : Timestamps.format(w.startTime));
        s.setQosClass(w.pod.getStatus() == null ? null : w.pod.getStatus().getQosClass());
        boolean terminal = phase.equals("Succeeded") || phase.equals("Failed");

        List<PodCondition> conditions = new ArrayList<>();
        conditions.add(condition(w, "PodReadyToStartContainers", w.sandboxReady && !terminal, null, null, now));
        List<String> incomplete = new ArrayList<>();
        for (ContainerRun c : w.inits) {
            if (c.sidecar ? !c.started && !w.initialized : !c.succeeded()) {
                incomplete.add(c.name);
            }
        }
        conditions.add(w.initialized
                ? condition(w, "Initialized", true, null, null, now)
                : condition(w, "Initialized", false, "ContainersNotInitialized",
                        "containers with incomplete status: " + list(incomplete), now));
        List<String> unready = new ArrayList<>();
        for (ContainerRun c : w.inits) {
            if (c.sidecar && !(c.ready && c.running())) {
                unready.add(c.name);
            }
        }
        for (ContainerRun c : w.apps) {
            if (!(c.ready && c.running())) {
                unready.add(c.name);
            }
        }
        PodCondition containersReady;
        if (phase.equals("Succeeded")) {
            containersReady = condition(w, "ContainersReady", false, "PodCompleted", null, now);
        } else if (unready.isEmpty()) {
            containersReady = condition(w, "ContainersReady", true, null, null, now);
        } else {
            containersReady = condition(w, "ContainersReady", false, "ContainersNotReady",
                    "containers with unready status: " + list(unready), now);
        }
        PodCondition ready = readyCondition(w, containersReady, now);
        conditions.add(ready);
        conditions.add(containersReady);
        s.setConditions(conditions);

        // A container not yet through its creation waits with the kubelet's default reason for the pod.
        String creating = w.inits.isEmpty() ? "ContainerCreating" : "PodInitializing";
        List<ContainerStatus> initStatuses = new ArrayList<>();
        for (ContainerRun c : w.inits) {
            initStatuses.add(containerStatus(c, creating));
        }
        s.setInitContainerStatuses(initStatuses);
        List<ContainerStatus> statuses = new ArrayList<>();
        for (ContainerRun c : w.apps) {
            statuses.add(containerStatus(c, creating));
        }
        s.setContainerStatuses(statuses);
        List<ContainerStatus> ephemeralStatuses = new ArrayList<>();
        for (ContainerRun c : w.ephemerals) {
            ContainerStatus status = containerStatus(c, "ContainerCreating");
            status.setReady(false);
            status.setStarted(null);
            ephemeralStatuses.add(status);
        }
        s.setEphemeralContainerStatuses(ephemeralStatuses);
        return s;
    }

    private static PodCondition readyCondition(PodWorker w, PodCondition containersReady, Instant now) {
        if (!"True".equals(containersReady.getStatus())) {
            return condition(w, "Ready", false, containersReady.getReason(), containersReady.getMessage(), now);
        }
        List<String> problems = new ArrayList<>();
        for (PodReadinessGate gate : w.pod.getSpec().getReadinessGates()) {
            PodCondition found = null;
            if (w.pod.getStatus() != null) {
                for (PodCondition c : w.pod.getStatus().getConditions()) {
                    if (c.getType().equals(gate.getConditionType())) {
                        found = c;
                    }
                }
            }
            if (found == null) {
                problems.add("corresponding condition of pod readiness gate \"" + gate.getConditionType()
                        + "\" does not exist.");
            } else if (!"True".equals(found.getStatus())) {
                problems.add("the status of pod readiness gate \"" + gate.getConditionType() + "\" is not \"True\", but "
                        + found.getStatus());
            }
        }
        if (!problems.isEmpty()) {
            return condition(w, "Ready", false, "ReadinessGatesNotReady", String.join(", ", problems), now);
        }
        return condition(w, "Ready", true, null, null, now);
    }

    private static PodCondition condition(PodWorker w, String type, boolean status, String reason, String message,
            Instant now) {
        String value = status ? "True" : "False";
        PodCondition previous = w.conditions.get(type);
        PodCondition c = new PodCondition();
        c.setType(type);
        c.setStatus(value);
        c.setReason(reason);
        c.setMessage(message);
        c.setLastProbeTime(null);
        c.setLastTransitionTime(previous != null && previous.getStatus().equals(value)
                ? previous.getLastTransitionTime() : Timestamps.format(now));
        w.conditions.put(type, c);
        return c;
    }

    private static ContainerStatus containerStatus(ContainerRun c, String creating) {
        ContainerStatus s = new ContainerStatus();
        s.setName(c.name);
        s.setImage(c.reportedImage != null ? c.reportedImage : c.spec.getImage());
        s.setImageID(c.imageId == null ? "" : c.imageId);
        s.setContainerID(c.containerId);
        boolean running = c.running() && !c.inPostStart;
        // The prober reports an init container that is not a sidecar ready once it has exited 0, not while it runs.
        s.setReady(c.init && !c.sidecar ? c.succeeded() : running && c.ready);
        s.setStarted(running && c.started);
        s.setRestartCount(c.restartCount);
        ContainerState state = new ContainerState();
        if (running) {
            state.setRunning(new ContainerStateRunning(Timestamps.format(c.startedAt)));
        } else if (c.state == ContainerRun.State.TERMINATED) {
            state.setTerminated(c.terminated);
        } else if (c.inPostStart) {
            state.setWaiting(new ContainerStateWaiting(null, creating));
        } else {
            state.setWaiting(new ContainerStateWaiting(c.waitingMessage, c.waitingReason));
        }
        s.setState(state);
        ContainerState last = new ContainerState();
        last.setTerminated(c.lastTerminated);
        s.setLastState(last);
        return s;
    }

    /** A Go string slice as %v prints it: {@code [a b]}. */
    private static String list(List<String> names) {
        return "[" + String.join(" ", names) + "]";
    }
}
