package io.kubeling.resources.pods;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.ContainerResizePolicy;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.VolumeDevice;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.kubeling.registry.validation.FieldError;
import io.kubeling.registry.validation.Names;
import io.kubeling.resources.common.NetworkSyntax;

/**
 * kube's checks of the containers of a pod (validateContainers, validateInitContainers and the
 * validateContainerCommon both share), with kube's field paths and messages and in kube's order.
 */
final class ContainerValidation {

    private static final List<String> PROTOCOLS = List.of("SCTP", "TCP", "UDP");
    private static final List<String> PULL_POLICIES = List.of("Always", "IfNotPresent", "Never");
    private static final List<String> MESSAGE_POLICIES = List.of("File", "FallbackToLogsOnError");
    private static final List<String> PROPAGATIONS = List.of("Bidirectional", "HostToContainer", "None");

    private ContainerValidation() {
    }

    /** What a pod's volumes give its containers to mount: name to whether it is a PVC (or ephemeral). */
    record Volumes(Map<String, Boolean> claimBacked) {
        boolean has(String name) {
            return claimBacked.containsKey(name);
        }
    }

    static List<FieldError> validateContainers(List<Container> containers, Volumes volumes, Long gracePeriod,
            String path, String podRestartPolicy) {
        List<FieldError> errs = new ArrayList<>();
        if (containers.isEmpty()) {
            errs.add(FieldError.required(path, ""));
            return errs;
        }
        Set<String> names = new HashSet<>();
        for (int i = 0; i < containers.size(); i++) {
            Container c = containers.get(i);
            String p = path + "[" + i + "]";
            errs.addAll(common(c, volumes, p, podRestartPolicy));
            if (!names.add(PodDefaults.nullToEmpty(c.getName()))) {
                errs.add(FieldError.duplicate(p + ".name", PodDefaults.nullToEmpty(c.getName())));
            }
            if (c.getLifecycle() != null) {
                errs.addAll(ProbeValidation.lifecycle(c.getLifecycle(), gracePeriod, p + ".lifecycle"));
            }
            errs.addAll(ProbeValidation.liveness(c.getLivenessProbe(), gracePeriod, p + ".livenessProbe"));
            errs.addAll(ProbeValidation.readiness(c.getReadinessProbe(), gracePeriod, p + ".readinessProbe"));
            errs.addAll(ProbeValidation.startup(c.getStartupProbe(), gracePeriod, p + ".startupProbe"));
            if (c.getRestartPolicy() != null) {
                errs.add(FieldError.forbidden(p + ".restartPolicy", "may not be set for non-init containers"));
            }
        }
        errs.addAll(hostPortConflicts(containers, path));
        return errs;
    }

    static List<FieldError> validateInitContainers(List<Container> inits, List<Container> regular, Volumes volumes,
            Long gracePeriod, String path, String podRestartPolicy) {
        List<FieldError> errs = new ArrayList<>();
        Set<String> names = new HashSet<>();
        regular.forEach(c -> names.add(PodDefaults.nullToEmpty(c.getName())));
        for (int i = 0; i < inits.size(); i++) {
            Container c = inits.get(i);
            String p = path + "[" + i + "]";
            errs.addAll(common(c, volumes, p, podRestartPolicy));
            boolean restartAlways = false;
            if (c.getRestartPolicy() != null) {
                if (!"Always".equals(c.getRestartPolicy())) {
                    errs.add(FieldError.notSupported(p + ".restartPolicy", c.getRestartPolicy(), List.of("Always")));
                }
                restartAlways = "Always".equals(c.getRestartPolicy());
            }
            String name = PodDefaults.nullToEmpty(c.getName());
            if (names.contains(name)) {
                errs.add(FieldError.duplicate(p + ".name", name));
            } else if (!name.isEmpty()) {
                names.add(name);
            }
            errs.addAll(hostPortConflicts(List.of(c), path));
            if (restartAlways) {
                if (c.getLifecycle() != null) {
                    errs.addAll(ProbeValidation.lifecycle(c.getLifecycle(), gracePeriod, p + ".lifecycle"));
                }
                errs.addAll(ProbeValidation.liveness(c.getLivenessProbe(), gracePeriod, p + ".livenessProbe"));
                errs.addAll(ProbeValidation.readiness(c.getReadinessProbe(), gracePeriod, p + ".readinessProbe"));
                errs.addAll(ProbeValidation.startup(c.getStartupProbe(), gracePeriod, p + ".startupProbe"));
            } else {
                String why = "may not be set for init containers without restartPolicy=Always";
                if (c.getLifecycle() != null) {
                    errs.add(FieldError.forbidden(p + ".lifecycle", why));
                }
                if (c.getLivenessProbe() != null) {
                    errs.add(FieldError.forbidden(p + ".livenessProbe", why));
                }
                if (c.getReadinessProbe() != null) {
                    errs.add(FieldError.forbidden(p + ".readinessProbe", why));
                }
                if (c.getStartupProbe() != null) {
                    errs.add(FieldError.forbidden(p + ".startupProbe", why));
                }
            }
        }
        return errs;
    }

