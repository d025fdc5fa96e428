package io.kubeling.controllers.scheduler;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.storage.StorageClass;
import io.kubeling.controllers.Managers;
import io.kubeling.controllers.volumes.Claims;
import io.kubeling.registry.Registry;
import io.kubeling.registry.StatusException;

/**
 * kube-scheduler's VolumeBinding plugin, in part: PreFilter refuses a pod whose claims are missing, being deleted,
 * or unbound in a class that binds at once; PreBind names the chosen node on claims whose class waits for their
 * first consumer, for the provisioner to provision there.
 */
final class VolumeBinding {

    private VolumeBinding() {
    }

    /** Why the pod cannot be scheduled anywhere yet, or null. */
    static String preFilter(Registry registry, Pod pod) {
        List<String> names = Claims.of(pod);
        if (names.isEmpty() || !served(registry)) {
            return null;
        }
        boolean unboundImmediate = false;
        for (String name : names) {
            PersistentVolumeClaim pvc = claim(registry, pod.getMetadata().getNamespace(), name);
            if (pvc == null) {
                return "persistentvolumeclaim \"" + name + "\" not found";
            }
            if (pvc.getMetadata().getDeletionTimestamp() != null) {
                return "persistentvolumeclaim \"" + name + "\" is being deleted";
            }
            if (!Claims.bound(pvc) && !delayed(registry, pvc)) {
                unboundImmediate = true;
            }
        }
        return unboundImmediate ? "pod has unbound immediate PersistentVolumeClaims" : null;
    }

    /** Names the node on each unbound claim of the pod that waits for its first consumer. */
    static void preBind(Registry registry, Pod pod, String node) {
        if (!served(registry)) {
            return;
        }
        for (String name : Claims.of(pod)) {
            PersistentVolumeClaim pvc = claim(registry, pod.getMetadata().getNamespace(), name);
            if (pvc == null || Claims.bound(pvc) || !delayed(registry, pvc)) {
                continue;
            }
            try {
                registry.store(PersistentVolumeClaim.class).update(pod.getMetadata().getNamespace(), name, null, c -> {
                    Map<String, String> a = c.getMetadata().getAnnotations() == null ? new HashMap<>()
                            : new HashMap<>(c.getMetadata().getAnnotations());
                    if (node.equals(a.get(Claims.SELECTED_NODE))) {
                        return null;
                    }
                    a.put(Claims.SELECTED_NODE, node);
                    c.getMetadata().setAnnotations(a);
                    return c;
                }, Managers.SCHEDULER);
            } catch (StatusException e) {
                if (e.code() != 404) {
                    throw e;
                }
            }
        }
    }

    /** IsDelayBindingMode: the claim's class exists and binds when its first consumer is scheduled. */
    private static boolean delayed(Registry registry, PersistentVolumeClaim pvc) {
        String className = Claims.className(pvc);
        if (className.isEmpty()) {
            return false;
        }
        try {
            StorageClass sc = registry.store(StorageClass.class).peek(null, className);
            return "WaitForFirstConsumer".equals(sc.getVolumeBindingMode());
        } catch (StatusException e) {
            if (e.code() == 404) {
                return false;
            }
            throw e;
        }
    }

    private static PersistentVolumeClaim claim(Registry registry, String ns, String name) {
        try {
            return registry.store(PersistentVolumeClaim.class).peek(ns, name);
        } catch (StatusException e) {
            if (e.code() == 404) {
                return null;
            }
            throw e;
        }
    }

    /** Registries built for tests may serve no claims; then nothing is checked. */
    static boolean served(Registry registry) {
        try {
            registry.store(PersistentVolumeClaim.class);
            registry.store(StorageClass.class);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
