package io.kubeling.resources.pods;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.HostAlias;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodDNSConfig;
import io.fabric8.kubernetes.api.model.PodReadinessGate;
import io.fabric8.kubernetes.api.model.PodSchedulingGate;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.kubeling.registry.validation.FieldError;
import io.kubeling.registry.validation.GoQuote;
import io.kubeling.registry.validation.Names;
import io.kubeling.resources.common.NetworkSyntax;

/**
 * kube's ValidatePodCreate without the common metadata rules: ValidatePodSpec, the Pod-only
 * container checks, and the fields a new pod may not set. Errors come in kube's order.
 */
final class PodValidation {

    private static final List<String> RESTART_POLICIES = List.of("Always", "OnFailure", "Never");
    private static final List<String> DNS_POLICIES =
            List.of("ClusterFirstWithHostNet", "ClusterFirst", "Default", "None");
    private static final List<String> PREEMPTION_POLICIES = List.of("PreemptLowerPriority", "Never");

    private PodValidation() {
    }

    static List<FieldError> validateCreate(Pod pod) {
        List<FieldError> errs = validateMetadataAndSpec(pod);
        PodSpec spec = specOf(pod);
        if (!spec.getEphemeralContainers().isEmpty()) {
            errs.add(FieldError.forbidden("spec.ephemeralContainers", "cannot be set on create"));
        }
        if (!PodDefaults.isEmpty(spec.getNodeName()) && !spec.getSchedulingGates().isEmpty()) {
            errs.add(FieldError.forbidden("spec.nodeName",
                    "cannot be set until all schedulingGates have been cleared"));
        }
        return errs;
    }

    /** What both create and update check: the spec, and the container checks only a Pod gets. */
    static List<FieldError> validateMetadataAndSpec(Pod pod) {
        PodSpec spec = specOf(pod);
        String name = pod.getMetadata() == null ? null : pod.getMetadata().getName();
        List<FieldError> errs = validateSpec(spec, name, "spec");
        if (PodDefaults.isEmpty(spec.getServiceAccountName())) {
            for (int vi = 0; vi < spec.getVolumes().size(); vi++) {
                var projected = spec.getVolumes().get(vi).getProjected();
                if (projected == null) {
                    continue;
                }
                for (int si = 0; si < projected.getSources().size(); si++) {
                    if (projected.getSources().get(si).getServiceAccountToken() != null) {
                        errs.add(FieldError.forbidden("spec.volumes[" + vi + "].projected.sources[" + si
                                + "].serviceAccountToken", "must not be specified when serviceAccountName is not set"));
                    }
                }
            }
        }
        errs.addAll(ContainerValidation.onlyForPod(spec.getContainers(), "spec.containers"));
        errs.addAll(ContainerValidation.onlyForPod(spec.getInitContainers(), "spec.initContainers"));
        return errs;
    }

    static PodSpec specOf(Pod pod) {
        return pod.getSpec() == null ? new PodSpec() : pod.getSpec();
    }