    /** Checks only a Pod (not a pod template) gets: images without surrounding whitespace. */
    static List<FieldError> onlyForPod(List<Container> containers, String path) {
        List<FieldError> errs = new ArrayList<>();
        for (int i = 0; i < containers.size(); i++) {
            String image = PodDefaults.nullToEmpty(containers.get(i).getImage());
            if (image.length() != image.strip().length()) {
                errs.add(FieldError.invalid(path + "[" + i + "].image", image,
                        "must not have leading or trailing whitespace"));
            }
        }
        return errs;
    }

    private static List<FieldError> common(Container c, Volumes volumes, String p, String podRestartPolicy) {
        List<FieldError> errs = new ArrayList<>();
        String name = PodDefaults.nullToEmpty(c.getName());
        if (name.isEmpty()) {
            errs.add(FieldError.required(p + ".name", ""));
        } else {
            Names.dns1123Label(name).forEach(msg -> errs.add(FieldError.invalid(p + ".name", name, msg)));
        }
        if (PodDefaults.isEmpty(c.getImage())) {
            errs.add(FieldError.required(p + ".image", ""));
        }
        String policy = PodDefaults.nullToEmpty(c.getTerminationMessagePolicy());
        if (policy.isEmpty()) {
            errs.add(FieldError.required(p + ".terminationMessagePolicy", ""));
        } else if (!MESSAGE_POLICIES.contains(policy)) {
            errs.add(FieldError.notSupported(p + ".terminationMessagePolicy", policy, MESSAGE_POLICIES));
        }
        Map<String, String> mounts = new HashMap<>();
        c.getVolumeMounts().forEach(m -> mounts.put(PodDefaults.nullToEmpty(m.getName()),
                PodDefaults.nullToEmpty(m.getMountPath())));
        Map<String, String> devices = new HashMap<>();
        c.getVolumeDevices().forEach(d -> devices.put(PodDefaults.nullToEmpty(d.getName()),
                PodDefaults.nullToEmpty(d.getDevicePath())));
        errs.addAll(ports(c.getPorts(), p + ".ports"));
        errs.addAll(EnvValidation.env(c.getEnv(), p + ".env"));
        errs.addAll(EnvValidation.envFrom(c.getEnvFrom(), p + ".envFrom"));
        errs.addAll(volumeMounts(c.getVolumeMounts(), devices, volumes, c, p + ".volumeMounts"));
        errs.addAll(volumeDevices(c.getVolumeDevices(), mounts, volumes, p + ".volumeDevices"));
        String pull = PodDefaults.nullToEmpty(c.getImagePullPolicy());
        if (pull.isEmpty()) {
            errs.add(FieldError.required(p + ".imagePullPolicy", ""));
        } else if (!PULL_POLICIES.contains(pull)) {
            errs.add(FieldError.notSupported(p + ".imagePullPolicy", pull, PULL_POLICIES));
        }
        errs.addAll(ResourceValidation.validate(c.getResources(), p + ".resources"));
        errs.addAll(resizePolicy(c.getResizePolicy(), p + ".resizePolicy", podRestartPolicy));
        errs.addAll(SecurityContextValidation.container(c.getSecurityContext(), p + ".securityContext"));
        return errs;
    }

