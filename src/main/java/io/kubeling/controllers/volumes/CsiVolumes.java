package io.kubeling.controllers.volumes;

import java.util.LinkedHashMap;
import java.util.Map;

import io.fabric8.kubernetes.api.model.PersistentVolume;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.storage.CSIDriver;
import io.kubeling.registry.Registry;
import io.kubeling.registry.StatusException;

/**
 * What the attach/detach controller and the kubelet read of a pod's CSI volumes, as kube's CSI plugin does: which
 * need attaching to a node, and the unique name nodes report them by in {@code volumesAttached} and
 * {@code volumesInUse}.
 */
public final class CsiVolumes {

    private CsiVolumes() {
    }

    /** kube's unique name of a CSI volume: {@code kubernetes.io/csi/<driver>^<volumeHandle>}. */
    public static String uniqueName(String driver, String volumeHandle) {
        return "kubernetes.io/csi/" + driver + "^" + volumeHandle;
    }

    /**
     * The pod's volumes that need attaching before its containers start, by the volume's name in the pod, with
     * each one's unique name: claims bound to a CSI volume whose driver does not say {@code attachRequired: false}.
     */
    public static Map<String, String> attachable(Registry registry, Pod pod) {
        Map<String, String> out = new LinkedHashMap<>();
        if (pod.getSpec() == null || pod.getSpec().getVolumes() == null) {
            return out;
        }
        for (Volume v : pod.getSpec().getVolumes()) {
            if (v.getPersistentVolumeClaim() == null || v.getPersistentVolumeClaim().getClaimName() == null) {
                continue;
            }
            PersistentVolume pv = boundTo(registry, pod.getMetadata().getNamespace(),
                    v.getPersistentVolumeClaim().getClaimName());
            if (pv != null && attachRequired(registry, pv.getSpec().getCsi().getDriver())) {
                out.put(v.getName(), uniqueName(pv.getSpec().getCsi().getDriver(), pv.getSpec().getCsi()
                        .getVolumeHandle()));
            }
        }
        return out;
    }

    /** The volume the claim is bound to when it is a CSI one, else null. */
    static PersistentVolume boundTo(Registry registry, String namespace, String claimName) {
        try {
            PersistentVolumeClaim pvc = registry.store(PersistentVolumeClaim.class).peek(namespace, claimName);
            if (!Claims.bound(pvc)) {
                return null;
            }
            PersistentVolume pv = registry.store(PersistentVolume.class).peek(null, pvc.getSpec().getVolumeName());
            return pv.getSpec() != null && pv.getSpec().getCsi() != null ? pv : null;
        } catch (StatusException e) {
            if (e.code() == 404) {
                return null;
            }
            throw e;
        }
    }

    /** As kube's CSI plugin: attaching is needed unless the driver's CSIDriver says {@code attachRequired: false}. */
    static boolean attachRequired(Registry registry, String driver) {
        try {
            CSIDriver csiDriver = registry.store(CSIDriver.class).peek(null, driver);
            return csiDriver.getSpec() == null || !Boolean.FALSE.equals(csiDriver.getSpec().getAttachRequired());
        } catch (StatusException e) {
            if (e.code() == 404) {
                return true;
            }
            throw e;
        }
    }
}
