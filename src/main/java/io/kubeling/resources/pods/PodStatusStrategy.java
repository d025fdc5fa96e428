package io.kubeling.resources.pods;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.fabric8.kubernetes.api.model.HostIP;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.PodIP;
import io.fabric8.kubernetes.api.model.PodStatus;
import io.kubeling.registry.Strategy;
import io.kubeling.registry.validation.FieldError;

/**
 * The rules of {@code pods/status}, after kube's podStatusStrategy: the spec, the deletion
 * timestamp and the owner references stay as they were (old kubelets corrupt owner references),
 * the QoS class is kept when a client leaves it out, and observed generations are not lost when a
 * client omits them. Labels and annotations may change here.
 */
public class PodStatusStrategy implements Strategy<Pod> {

    public PodStatusStrategy() {
    }

    @Override
    public void prepareForUpdate(Pod pod, Pod old) {
        pod.setSpec(old.getSpec());
        if (pod.getMetadata() != null && old.getMetadata() != null) {
            pod.getMetadata().setDeletionTimestamp(old.getMetadata().getDeletionTimestamp());
            pod.getMetadata().setOwnerReferences(old.getMetadata().getOwnerReferences());
        }
        PodStatus status = pod.getStatus() == null ? new PodStatus() : pod.getStatus();
        pod.setStatus(status);
        // a JSON null means an empty list, as it does in Go
        status.setConditions(orEmpty(status.getConditions()));
        status.setContainerStatuses(orEmpty(status.getContainerStatuses()));
        status.setInitContainerStatuses(orEmpty(status.getInitContainerStatuses()));
        status.setEphemeralContainerStatuses(orEmpty(status.getEphemeralContainerStatuses()));
        status.setPodIPs(orEmpty(status.getPodIPs()));
        status.setHostIPs(orEmpty(status.getHostIPs()));
        PodStatus oldStatus = old.getStatus() == null ? new PodStatus() : old.getStatus();
        if (PodDefaults.isEmpty(status.getQosClass())) {
            status.setQosClass(oldStatus.getQosClass());
        }
        preserveObservedGeneration(status, oldStatus);
        normalizeAddresses(status);
    }

    private static <T> List<T> orEmpty(List<T> list) {
        return list == null ? new ArrayList<>() : list;
    }

    private static void preserveObservedGeneration(PodStatus status, PodStatus old) {
        if (status.getObservedGeneration() == null || status.getObservedGeneration() == 0) {
            status.setObservedGeneration(old.getObservedGeneration());
        }
        // validation lets several conditions share a type, so old values are matched in order per type
        Map<String, List<Long>> oldGenerations = new HashMap<>();
        for (PodCondition c : orEmpty(old.getConditions())) {
            oldGenerations.computeIfAbsent(c.getType(), t -> new ArrayList<>()).add(c.getObservedGeneration());
        }
        for (PodCondition c : status.getConditions()) {
            List<Long> olds = oldGenerations.get(c.getType());
            Long previous = olds == null || olds.isEmpty() ? null : olds.remove(0);
            if ((c.getObservedGeneration() == null || c.getObservedGeneration() == 0) && previous != null
                    && previous != 0) {
                c.setObservedGeneration(previous);
            }
        }
    }

    /**
     * kube holds only the lists of pod and host IPs; the single fields are their first entries, and
     * a single field that disagrees with its list wins (older kubelets only set the single field).
     */
    private static void normalizeAddresses(PodStatus status) {
        String podIP = status.getPodIP();
        if (!PodDefaults.isEmpty(podIP)
                && (status.getPodIPs().isEmpty() || !podIP.equals(status.getPodIPs().get(0).getIp()))) {
            status.setPodIPs(new ArrayList<>(List.of(new PodIP(podIP))));
        }
        status.setPodIP(status.getPodIPs().isEmpty() ? null : status.getPodIPs().get(0).getIp());
        String hostIP = status.getHostIP();
        if (!PodDefaults.isEmpty(hostIP)
                && (status.getHostIPs().isEmpty() || !hostIP.equals(status.getHostIPs().get(0).getIp()))) {
            status.setHostIPs(new ArrayList<>(List.of(new HostIP(hostIP))));
        }
        status.setHostIP(status.getHostIPs().isEmpty() ? null : status.getHostIPs().get(0).getIp());
    }

    @Override
    public List<FieldError> validateUpdate(Pod pod, Pod old) {
        return PodStatusValidation.validate(pod, old);
    }

    @Override
    public NameRule nameRule() {
        return NameRule.DNS1123_SUBDOMAIN;
    }
}
