package io.kubeling.controllers.statefulsets;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimVolumeSource;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.kubeling.controllers.PodReadiness;

/** kube's stateful_set_utils: ordinals, names, identity and storage of a StatefulSet's pods, and their health. */
final class StatefulPods {

    static final String POD_NAME_LABEL = "statefulset.kubernetes.io/pod-name";
    static final String POD_INDEX_LABEL = "apps.kubernetes.io/pod-index";
    static final String REVISION_LABEL = "controller-revision-hash";

    private static final Pattern ORDINAL = Pattern.compile("(.*)-([0-9]+)$");

    private StatefulPods() {
    }

    /** The pod's ordinal, or -1 when its name has none. */
    static int ordinal(Pod pod) {
        Matcher m = ORDINAL.matcher(pod.getMetadata().getName());
        if (!m.matches()) {
            return -1;
        }
        try {
            return Integer.parseInt(m.group(2));
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** isMemberOf: the pod's name is the set's name and an ordinal. */
    static boolean memberOf(StatefulSet set, Pod pod) {
        Matcher m = ORDINAL.matcher(pod.getMetadata().getName());
        return m.matches() && m.group(1).equals(set.getMetadata().getName());
    }

    static String podName(StatefulSet set, int ordinal) {
        return set.getMetadata().getName() + "-" + ordinal;
    }

    static String claimName(StatefulSet set, PersistentVolumeClaim template, int ordinal) {
        return template.getMetadata().getName() + "-" + set.getMetadata().getName() + "-" + ordinal;
    }

    static int startOrdinal(StatefulSet set) {
        return set.getSpec().getOrdinals() == null || set.getSpec().getOrdinals().getStart() == null ? 0
                : set.getSpec().getOrdinals().getStart();
    }

    static int replicas(StatefulSet set) {
        return set.getSpec().getReplicas() == null ? 1 : set.getSpec().getReplicas();
    }

    /** updateIdentity and initIdentity: name, hostname, subdomain and the identity labels. */
    static void setIdentity(StatefulSet set, Pod pod, int ordinal) {
        pod.getMetadata().setName(podName(set, ordinal));
        pod.getMetadata().setNamespace(set.getMetadata().getNamespace());
        Map<String, String> labels = pod.getMetadata().getLabels() == null ? new HashMap<>()
                : new HashMap<>(pod.getMetadata().getLabels());
        labels.put(POD_NAME_LABEL, pod.getMetadata().getName());
        labels.put(POD_INDEX_LABEL, Integer.toString(ordinal));
        pod.getMetadata().setLabels(labels);
        pod.getSpec().setHostname(pod.getMetadata().getName());
        pod.getSpec().setSubdomain(set.getSpec().getServiceName());
    }

    /** updateStorage: each claim template becomes a volume of that name on the pod's own claim. */
    static void setStorage(StatefulSet set, Pod pod, int ordinal) {
        List<PersistentVolumeClaim> templates = set.getSpec().getVolumeClaimTemplates();
        if (templates == null || templates.isEmpty()) {
            return;
        }
        Map<String, Volume> claimed = new HashMap<>();
        for (PersistentVolumeClaim template : templates) {
            Volume volume = new Volume();
            volume.setName(template.getMetadata().getName());
            volume.setPersistentVolumeClaim(new PersistentVolumeClaimVolumeSource(claimName(set, template, ordinal),
                    false));
            claimed.put(volume.getName(), volume);
        }
        List<Volume> volumes = new ArrayList<>();
        for (Volume v : pod.getSpec().getVolumes() == null ? List.<Volume>of() : pod.getSpec().getVolumes()) {
            if (!claimed.containsKey(v.getName())) {
                volumes.add(v);
            }
        }
        volumes.addAll(claimed.values());
        pod.getSpec().setVolumes(volumes);
    }

    static String revision(Pod pod) {
        return pod.getMetadata().getLabels() == null ? null : pod.getMetadata().getLabels().get(REVISION_LABEL);
    }

    static boolean created(Pod pod) {
        return pod.getStatus() != null && pod.getStatus().getPhase() != null && !pod.getStatus().getPhase().isEmpty();
    }

    static boolean terminating(Pod pod) {
        return pod.getMetadata().getDeletionTimestamp() != null;
    }

    static boolean finished(Pod pod) {
        String phase = PodReadiness.phase(pod);
        return "Failed".equals(phase) || "Succeeded".equals(phase);
    }

    static boolean runningAndReady(Pod pod) {
        return "Running".equals(PodReadiness.phase(pod)) && PodReadiness.ready(pod);
    }

    static boolean runningAndAvailable(Pod pod, int minReadySeconds, Instant now) {
        return runningAndReady(pod) && PodReadiness.available(pod, minReadySeconds, now);
    }

    static boolean healthy(Pod pod) {
        return runningAndReady(pod) && !terminating(pod);
    }
}
