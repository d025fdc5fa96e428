package io.kubeling.resources.pods;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.DownwardAPIVolumeFile;
import io.fabric8.kubernetes.api.model.EmptyDirVolumeSource;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HTTPGetAction;
import io.fabric8.kubernetes.api.model.Lifecycle;
import io.fabric8.kubernetes.api.model.LifecycleHandler;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.Toleration;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeProjection;

/**
 * The values kube-apiserver fills into a pod: v1 defaulting (SetDefaults_Pod, SetDefaults_PodSpec
 * and the per-type defaults under them), which runs on every decoded create and update, and the
 * admission plugins that complete a pod (ServiceAccount, Priority, DefaultTolerationSeconds).
 */
final class PodDefaults {

    static final String DEFAULT_SCHEDULER = "default-scheduler";
    static final long DEFAULT_GRACE_PERIOD = 30;
    static final String MIRROR_POD_ANNOTATION = "kubernetes.io/config.mirror";
    private static final int DEFAULT_FILE_MODE = 0644;
    private static final long DEFAULT_TOLERATION_SECONDS = 300;
    private static final Map<String, Integer> SYSTEM_PRIORITIES =
            Map.of("system-node-critical", 2000001000, "system-cluster-critical", 2000000000);

    private PodDefaults() {
    }

    /** What decoding a v1 Pod into kube fills in. */
    static void applyDecodeDefaults(Pod pod) {
        PodSpec spec = pod.getSpec();
        if (spec == null) {
            spec = new PodSpec();
            pod.setSpec(spec);
        }
        emptyListsForNulls(spec);
        // SetDefaults_Pod: requests default to limits, but only for Pods (not templates)
        for (Container c : spec.getContainers()) {
            defaultRequestsToLimits(c);
        }
        for (Container c : spec.getInitContainers()) {
            defaultRequestsToLimits(c);
        }
        if (spec.getEnableServiceLinks() == null) {
            spec.setEnableServiceLinks(true);
        }
        if (Boolean.TRUE.equals(spec.getHostNetwork())) {
            defaultHostPorts(spec.getContainers());
            defaultHostPorts(spec.getInitContainers());
        }
        applySpecDefaults(spec);
    }

    /** SetDefaults_PodSpec and what it calls: what a pod and a pod template both get. */
    static void applySpecDefaults(PodSpec spec) {
        emptyListsForNulls(spec);
        if (isEmpty(spec.getDnsPolicy())) {
            spec.setDnsPolicy("ClusterFirst");
        }
        if (isEmpty(spec.getRestartPolicy())) {
            spec.setRestartPolicy("Always");
        }
        if (spec.getSecurityContext() == null) {
            spec.setSecurityContext(new PodSecurityContext());
        }
        if (spec.getTerminationGracePeriodSeconds() == null) {
            spec.setTerminationGracePeriodSeconds(DEFAULT_GRACE_PERIOD);
        }
        if (isEmpty(spec.getSchedulerName())) {
            spec.setSchedulerName(DEFAULT_SCHEDULER);
        }
        for (Volume v : spec.getVolumes()) {
            defaultVolume(v);
        }
        for (Container c : spec.getInitContainers()) {
            defaultContainer(c);
        }
        for (Container c : spec.getContainers()) {
            defaultContainer(c);
        }
        // the v1 -> internal conversion reads the deprecated field when the new one is empty
        if (isEmpty(spec.getServiceAccountName()) && !isEmpty(spec.getServiceAccount())) {
            spec.setServiceAccountName(spec.getServiceAccount());
        }
    }

    /** What the admission plugins add to a new pod. */
    static void admitCreate(Pod pod) {
        PodSpec spec = pod.getSpec();
        boolean mirror = pod.getMetadata() != null && pod.getMetadata().getAnnotations() != null
                && pod.getMetadata().getAnnotations().containsKey(MIRROR_POD_ANNOTATION);
        if (isEmpty(spec.getServiceAccountName()) && !mirror) {
            spec.setServiceAccountName("default");
        }
        if (spec.getPriority() == null) {
            // without PriorityClass objects only the built-in classes resolve; everything else gets the global default
            spec.setPriority(SYSTEM_PRIORITIES.getOrDefault(nullToEmpty(spec.getPriorityClassName()), 0));
        }
        if (spec.getPreemptionPolicy() == null) {
            spec.setPreemptionPolicy("PreemptLowerPriority");
        }
        addDefaultTolerations(spec);
        mirrorServiceAccount(spec);
    }

