package io.kubeling.controllers.volumes;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.storage.StorageClass;

/** What the volume controllers and the scheduler read off claims, classes and pods, as kube's volume helpers do. */
public final class Claims {

    public static final String SELECTED_NODE = "volume.kubernetes.io/selected-node";
    static final String BETA_CLASS = "volume.beta.kubernetes.io/storage-class";
    static final String PROVISIONER = "volume.kubernetes.io/storage-provisioner";
    static final String BETA_PROVISIONER = "volume.beta.kubernetes.io/storage-provisioner";
    static final String BIND_COMPLETED = "pv.kubernetes.io/bind-completed";
    static final String BOUND_BY_CONTROLLER = "pv.kubernetes.io/bound-by-controller";
    static final String PROVISIONED_BY = "pv.kubernetes.io/provisioned-by";
    public static final String PVC_PROTECTION = "kubernetes.io/pvc-protection";
    public static final String PV_PROTECTION = "kubernetes.io/pv-protection";
    public static final String DEFAULT_CLASS = "storageclass.kubernetes.io/is-default-class";
    static final String BETA_DEFAULT_CLASS = "storageclass.beta.kubernetes.io/is-default-class";

    private Claims() {
    }

    /** GetPersistentVolumeClaimClass: the beta annotation, else the field, else "". */
    public static String className(PersistentVolumeClaim pvc) {
        Map<String, String> a = pvc.getMetadata().getAnnotations();
        if (a != null && a.containsKey(BETA_CLASS)) {
            return a.get(BETA_CLASS);
        }
        String name = pvc.getSpec() == null ? null : pvc.getSpec().getStorageClassName();
        return name == null ? "" : name;
    }

    public static boolean isDefault(StorageClass sc) {
        Map<String, String> a = sc.getMetadata().getAnnotations();
        return a != null && ("true".equals(a.get(DEFAULT_CLASS)) || "true".equals(a.get(BETA_DEFAULT_CLASS)));
    }

    public static boolean bound(PersistentVolumeClaim pvc) {
        return pvc.getSpec() != null && pvc.getSpec().getVolumeName() != null && !pvc.getSpec().getVolumeName().isEmpty();
    }

    /** The names of the claims a pod's volumes use. */
    public static List<String> of(Pod pod) {
        List<String> names = new ArrayList<>();
        if (pod.getSpec() == null || pod.getSpec().getVolumes() == null) {
            return names;
        }
        for (Volume v : pod.getSpec().getVolumes()) {
            if (v.getPersistentVolumeClaim() != null && v.getPersistentVolumeClaim().getClaimName() != null) {
                names.add(v.getPersistentVolumeClaim().getClaimName());
            }
        }
        return names;
    }

    /** Whether a pod still uses its volumes: not finished. */
    static boolean active(Pod pod) {
        String phase = pod.getStatus() == null ? null : pod.getStatus().getPhase();
        return !"Succeeded".equals(phase) && !"Failed".equals(phase);
    }
}
