package io.kubeling.controllers.kubelet;

/**
 * kube's getPhase: Pending until initialized and while an app container waits to start for the
 * first time; Running while one runs or restarts; Succeeded or Failed once every app container is
 * done for good (or the pod was stopped for deletion).
 */
final class PodPhase {

    private PodPhase() {
    }

    static String of(PodWorker w) {
        if (!w.initialized) {
            if (!w.finished && w.restartPolicy().equals("Never")) {
                for (ContainerRun c : w.inits) {
                    if (!c.sidecar && c.state == ContainerRun.State.TERMINATED && !c.succeeded()) {
                        return "Failed";
                    }
                }
            }
            return w.finished ? "Failed" : "Pending";
        }
        int running = 0;
        int waiting = 0;
        int stopped = 0;
        int succeeded = 0;
        for (ContainerRun c : w.apps) {
            switch (c.state) {
                case RUNNING -> running++;
                case TERMINATED -> {
                    stopped++;
                    if (c.succeeded()) {
                        succeeded++;
                    }
                }
                case WAITING -> {
                    if (c.lastTerminated != null) {
                        stopped++;
                    } else {
                        waiting++;
                    }
                }
            }
        }
        if (w.finished) {
            return stopped == succeeded && waiting == 0 && running == 0 ? "Succeeded" : "Failed";
        }
        if (waiting > 0) {
            return "Pending";
        }
        if (running > 0) {
            return "Running";
        }
        if (stopped > 0) {
            return switch (w.restartPolicy()) {
                case "Always" -> "Running";
                case "OnFailure" -> stopped == succeeded ? "Succeeded" : "Running";
                default -> stopped == succeeded ? "Succeeded" : "Failed";
            };
        }
        return "Pending";
    }
}