    static List<FieldError> ports(List<ContainerPort> ports, String path) {
        List<FieldError> errs = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (int i = 0; i < ports.size(); i++) {
            ContainerPort port = ports.get(i);
            String p = path + "[" + i + "]";
            String name = PodDefaults.nullToEmpty(port.getName());
            if (!name.isEmpty()) {
                List<String> msgs = NetworkSyntax.portName(name);
                if (!msgs.isEmpty()) {
                    msgs.forEach(m -> errs.add(FieldError.invalid(p + ".name", name, m)));
                } else if (!names.add(name)) {
                    errs.add(FieldError.duplicate(p + ".name", name));
                }
            }
            int containerPort = port.getContainerPort() == null ? 0 : port.getContainerPort();
            if (containerPort == 0) {
                errs.add(FieldError.required(p + ".containerPort", ""));
            } else {
                NetworkSyntax.portNumber(containerPort)
                        .forEach(m -> errs.add(FieldError.invalid(p + ".containerPort", containerPort, m)));
            }
            int hostPort = port.getHostPort() == null ? 0 : port.getHostPort();
            if (hostPort != 0) {
                NetworkSyntax.portNumber(hostPort).forEach(m -> errs.add(FieldError.invalid(p + ".hostPort", hostPort, m)));
            }
            String protocol = PodDefaults.nullToEmpty(port.getProtocol());
            if (protocol.isEmpty()) {
                errs.add(FieldError.required(p + ".protocol", ""));
            } else if (!PROTOCOLS.contains(protocol)) {
                errs.add(FieldError.notSupported(p + ".protocol", protocol, PROTOCOLS));
            }
        }
        return errs;
    }

    /** The same protocol, host IP and host port may be claimed by only one container port. */
    private static List<FieldError> hostPortConflicts(List<Container> containers, String path) {
        List<FieldError> errs = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        for (int ci = 0; ci < containers.size(); ci++) {
            List<ContainerPort> ports = containers.get(ci).getPorts();
            for (int pi = 0; pi < ports.size(); pi++) {
                ContainerPort port = ports.get(pi);
                int hostPort = port.getHostPort() == null ? 0 : port.getHostPort();
                if (hostPort == 0) {
                    continue;
                }
                String key = PodDefaults.nullToEmpty(port.getProtocol()) + "/"
                        + PodDefaults.nullToEmpty(port.getHostIP()) + "/" + hostPort;
                if (!seen.add(key)) {
                    errs.add(FieldError.duplicate(path + "[" + ci + "].ports[" + pi + "].hostPort", key));
                }
            }
        }
        return errs;
    }

    private static List<FieldError> volumeMounts(List<VolumeMount> mounts, Map<String, String> devices,
            Volumes volumes, Container c, String path) {
        List<FieldError> errs = new ArrayList<>();
        Set<String> mountPoints = new HashSet<>();
        for (int i = 0; i < mounts.size(); i++) {
            VolumeMount m = mounts.get(i);
            String p = path + "[" + i + "]";
            String name = PodDefaults.nullToEmpty(m.getName());
            String mountPath = PodDefaults.nullToEmpty(m.getMountPath());
            if (name.isEmpty()) {
                errs.add(FieldError.required(p + ".name", ""));
            }
            if (!volumes.has(name)) {
                errs.add(FieldError.notFound(p + ".name", name));
            }
            if (mountPath.isEmpty()) {
                errs.add(FieldError.required(p + ".mountPath", ""));
            }
            if (!mountPoints.add(mountPath)) {
                errs.add(FieldError.invalid(p + ".mountPath", mountPath, "must be unique"));
            }
            if (devices.containsKey(name)) {
                errs.add(FieldError.invalid(p + ".name", name, "must not already exist in volumeDevices"));
            }
            if (devices.containsValue(mountPath)) {
                errs.add(FieldError.invalid(p + ".mountPath", mountPath,
                        "must not already exist as a path in volumeDevices"));
            }
            String subPath = PodDefaults.nullToEmpty(m.getSubPath());
            String subPathExpr = PodDefaults.nullToEmpty(m.getSubPathExpr());
            // kube reports these two at the list's path, not the mount's
            if (!subPath.isEmpty()) {
                errs.addAll(VolumeValidation.localDescendingPath(subPath, path + ".subPath"));
            }
            if (!subPathExpr.isEmpty()) {
                if (!subPath.isEmpty()) {
                    errs.add(FieldError.invalid(p + ".subPathExpr", subPathExpr,
                            "subPathExpr and subPath are mutually exclusive"));
                }
                errs.addAll(VolumeValidation.localDescendingPath(subPathExpr, path + ".subPathExpr"));
            }
            if (m.getMountPropagation() != null) {
                errs.addAll(mountPropagation(m.getMountPropagation(), c, path + ".mountPropagation"));
            }
        }
        return errs;
    }