    static List<FieldError> validateSpec(PodSpec spec, String podName, String path) {
        List<FieldError> errs = new ArrayList<>();
        Long gracePeriod = spec.getTerminationGracePeriodSeconds();
        if (gracePeriod == null) {
            errs.add(FieldError.required(path + ".terminationGracePeriodSeconds", ""));
        }
        VolumeValidation.Result volumes = VolumeValidation.validate(spec.getVolumes(), podName, path + ".volumes");
        errs.addAll(volumes.errors());
        String restartPolicy = PodDefaults.nullToEmpty(spec.getRestartPolicy());
        errs.addAll(ContainerValidation.validateContainers(spec.getContainers(), volumes.volumes(), gracePeriod,
                path + ".containers", restartPolicy));
        errs.addAll(ContainerValidation.validateInitContainers(spec.getInitContainers(), spec.getContainers(),
                volumes.volumes(), gracePeriod, path + ".initContainers", restartPolicy));
        errs.addAll(hostNetworkPorts(spec, path));
        if (restartPolicy.isEmpty()) {
            errs.add(FieldError.required(path + ".restartPolicy", ""));
        } else if (!RESTART_POLICIES.contains(restartPolicy)) {
            errs.add(FieldError.notSupported(path + ".restartPolicy", restartPolicy, RESTART_POLICIES));
        }
        String dnsPolicy = PodDefaults.nullToEmpty(spec.getDnsPolicy());
        if (dnsPolicy.isEmpty()) {
            errs.add(FieldError.required(path + ".dnsPolicy", ""));
        } else if (!DNS_POLICIES.contains(dnsPolicy)) {
            errs.add(FieldError.notSupported(path + ".dnsPolicy", dnsPolicy, DNS_POLICIES));
        }
        errs.addAll(labels(spec.getNodeSelector(), path + ".nodeSelector"));
        errs.addAll(SecurityContextValidation.pod(spec, path + ".securityContext"));
        errs.addAll(dnsConfig(spec.getDnsConfig(), dnsPolicy, path + ".dnsConfig"));
        errs.addAll(readinessGates(spec.getReadinessGates(), path + ".readinessGates"));
        errs.addAll(schedulingGates(spec.getSchedulingGates(), path + ".schedulingGates"));
        subdomain(errs, spec.getServiceAccountName(), path + ".serviceAccountName");
        subdomain(errs, spec.getNodeName(), path + ".nodeName");
        Long deadline = spec.getActiveDeadlineSeconds();
        if (deadline != null && (deadline < 1 || deadline > Integer.MAX_VALUE)) {
            errs.add(FieldError.invalid(path + ".activeDeadlineSeconds", deadline,
                    PodSyntax.inclusiveRange(1, Integer.MAX_VALUE)));
        }
        label(errs, spec.getHostname(), path + ".hostname");
        label(errs, spec.getSubdomain(), path + ".subdomain");
        if (!spec.getTolerations().isEmpty()) {
            errs.addAll(TolerationValidation.validate(spec.getTolerations(), path + ".tolerations"));
        }
        errs.addAll(hostAliases(spec.getHostAliases(), path + ".hostAliases"));
        subdomain(errs, spec.getPriorityClassName(), path + ".priorityClassName");
        if (spec.getRuntimeClassName() != null) {
            String runtimeClass = spec.getRuntimeClassName();
            Names.dns1123Subdomain(runtimeClass)
                    .forEach(m -> errs.add(FieldError.invalid(path + ".runtimeClassName", runtimeClass, m)));
        }
        String preemption = spec.getPreemptionPolicy();
        if (preemption != null) {
            if (preemption.isEmpty()) {
                errs.add(FieldError.required(path + ".preemptionPolicy", ""));
            } else if (!PREEMPTION_POLICIES.contains(preemption)) {
                errs.add(FieldError.notSupported(path + ".preemptionPolicy", preemption, PREEMPTION_POLICIES));
            }
        }
        if (spec.getOs() != null) {
            String os = PodDefaults.nullToEmpty(spec.getOs().getName());
            if (os.isEmpty()) {
                errs.add(FieldError.required(path + ".os.name", ""));
            } else if (!os.equals("linux") && !os.equals("windows")) {
                errs.add(FieldError.notSupported(path + ".os.name", os, List.of("linux", "windows")));
            }
        }
        return errs;
    }

    /** With the host's network a pod's container ports are host ports, so the two must agree. */
    private static List<FieldError> hostNetworkPorts(PodSpec spec, String path) {
        List<FieldError> errs = new ArrayList<>();
        if (!Boolean.TRUE.equals(spec.getHostNetwork())) {
            return errs;
        }
        List<Container> containers = spec.getContainers();
        for (int i = 0; i < containers.size(); i++) {
            List<ContainerPort> ports = containers.get(i).getPorts();
            for (int j = 0; j < ports.size(); j++) {
                int hostPort = ports.get(j).getHostPort() == null ? 0 : ports.get(j).getHostPort();
                int containerPort = ports.get(j).getContainerPort() == null ? 0 : ports.get(j).getContainerPort();
                if (hostPort != containerPort) {
                    errs.add(FieldError.invalid(path + ".containers[" + i + "].ports[" + j + "].hostPort", hostPort,
                            "must match `containerPort` when `hostNetwork` is true"));
                }
            }
        }
        return errs;
    }

    /** Label keys and values, reported at the map's path as kube does (in key order here). */
    static List<FieldError> labels(Map<String, String> labels, String path) {
        List<FieldError> errs = new ArrayList<>();
        if (labels == null) {
            return errs;
        }
        new TreeMap<>(labels).forEach((k, v) -> {
            Names.qualifiedName(k).forEach(m -> errs.add(FieldError.invalid(path, k, m)));
            Names.labelValue(v == null ? "" : v).forEach(m -> errs.add(FieldError.invalid(path, v, m)));
        });
        return errs;
    }

