package io.kubeling.controllers.nodes;

import java.time.Clock;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.kubeling.registry.WriteOptions;
import io.kubeling.controllers.EventRecorder;
import io.kubeling.controllers.Managers;
import io.kubeling.controllers.PodReadiness;
import io.kubeling.registry.ListOptions;
import io.kubeling.registry.Registry;
import io.kubeling.registry.ResourceStore;
import io.kubeling.registry.StatusException;
import io.kubeling.resources.pods.PodConditions;

/**
 * kube's MarkPodsNotReady: once a node stops being Ready, its pods' Ready condition turns False
 * (nothing vouches for them any more) and each pod gets a {@code NodeNotReady} warning.
 */
final class PodsNotReady {

    /** Who this controller writes as. */
    static final WriteOptions WRITER = Managers.controller("node-controller");

    private final Registry registry;
    private final EventRecorder events;
    private final Clock clock;

    PodsNotReady(Registry registry, EventRecorder events, Clock clock) {
        this.registry = registry;
        this.events = events;
        this.clock = clock;
    }

    void mark(String node) {
        ResourceStore<Pod> pods = registry.store(Pod.class);
        for (Pod pod : pods.list(null, ListOptions.withFields("spec.nodeName=" + node)).items()) {
            if (!PodReadiness.ready(pod)) {
                continue;
            }
            try {
                Pod marked = pods.update(pod.getMetadata().getNamespace(), pod.getMetadata().getName(), "status",
                        current -> {
                            PodCondition readyCondition = PodReadiness.condition(current, "Ready");
                            if (readyCondition != null && "True".equals(readyCondition.getStatus())) {
                                PodCondition unready = PodConditions.of("Ready", "False", readyCondition.getReason(),
                                        readyCondition.getMessage());
                                PodConditions.update(current.getStatus(), unready, clock.instant());
                            }
                            return current;
                        }, WRITER).object();
                events.record(EventRecorder.reference(marked), EventRecorder.WARNING, "NodeNotReady",
                        "Node is not ready", "node-controller", null);
            } catch (StatusException e) {
                if (e.code() != 404) {
                    throw e;
                }
            }
        }
    }
}
