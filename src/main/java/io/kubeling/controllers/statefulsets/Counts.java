package io.kubeling.controllers.statefulsets;

import java.time.Instant;
import java.util.List;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.StatefulSetStatus;

/** computeReplicaStatus: what a StatefulSet's pods count for in its status, kept as pods are deleted. */
final class Counts {

    private final String currentRevision;
    private final String updateRevision;
    private int replicas;
    private int ready;
    private int available;
    private int current;
    private int updated;

    private Counts(String currentRevision, String updateRevision) {
        this.currentRevision = currentRevision;
        this.updateRevision = updateRevision;
    }

    static Counts of(List<Pod> pods, int minReadySeconds, Instant now, String currentRevision, String updateRevision) {
        Counts counts = new Counts(currentRevision, updateRevision);
        for (Pod pod : pods) {
            if (StatefulPods.created(pod)) {
                counts.replicas++;
            }
            if (StatefulPods.runningAndReady(pod)) {
                counts.ready++;
                if (StatefulPods.runningAndAvailable(pod, minReadySeconds, now)) {
                    counts.available++;
                }
            }
            if (StatefulPods.created(pod) && !StatefulPods.terminating(pod)) {
                String revision = StatefulPods.revision(pod);
                if (currentRevision.equals(revision)) {
                    counts.current++;
                }
                if (updateRevision.equals(revision)) {
                    counts.updated++;
                }
            }
        }
        return counts;
    }

    /** A pod this sync deleted no longer counts as current or updated, as kube decrements them. */
    void removed(Pod pod) {
        String revision = StatefulPods.revision(pod);
        if (currentRevision.equals(revision) && current > 0) {
            current--;
        }
        if (updateRevision.equals(revision) && updated > 0) {
            updated--;
        }
    }

    StatefulSetStatus status() {
        StatefulSetStatus status = new StatefulSetStatus();
        status.setReplicas(replicas);
        status.setReadyReplicas(zeroToNull(ready));
        status.setAvailableReplicas(available);
        status.setCurrentReplicas(zeroToNull(current));
        status.setUpdatedReplicas(zeroToNull(updated));
        status.setCurrentRevision(currentRevision);
        status.setUpdateRevision(updateRevision);
        return status;
    }

    private static Integer zeroToNull(int n) {
        return n == 0 ? null : n;
    }
}