    private static List<FieldError> dnsConfig(PodDNSConfig config, String dnsPolicy, String path) {
        List<FieldError> errs = new ArrayList<>();
        if ("None".equals(dnsPolicy)) {
            if (config == null) {
                return List.of(FieldError.required(path, "must provide `dnsConfig` when `dnsPolicy` is None"));
            }
            if (config.getNameservers().isEmpty()) {
                return List.of(FieldError.required(path + ".nameservers",
                        "must provide at least one DNS nameserver when `dnsPolicy` is None"));
            }
        }
        if (config == null) {
            return errs;
        }
        List<String> servers = config.getNameservers();
        if (servers.size() > 3) {
            errs.add(FieldError.invalid(path + ".nameservers", goList(servers),
                    "must not have more than 3 nameservers"));
        }
        for (int i = 0; i < servers.size(); i++) {
            if (NetworkSyntax.ip(servers.get(i)) == null) {
                errs.add(FieldError.invalid(path + ".nameservers[" + i + "]", servers.get(i),
                        NetworkSyntax.INVALID_IP));
            }
        }
        List<String> searches = config.getSearches();
        if (searches.size() > 32) {
            errs.add(FieldError.invalid(path + ".searches", goList(searches),
                    "must not have more than 32 search paths"));
        }
        if (String.join(" ", searches).length() > 2048) {
            errs.add(FieldError.invalid(path + ".searches", goList(searches),
                    "must not have more than 2048 characters (including spaces) in the search list"));
        }
        for (int i = 0; i < searches.size(); i++) {
            String search = searches.get(i);
            if (search.equals(".")) {
                continue;
            }
            String trimmed = search.endsWith(".") ? search.substring(0, search.length() - 1) : search;
            String p = path + ".searches[" + i + "]";
            Names.dns1123Subdomain(trimmed.replace('_', 'a'))
                    .forEach(m -> errs.add(FieldError.invalid(p, trimmed, m)));
        }
        for (int i = 0; i < config.getOptions().size(); i++) {
            if (PodDefaults.isEmpty(config.getOptions().get(i).getName())) {
                errs.add(FieldError.required(path + ".options[" + i + "]", "must not be empty"));
            }
        }
        return errs;
    }

    /** A Go []string as %v prints it in a field error. */
    private static String goList(List<String> values) {
        return "[]string{" + String.join(", ", values.stream().map(GoQuote::quote).toList()) + "}";
    }

    private static List<FieldError> readinessGates(List<PodReadinessGate> gates, String path) {
        List<FieldError> errs = new ArrayList<>();
        for (int i = 0; i < gates.size(); i++) {
            String type = PodDefaults.nullToEmpty(gates.get(i).getConditionType());
            String p = path + "[" + i + "].conditionType";
            Names.qualifiedName(type).forEach(m -> errs.add(FieldError.invalid(p, type, m)));
        }
        return errs;
    }

    private static List<FieldError> schedulingGates(List<PodSchedulingGate> gates, String path) {
        List<FieldError> errs = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < gates.size(); i++) {
            String name = PodDefaults.nullToEmpty(gates.get(i).getName());
            String p = path + "[" + i + "]";
            Names.qualifiedName(name).forEach(m -> errs.add(FieldError.invalid(p, name, m)));
            if (!seen.add(name)) {
                errs.add(FieldError.duplicate(p, name));
            }
        }
        return errs;
    }

    private static List<FieldError> hostAliases(List<HostAlias> aliases, String path) {
        List<FieldError> errs = new ArrayList<>();
        for (int i = 0; i < aliases.size(); i++) {
            HostAlias alias = aliases.get(i);
            String p = path + "[" + i + "]";
            if (NetworkSyntax.ip(alias.getIp()) == null) {
                errs.add(FieldError.invalid(p + ".ip", PodDefaults.nullToEmpty(alias.getIp()),
                        NetworkSyntax.INVALID_IP));
            }
            for (int j = 0; j < alias.getHostnames().size(); j++) {
                String host = alias.getHostnames().get(j);
                String hp = p + ".hostnames[" + j + "]";
                Names.dns1123Subdomain(host).forEach(m -> errs.add(FieldError.invalid(hp, host, m)));
            }
        }
        return errs;
    }

    private static void subdomain(List<FieldError> errs, String value, String path) {
        if (!PodDefaults.isEmpty(value)) {
            Names.dns1123Subdomain(value).forEach(m -> errs.add(FieldError.invalid(path, value, m)));
        }
    }

    private static void label(List<FieldError> errs, String value, String path) {
        if (!PodDefaults.isEmpty(value)) {
            Names.dns1123Label(value).forEach(m -> errs.add(FieldError.invalid(path, value, m)));
        }
    }
}
