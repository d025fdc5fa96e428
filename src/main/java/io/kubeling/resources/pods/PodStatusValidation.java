package io.kubeling.resources.pods;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.PodStatus;
import io.kubeling.registry.validation.FieldError;
import io.kubeling.registry.validation.GoQuote;
import io.kubeling.registry.validation.Names;
import io.kubeling.resources.common.NetworkSyntax;

/**
 * kube's ValidatePodStatusUpdate: custom condition types are qualified names, the QoS class never
 * changes, terminated containers of pods that do not restart them stay terminated, and pod and host
 * IPs are addresses (at most one per family). Like kube it does not check phases or that container
 * statuses name containers of the pod.
 */
final class PodStatusValidation {

    private static final Set<String> SYSTEM_CONDITIONS = Set.of("PodScheduled", "Ready", "Initialized");

    private PodStatusValidation() {
    }

    static List<FieldError> validate(Pod pod, Pod old) {
        List<FieldError> errs = new ArrayList<>();
        PodStatus status = pod.getStatus() == null ? new PodStatus() : pod.getStatus();
        PodStatus oldStatus = old.getStatus() == null ? new PodStatus() : old.getStatus();
        List<PodCondition> conditions = status.getConditions();
        for (int i = 0; i < conditions.size(); i++) {
            String type = PodDefaults.nullToEmpty(conditions.get(i).getType());
            if (SYSTEM_CONDITIONS.contains(type)) {
                continue;
            }
            // kube reports these under metadata, with a capital T
            String p = "metadata.conditions[" + i + "].Type";
            Names.qualifiedName(type).forEach(m -> errs.add(FieldError.invalid(p, type, m)));
        }
        if (!Objects.equals(PodDefaults.nullToEmpty(PodValidation.specOf(pod).getNodeName()),
                PodDefaults.nullToEmpty(PodValidation.specOf(old).getNodeName()))) {
            errs.add(FieldError.forbidden("status.nodeName", "may not be changed directly"));
        }
        String nominated = PodDefaults.nullToEmpty(status.getNominatedNodeName());
        if (!nominated.equals(PodDefaults.nullToEmpty(oldStatus.getNominatedNodeName())) && !nominated.isEmpty()) {
            Names.dns1123Subdomain(nominated)
                    .forEach(m -> errs.add(FieldError.invalid("status.nominatedNodeName", nominated, m)));
        }
        String qos = PodDefaults.nullToEmpty(status.getQosClass());
        if (!qos.equals(PodDefaults.nullToEmpty(oldStatus.getQosClass()))) {
            errs.add(FieldError.invalid("status.qosClass", qos, "field is immutable"));
        }
        String restartPolicy = PodDefaults.nullToEmpty(PodValidation.specOf(old).getRestartPolicy());
        errs.addAll(stateTransitions(status.getContainerStatuses(), orEmpty(oldStatus.getContainerStatuses()),
                "status.containerStatuses", restartPolicy, name -> false));
        Set<String> sidecars = new HashSet<>();
        for (Container c : PodValidation.specOf(old).getInitContainers()) {
            if ("Always".equals(c.getRestartPolicy())) {
                sidecars.add(c.getName());
            }
        }
        errs.addAll(stateTransitions(status.getInitContainerStatuses(), orEmpty(oldStatus.getInitContainerStatuses()),
                "status.initContainerStatuses", restartPolicy, sidecars::contains));
        errs.addAll(stateTransitions(status.getEphemeralContainerStatuses(),
                orEmpty(oldStatus.getEphemeralContainerStatuses()),
                "status.ephemeralContainerStatuses", "Never", name -> false));
        errs.addAll(ips(status.getPodIPs().stream().map(ip -> ip.getIp()).toList(), "status.podIPs", "core.PodIP"));
        List<String> hostIPs = status.getHostIPs().stream().map(ip -> ip.getIp()).toList();
        if (!hostIPs.isEmpty() && !Objects.equals(PodDefaults.nullToEmpty(status.getHostIP()), hostIPs.get(0))) {
            errs.add(FieldError.invalid("status.hostIPs[0].ip", hostIPs.get(0), "must be equal to `hostIP`"));
        }
        errs.addAll(ips(hostIPs, "status.hostIPs", "core.HostIP"));
        return errs;
    }

    /**
     * A terminated container may only start again when the pod restarts it: always, on failure
     * after a non-zero exit, or as a sidecar (an init container that always restarts).
     */
    private static List<FieldError> stateTransitions(List<ContainerStatus> statuses, List<ContainerStatus> old,
            String path, String restartPolicy, Function<String, Boolean> restartable) {
        List<FieldError> errs = new ArrayList<>();
        if ("Always".equals(restartPolicy)) {
            return errs;
        }
        for (int i = 0; i < old.size(); i++) {
            ContainerStatus o = old.get(i);
            if (o.getState() == null || o.getState().getTerminated() == null) {
                continue;
            }
            Integer exit = o.getState().getTerminated().getExitCode();
            if (exit != null && exit != 0 && "OnFailure".equals(restartPolicy)) {
                continue;
            }
            if (restartable.apply(o.getName())) {
                continue;
            }
            for (ContainerStatus n : statuses) {
                boolean running = n.getState() == null || n.getState().getTerminated() == null;
                if (Objects.equals(o.getName(), n.getName()) && running) {
                    errs.add(FieldError.forbidden(path + "[" + i + "].state",
                            "may not be transitioned to non-terminated state"));
                }
            }
        }
        return errs;
    }

    private static <T> List<T> orEmpty(List<T> list) {
        return list == null ? List.of() : list;
    }

    private static List<FieldError> ips(List<String> ips, String path, String goType) {
        List<FieldError> errs = new ArrayList<>();
        for (int i = 0; i < ips.size(); i++) {
            String ip = PodDefaults.nullToEmpty(ips.get(i));
            if (NetworkSyntax.ip(ip) == null) {
                errs.add(FieldError.invalid(path + "[" + i + "]", ip, NetworkSyntax.INVALID_IP));
            }
        }
        if (ips.size() > 1) {
            long v4 = ips.stream().filter(ip -> ip != null && !ip.contains(":")).count();
            boolean dualStack = v4 >= 1 && ips.size() - v4 >= 1;
            if (!dualStack || ips.size() > 2) {
                List<String> items = ips.stream().map(ip -> goType + "{IP:" + GoQuote.quote(ip) + "}").toList();
                errs.add(FieldError.invalid(path, new GoSyntaxList("[]" + goType, items),
                        "may specify no more than one IP for each IP family"));
            }
            Set<String> seen = new HashSet<>();
            for (int i = 0; i < ips.size(); i++) {
                if (!seen.add(ips.get(i))) {
                    errs.add(FieldError.duplicate(path + "[" + i + "]",
                            new GoSyntaxList(null, List.of(goType + "{IP:" + GoQuote.quote(ips.get(i)) + "}"))));
                }
            }
        }
        return errs;
    }

    /** A Go value printed with %#v, for the errors where kube reports a whole struct or slice. */
    private record GoSyntaxList(String type, List<String> items) {
        @Override
        public String toString() {
            return type == null ? items.get(0) : type + "{" + String.join(", ", items) + "}";
        }
    }
}