    /** What the admission plugins do to an updated pod: keep the computed priority, re-add tolerations. */
    static void admitUpdate(Pod pod, Pod old) {
        PodSpec spec = pod.getSpec();
        PodSpec oldSpec = old.getSpec();
        if (oldSpec != null) {
            if (spec.getPriority() == null) {
                spec.setPriority(oldSpec.getPriority());
            }
            if (spec.getPreemptionPolicy() == null) {
                spec.setPreemptionPolicy(oldSpec.getPreemptionPolicy());
            }
        }
        addDefaultTolerations(spec);
        mirrorServiceAccount(spec);
    }

    /** kube writes the deprecated serviceAccount field back as a copy of serviceAccountName. */
    private static void mirrorServiceAccount(PodSpec spec) {
        spec.setServiceAccount(isEmpty(spec.getServiceAccountName()) ? null : spec.getServiceAccountName());
    }

    /**
     * DefaultTolerationSeconds: pods that tolerate neither not-ready nor unreachable nodes get
     * evicted from them after five minutes.
     */
    private static void addDefaultTolerations(PodSpec spec) {
        boolean notReady = false;
        boolean unreachable = false;
        List<Toleration> tolerations = spec.getTolerations() == null ? new ArrayList<>() : spec.getTolerations();
        for (Toleration t : tolerations) {
            boolean noExecute = isEmpty(t.getEffect()) || "NoExecute".equals(t.getEffect());
            if (noExecute && (isEmpty(t.getKey()) || "node.kubernetes.io/not-ready".equals(t.getKey()))) {
                notReady = true;
            }
            if (noExecute && (isEmpty(t.getKey()) || "node.kubernetes.io/unreachable".equals(t.getKey()))) {
                unreachable = true;
            }
        }
        List<Toleration> result = new ArrayList<>(tolerations);
        if (!notReady) {
            result.add(new Toleration("NoExecute", "node.kubernetes.io/not-ready", "Exists",
                    DEFAULT_TOLERATION_SECONDS, null));
        }
        if (!unreachable) {
            result.add(new Toleration("NoExecute", "node.kubernetes.io/unreachable", "Exists",
                    DEFAULT_TOLERATION_SECONDS, null));
        }
        spec.setTolerations(result);
    }

    /**
     * A JSON null decodes to an empty (nil) list in Go but stays null in fabric8; the lists the
     * pod rules walk through are made empty so a null means the same as an empty list.
     */
    private static void emptyListsForNulls(PodSpec spec) {
        spec.setContainers(orEmpty(spec.getContainers()));
        spec.setInitContainers(orEmpty(spec.getInitContainers()));
        spec.setEphemeralContainers(orEmpty(spec.getEphemeralContainers()));
        spec.setVolumes(orEmpty(spec.getVolumes()));
        spec.setTolerations(orEmpty(spec.getTolerations()));
        spec.setSchedulingGates(orEmpty(spec.getSchedulingGates()));
        spec.setHostAliases(orEmpty(spec.getHostAliases()));
        spec.setReadinessGates(orEmpty(spec.getReadinessGates()));
        for (Container c : spec.getContainers()) {
            emptyListsForNulls(c);
        }
        for (Container c : spec.getInitContainers()) {
            emptyListsForNulls(c);
        }
    }

    private static void emptyListsForNulls(Container c) {
        c.setPorts(orEmpty(c.getPorts()));
        c.setEnv(orEmpty(c.getEnv()));
        c.setEnvFrom(orEmpty(c.getEnvFrom()));
        c.setVolumeMounts(orEmpty(c.getVolumeMounts()));
        c.setVolumeDevices(orEmpty(c.getVolumeDevices()));
        c.setResizePolicy(orEmpty(c.getResizePolicy()));
    }

    private static <T> List<T> orEmpty(List<T> list) {
        return list == null ? new ArrayList<>() : list;
    }

    private static void defaultRequestsToLimits(Container c) {
        ResourceRequirements r = c.getResources();
        if (r == null || r.getLimits() == null || r.getLimits().isEmpty()) {
            return;
        }
        Map<String, Quantity> requests = new LinkedHashMap<>();
        if (r.getRequests() != null) {
            requests.putAll(r.getRequests());
        }
        r.getLimits().forEach((name, q) -> requests.putIfAbsent(name, new Quantity(q.getAmount(), q.getFormat())));
        r.setRequests(requests);
    }

    private static void defaultHostPorts(List<Container> containers) {
        for (Container c : containers) {
            for (ContainerPort p : c.getPorts()) {
                if (p.getHostPort() == null || p.getHostPort() == 0) {
                    p.setHostPort(p.getContainerPort());
                }
            }
        }
    }

