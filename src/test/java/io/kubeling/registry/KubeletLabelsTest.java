package io.kubeling.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** A kubelet registers with the labels NodeRestriction lets a kubelet set, and leaves the others to kubeadm. */
class KubeletLabelsTest {

    @Test
    void aKubeletSetsItsWellKnownLabelsAndAnyOutsideKubernetesDomains() {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put("kubernetes.io/hostname", "n1");
        labels.put("beta.kubernetes.io/arch", "amd64");
        labels.put("topology.kubernetes.io/zone", "z1");
        labels.put("node.kubernetes.io/exclude-from-external-load-balancers", "");
        labels.put("custom.kubelet.kubernetes.io/x", "y");
        labels.put("example.com/rack", "r1");
        labels.put("plain", "v");
        labels.put("node-role.kubernetes.io/control-plane", "");
        labels.put("kubernetes.io/role", "master");
        labels.put("k8s.io/x", "y");
        labels.put("node-restriction.kubernetes.io/pool", "a");
        labels.put("x.node-restriction.kubernetes.io/pool", "a");
        assertThat(KubeletLabels.settable(labels).keySet()).containsExactly("kubernetes.io/hostname",
                "beta.kubernetes.io/arch", "topology.kubernetes.io/zone",
                "node.kubernetes.io/exclude-from-external-load-balancers", "custom.kubelet.kubernetes.io/x",
                "example.com/rack", "plain");
    }
}