    private static List<FieldError> mountPropagation(String mode, Container c, String path) {
        if (!PROPAGATIONS.contains(mode)) {
            return List.of(FieldError.notSupported(path, mode, PROPAGATIONS));
        }
        SecurityContext sc = c.getSecurityContext();
        boolean privileged = sc != null && Boolean.TRUE.equals(sc.getPrivileged());
        if ("Bidirectional".equals(mode) && !privileged) {
            return List.of(FieldError.forbidden(path,
                    "Bidirectional mount propagation is available only to privileged containers"));
        }
        return List.of();
    }

    private static List<FieldError> volumeDevices(List<VolumeDevice> devices, Map<String, String> mounts,
            Volumes volumes, String path) {
        List<FieldError> errs = new ArrayList<>();
        Set<String> paths = new HashSet<>();
        Set<String> names = new HashSet<>();
        for (int i = 0; i < devices.size(); i++) {
            VolumeDevice d = devices.get(i);
            String p = path + "[" + i + "]";
            String name = PodDefaults.nullToEmpty(d.getName());
            String devicePath = PodDefaults.nullToEmpty(d.getDevicePath());
            if (name.isEmpty()) {
                errs.add(FieldError.required(p + ".name", ""));
            }
            if (names.contains(name)) {
                errs.add(FieldError.invalid(p + ".name", name, "must be unique"));
            }
            if (volumes.has(name) && !volumes.claimBacked().get(name)) {
                errs.add(FieldError.invalid(p + ".name", name,
                        "can only use volume source type of PersistentVolumeClaim or Ephemeral for block mode"));
            }
            if (!volumes.has(name)) {
                errs.add(FieldError.notFound(p + ".name", name));
            }
            if (devicePath.isEmpty()) {
                errs.add(FieldError.required(p + ".devicePath", ""));
            }
            if (paths.contains(devicePath)) {
                errs.add(FieldError.invalid(p + ".devicePath", devicePath, "must be unique"));
            }
            if (!devicePath.isEmpty() && List.of(devicePath.split("/", -1)).contains("..")) {
                errs.add(FieldError.invalid(p + ".devicePath", devicePath, "can not contain backsteps ('..')"));
            } else {
                paths.add(devicePath);
            }
            if (mounts.containsKey(name)) {
                errs.add(FieldError.invalid(p + ".name", name, "must not already exist in volumeMounts"));
            }
            if (mounts.containsValue(devicePath)) {
                errs.add(FieldError.invalid(p + ".devicePath", devicePath,
                        "must not already exist as a path in volumeMounts"));
            }
            if (!name.isEmpty()) {
                names.add(name);
            }
        }
        return errs;
    }

    private static List<FieldError> resizePolicy(List<ContainerResizePolicy> policies, String path,
            String podRestartPolicy) {
        List<FieldError> errs = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < policies.size(); i++) {
            ContainerResizePolicy p = policies.get(i);
            String resource = PodDefaults.nullToEmpty(p.getResourceName());
            String restart = PodDefaults.nullToEmpty(p.getRestartPolicy());
            if (!seen.add(resource)) {
                errs.add(FieldError.duplicate(path + "[" + i + "]", resource));
            }
            if (resource.isEmpty()) {
                errs.add(FieldError.required(path, ""));
            } else if (!resource.equals("cpu") && !resource.equals("memory")) {
                errs.add(FieldError.notSupported(path, resource, List.of("cpu", "memory")));
            }
            if (restart.isEmpty()) {
                errs.add(FieldError.required(path, ""));
            } else if (!restart.equals("NotRequired") && !restart.equals("RestartContainer")) {
                errs.add(FieldError.notSupported(path, restart, List.of("NotRequired", "RestartContainer")));
            }
            if ("Never".equals(podRestartPolicy) && !restart.equals("NotRequired")) {
                errs.add(FieldError.invalid(path, restart, "must be 'NotRequired' when `restartPolicy` is 'Never'"));
            }
        }
        return errs;
    }
}
