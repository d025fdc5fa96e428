package io.kubeling.controllers.kubelet;

import java.time.Instant;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerStateTerminated;

/** What the simulated runtime knows of one container of a pod: its current instance and the one before. */
final class ContainerRun {

    enum State { WAITING, RUNNING, TERMINATED }

    final String name;
    final boolean init;
    final boolean sidecar;
    boolean ephemeral;
    Container spec;

    State state = State.WAITING;
    String waitingReason;
    String waitingMessage;
    Instant startedAt;
    /** The current instance's end, while it shows as terminated. */
    ContainerStateTerminated terminated;
    ContainerStateTerminated lastTerminated;
    int restartCount;
    boolean ready;
    boolean started;
    boolean inPostStart;
    String containerId;
    String reportedImage;
    String imageId;
    /** Bumped when an instance starts or ends, so that callbacks of an old instance do nothing. */
    int generation;
    boolean needsStart = true;
    /** Pulling or creating. */
    boolean busy;
    boolean stopping;
    boolean restartAfterStop;
    boolean stopsOnTerm;
    int pullFailures;
    final Backoff backoff = new Backoff();
    ContainerLogs.Instance log;
    /** The current instance's files: a fresh writable layer with the pod's volumes mounted. */
    io.kubeling.controllers.kubelet.fs.ContainerFs fs;
    /** The image as the catalogue knows it, or null for an image of a registry it does not list. */
    ImageCatalog.Image image;
    /** The exec sessions running beside the main process, with their PIDs. */
    final ProcessTable processes = new ProcessTable();
    /** Why the runtime could not start the current instance (StartError), until its end is recorded. */
    String startError;

    ContainerRun(Container spec, boolean init) {
        this.spec = spec;
        this.name = spec.getName();
        this.init = init;
        this.sidecar = init && "Always".equals(spec.getRestartPolicy());
    }

    void waiting(String reason, String message) {
        state = State.WAITING;
        waitingReason = reason;
        waitingMessage = message;
    }

    /** The field path events about this container carry. */
    String fieldPath() {
        return (ephemeral ? "spec.ephemeralContainers{" : init ? "spec.initContainers{" : "spec.containers{") + name
                + "}";
    }

    boolean running() {
        return state == State.RUNNING;
    }

    boolean succeeded() {
        return state == State.TERMINATED && terminated != null && terminated.getExitCode() == 0;
    }
}
