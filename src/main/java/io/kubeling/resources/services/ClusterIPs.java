package io.kubeling.resources.services;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import io.fabric8.kubernetes.api.model.ServiceSpec;

/**
 * Keeps spec.clusterIP and spec.clusterIPs in step as kube's NormalizeClusterIPs does, so that old clients that
 * only know the singular field and new ones that send both are understood alike.
 */
final class ClusterIPs {

    private ClusterIPs() {
    }

    static void normalizeOnCreate(ServiceSpec spec) {
        // Only singular given: an old client. The plural is never used to fill in the singular.
        if (!ZeroValues.text(spec.getClusterIP()).isEmpty() && ZeroValues.of(spec.getClusterIPs()).isEmpty()) {
            spec.setClusterIPs(new ArrayList<>(List.of(spec.getClusterIP())));
        }
    }

    static void normalizeOnUpdate(ServiceSpec spec, ServiceSpec old) {
        String clusterIP = ZeroValues.text(spec.getClusterIP());
        String oldClusterIP = ZeroValues.text(old.getClusterIP());
        // An old client that patched some other field and sent no clusterIPs.
        if (!ZeroValues.of(old.getClusterIPs()).isEmpty() && ZeroValues.of(spec.getClusterIPs()).isEmpty()
                && oldClusterIP.equals(clusterIP)) {
            spec.setClusterIPs(new ArrayList<>(old.getClusterIPs()));
        }
        if (!oldClusterIP.equals(clusterIP)) {
            if (!oldClusterIP.isEmpty() && clusterIP.isEmpty()) {
                // Clearing the singular clears the plural on the client's behalf, unless it changed that too.
                if (same(old, spec)) {
                    spec.setClusterIPs(null);
                }
            } else if (same(old, spec)) {
                spec.setClusterIPs(new ArrayList<>(List.of(clusterIP)));
            }
        }
    }

    /** Kube's sameClusterIPs: both the singular and the plural field are unchanged. */
    static boolean same(ServiceSpec old, ServiceSpec spec) {
        return ZeroValues.text(old.getClusterIP()).equals(ZeroValues.text(spec.getClusterIP()))
                && Objects.equals(ZeroValues.of(old.getClusterIPs()), ZeroValues.of(spec.getClusterIPs()));
    }
}