    private static void defaultContainer(Container c) {
        if (isEmpty(c.getImagePullPolicy())) {
            c.setImagePullPolicy(ImageReference.defaultPullPolicy(c.getImage()));
        }
        if (isEmpty(c.getTerminationMessagePath())) {
            c.setTerminationMessagePath("/dev/termination-log");
        }
        if (isEmpty(c.getTerminationMessagePolicy())) {
            c.setTerminationMessagePolicy("File");
        }
        // resources is a struct, not a pointer, in Go: it is always there, if only as {}
        if (c.getResources() == null) {
            c.setResources(new ResourceRequirements());
        }
        for (ContainerPort p : c.getPorts()) {
            if (isEmpty(p.getProtocol())) {
                p.setProtocol("TCP");
            }
        }
        for (EnvVar e : c.getEnv()) {
            if (e.getValueFrom() != null && e.getValueFrom().getFieldRef() != null
                    && isEmpty(e.getValueFrom().getFieldRef().getApiVersion())) {
                e.getValueFrom().getFieldRef().setApiVersion("v1");
            }
        }
        defaultProbe(c.getLivenessProbe());
        defaultProbe(c.getReadinessProbe());
        defaultProbe(c.getStartupProbe());
        Lifecycle lifecycle = c.getLifecycle();
        if (lifecycle != null) {
            defaultHandler(lifecycle.getPostStart());
            defaultHandler(lifecycle.getPreStop());
        }
    }

    private static void defaultProbe(Probe p) {
        if (p == null) {
            return;
        }
        if (p.getTimeoutSeconds() == null || p.getTimeoutSeconds() == 0) {
            p.setTimeoutSeconds(1);
        }
        if (p.getPeriodSeconds() == null || p.getPeriodSeconds() == 0) {
            p.setPeriodSeconds(10);
        }
        if (p.getSuccessThreshold() == null || p.getSuccessThreshold() == 0) {
            p.setSuccessThreshold(1);
        }
        if (p.getFailureThreshold() == null || p.getFailureThreshold() == 0) {
            p.setFailureThreshold(3);
        }
        defaultHttpGet(p.getHttpGet());
    }

    private static void defaultHandler(LifecycleHandler h) {
        if (h != null) {
            defaultHttpGet(h.getHttpGet());
        }
    }

    private static void defaultHttpGet(HTTPGetAction a) {
        if (a == null) {
            return;
        }
        if (isEmpty(a.getPath())) {
            a.setPath("/");
        }
        if (isEmpty(a.getScheme())) {
            a.setScheme("HTTP");
        }
    }

    private static void defaultVolume(Volume v) {
        if (VolumeSources.present(v).isEmpty()) {
            v.setEmptyDir(new EmptyDirVolumeSource());
        }
        if (v.getSecret() != null && v.getSecret().getDefaultMode() == null) {
            v.getSecret().setDefaultMode(DEFAULT_FILE_MODE);
        }
        if (v.getConfigMap() != null && v.getConfigMap().getDefaultMode() == null) {
            v.getConfigMap().setDefaultMode(DEFAULT_FILE_MODE);
        }
        if (v.getDownwardAPI() != null) {
            if (v.getDownwardAPI().getDefaultMode() == null) {
                v.getDownwardAPI().setDefaultMode(DEFAULT_FILE_MODE);
            }
            v.getDownwardAPI().getItems().forEach(PodDefaults::defaultFieldRef);
        }
        if (v.getProjected() != null) {
            if (v.getProjected().getDefaultMode() == null) {
                v.getProjected().setDefaultMode(DEFAULT_FILE_MODE);
            }
            for (VolumeProjection p : v.getProjected().getSources()) {
                if (p.getServiceAccountToken() != null && p.getServiceAccountToken().getExpirationSeconds() == null) {
                    p.getServiceAccountToken().setExpirationSeconds(3600L);
                }
                if (p.getDownwardAPI() != null) {
                    p.getDownwardAPI().getItems().forEach(PodDefaults::defaultFieldRef);
                }
            }
        }
        if (v.getHostPath() != null && v.getHostPath().getType() == null) {
            v.getHostPath().setType("");
        }
        if (v.getIscsi() != null && isEmpty(v.getIscsi().getIscsiInterface())) {
            v.getIscsi().setIscsiInterface("default");
        }
        if (v.getEphemeral() != null && v.getEphemeral().getVolumeClaimTemplate() != null
                && v.getEphemeral().getVolumeClaimTemplate().getSpec() != null
                && v.getEphemeral().getVolumeClaimTemplate().getSpec().getVolumeMode() == null) {
            v.getEphemeral().getVolumeClaimTemplate().getSpec().setVolumeMode("Filesystem");
        }
    }

    private static void defaultFieldRef(DownwardAPIVolumeFile f) {
        if (f.getFieldRef() != null && isEmpty(f.getFieldRef().getApiVersion())) {
            f.getFieldRef().setApiVersion("v1");
        }
    }

    static boolean isEmpty(String s) {
        return s == null || s.isEmpty();
    }

    static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }
}
