package io.kubeling.controllers.endpoints;

import java.util.ArrayList;
import java.util.List;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodStatus;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.kubeling.controllers.PodReadiness;

/** What kube's endpoint controllers read off one pod for one service: whether it counts, its readiness, its ports. */
final class PodEndpoint {

    private PodEndpoint() {
    }

    /**
     * The fields of a pod that the controller reads, sharing the decoded pod's labels, ports and conditions: a few
     * small objects, where the decoded pod (managed fields, volumes, every container's whole spec) takes some
     * 12 KB. A pod without an IP, which no endpoint lists, keeps its metadata alone.
     */
    static Pod held(Pod pod) {
        ObjectMeta of = pod.getMetadata();
        ObjectMeta meta = new ObjectMeta();
        meta.setName(of.getName());
        meta.setNamespace(of.getNamespace());
        meta.setUid(of.getUid());
        meta.setResourceVersion(of.getResourceVersion());
        meta.setLabels(of.getLabels());
        meta.setDeletionTimestamp(of.getDeletionTimestamp());
        Pod held = new Pod();
        held.setMetadata(meta);
        PodStatus status = pod.getStatus();
        if (status == null || status.getPodIP() == null || status.getPodIP().isEmpty()) {
            return held;
        }
        PodStatus heldStatus = new PodStatus();
        heldStatus.setPodIP(status.getPodIP());
        heldStatus.setPhase(status.getPhase());
        heldStatus.setConditions(status.getConditions());
        held.setStatus(heldStatus);
        if (pod.getSpec() != null) {
            PodSpec spec = new PodSpec();
            spec.setNodeName(pod.getSpec().getNodeName());
            if (pod.getSpec().getContainers() != null) {
                List<Container> containers = new ArrayList<>(pod.getSpec().getContainers().size());
                for (Container c : pod.getSpec().getContainers()) {
                    Container port = new Container();
                    port.setName(c.getName());
                    port.setPorts(c.getPorts());
                    containers.add(port);
                }
                spec.setContainers(containers);
            }
            held.setSpec(spec);
        }
        return held;
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
