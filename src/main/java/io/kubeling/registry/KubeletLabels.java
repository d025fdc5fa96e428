package io.kubeling.registry;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The labels a kubelet may set on its own Node (k8s.io/kubelet's well-known labels): NodeRestriction refuses any
 * other kubernetes.io or k8s.io label, so a kubelet registers without them and kubeadm, as the admin, adds the rest
 * (the control plane's role), as its mark-control-plane phase does.
 */
public final class KubeletLabels {

    private static final Set<String> KUBELET_LABELS = Set.of("kubernetes.io/hostname", "topology.kubernetes.io/zone",
            "topology.kubernetes.io/region", "failure-domain.beta.kubernetes.io/zone",
            "failure-domain.beta.kubernetes.io/region", "beta.kubernetes.io/instance-type",
            "node.kubernetes.io/instance-type", "kubernetes.io/os", "kubernetes.io/arch", "beta.kubernetes.io/os",
            "beta.kubernetes.io/arch");
    private static final List<String> KUBELET_NAMESPACES = List.of("kubelet.kubernetes.io", "node.kubernetes.io");

    private KubeletLabels() {
    }

    /** The labels of {@code labels} that the kubelet sets itself, in their order. */
    public static Map<String, String> settable(Map<String, String> labels) {
        Map<String, String> out = new LinkedHashMap<>();
        labels.forEach((k, v) -> {
            if (settable(k)) {
                out.put(k, v);
            }
        });
        return out;
    }

    /** Whether a kubelet may set {@code key} on its own Node (NodeRestriction lets it). */
    public static boolean settable(String key) {
        int slash = key.indexOf('/');
        String namespace = slash < 0 ? "" : key.substring(0, slash);
        if (within(namespace, "node-restriction.kubernetes.io")) {
            return false;
        }
        if (!within(namespace, "kubernetes.io") && !within(namespace, "k8s.io")) {
            return true;
        }
        return KUBELET_LABELS.contains(key) || KUBELET_NAMESPACES.stream().anyMatch(n -> within(namespace, n));
    }

    private static boolean within(String namespace, String domain) {
        return namespace.equals(domain) || namespace.endsWith("." + domain);
    }
}
