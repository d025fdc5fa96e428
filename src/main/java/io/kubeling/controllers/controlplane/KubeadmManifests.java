package io.kubeling.controllers.controlplane;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

import io.kubeling.config.ControlPlaneProperties;
import io.kubeling.config.KubelingProperties;
import io.kubeling.config.ServiceNetworkProperties;
import io.kubeling.config.SimulationProperties;
import io.kubeling.controllers.nodes.ControlPlaneNode;

/**
 * The static pod manifests kubeadm writes on the control-plane node ({@code /etc/kubernetes/manifests}): etcd,
 * kube-apiserver, kube-controller-manager and kube-scheduler, whose mirror pods the node's kubelet keeps in
 * {@code kube-system}.
 */
@Component
public class KubeadmManifests {

    private static final List<String> FILES = List.of("etcd-pod.json", "kube-apiserver-pod.json",
            "kube-controller-manager-pod.json", "kube-scheduler-pod.json");

    private final boolean enabled;
    private final String version;
    private final String podCidr;
    private final String serviceCidr;
    private final Environment environment;
    private final int configuredPort;

    KubeadmManifests(ControlPlaneProperties controlPlane, KubelingProperties kubeling, SimulationProperties simulation,
            ServiceNetworkProperties network, Environment environment) {
        this.enabled = controlPlane.enabled();
        this.version = kubeling.kubernetesVersion().startsWith("v") ? kubeling.kubernetesVersion()
                : "v" + kubeling.kubernetesVersion();
        this.podCidr = simulation.nodes().podCidr();
        this.serviceCidr = network.serviceCidr();
        this.environment = environment;
        this.configuredPort = kubeling.port();
    }

    /** The manifests on {@code node}, whose address is {@code address}: none but on the control-plane node. */
    public List<byte[]> on(String node, String address) {
        if (!enabled || !ControlPlaneNode.NAME.equals(node)) {
            return List.of();
        }
        int port = environment.getProperty("local.server.port", Integer.class, configuredPort);
        Map<String, String> values = Map.of("ADDRESS", address, "NODE", node, "VERSION", version, "PORT",
                Integer.toString(port), "POD_CIDR", podCidr, "SERVICE_CIDR", serviceCidr);
        List<byte[]> out = new ArrayList<>();
        for (String file : FILES) {
            out.add(render(file, values).getBytes(StandardCharsets.UTF_8));
        }
        return out;
    }

    private static String render(String file, Map<String, String> values) {
        try (InputStream in = KubeadmManifests.class.getResourceAsStream(file)) {
            if (in == null) {
                throw new IllegalStateException("no manifest " + file);
            }
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            for (Map.Entry<String, String> value : values.entrySet()) {
                text = text.replace("${" + value.getKey() + "}", value.getValue());
            }
            return text;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
