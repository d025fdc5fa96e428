package io.kubeling.controllers.endpoints;

import java.util.ArrayList;
import java.util.List;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.kubeling.controllers.PodReadiness;

/** What kube's endpoint controllers read off one pod for one service: whether it counts, its readiness, its ports. */
final class PodEndpoint {

    private PodEndpoint() {
    }

    /**
     * Kube's ShouldPodBeInEndpoints: a pod with no IP yet is left out, and so is one that has finished or
     * is terminating (unless the service publishes not-ready addresses, for the terminating one).
     */
    static boolean counts(Pod pod, Service service) {
        if (pod.getStatus() == null || pod.getStatus().getPodIP() == null || pod.getStatus().getPodIP().isEmpty()) {
            return false;
        }
        String phase = pod.getStatus().getPhase();
        if ("Succeeded".equals(phase) || "Failed".equals(phase)) {
            return false;
        }
        return pod.getMetadata().getDeletionTimestamp() == null || publishNotReady(service);
    }

    static boolean ready(Pod pod, Service service) {
        if (publishNotReady(service)) {
            return true;
        }
        return pod.getMetadata().getDeletionTimestamp() == null && PodReadiness.ready(pod);
    }

    static boolean terminating(Pod pod) {
        return pod.getMetadata().getDeletionTimestamp() != null;
    }

    private static boolean publishNotReady(Service service) {
        return Boolean.TRUE.equals(service.getSpec().getPublishNotReadyAddresses());
    }

    /**
     * Kube's FindPort: a named target port is the container port of that name and protocol (0 when the pod
     * has none, and the pod is then left out for that port); a number is itself, and no target port is the port.
     */
    static int targetPort(Pod pod, ServicePort port) {
        IntOrString target = port.getTargetPort();
        if (target == null || (target.getStrVal() == null && (target.getIntVal() == null || target.getIntVal() == 0))) {
            return port.getPort();
        }
        if (target.getStrVal() == null) {
            return target.getIntVal();
        }
        String protocol = port.getProtocol() == null ? "TCP" : port.getProtocol();
        List<Container> containers = new ArrayList<>();
        if (pod.getSpec() != null && pod.getSpec().getContainers() != null) {
            containers.addAll(pod.getSpec().getContainers());
        }
        for (Container container : containers) {
            for (ContainerPort cp : container.getPorts() == null ? List.<ContainerPort>of() : container.getPorts()) {
                String cpProtocol = cp.getProtocol() == null ? "TCP" : cp.getProtocol();
                if (target.getStrVal().equals(cp.getName()) && protocol.equals(cpProtocol)) {
                    return cp.getContainerPort();
                }
            }
        }
        return 0;
    }
}
