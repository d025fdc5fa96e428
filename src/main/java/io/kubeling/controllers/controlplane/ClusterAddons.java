package io.kubeling.controllers.controlplane;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.kubeling.registry.ObjectCodec;
import io.kubeling.registry.Registry;
import io.kubeling.registry.ResourceStore;
import io.kubeling.registry.StatusException;
import io.kubeling.registry.WriteOptions;

/**
 * The add-ons kubeadm installs in {@code kube-system}: CoreDNS behind the {@code kube-dns} Service and kube-proxy on
 * every node. Each is created when missing, so a restart finds them and adds nothing.
 */
public final class ClusterAddons {

    static final String NAMESPACE = "kube-system";
    static final WriteOptions KUBEADM = new WriteOptions(false, "kubeadm");
    private static final Logger log = LoggerFactory.getLogger(ClusterAddons.class);

    private record Manifest(Class<? extends HasMetadata> type, String file) {
    }

    private static final List<Manifest> MANIFESTS = List.of(
            new Manifest(ServiceAccount.class, "coredns-serviceaccount.json"),
            new Manifest(ConfigMap.class, "coredns-configmap.json"),
            new Manifest(Service.class, "kube-dns-service.json"),
            new Manifest(Deployment.class, "coredns-deployment.json"),
            new Manifest(ServiceAccount.class, "kube-proxy-serviceaccount.json"),
            new Manifest(ConfigMap.class, "kube-proxy-configmap.json"),
            new Manifest(DaemonSet.class, "kube-proxy-daemonset.json"));

    private final Registry registry;
    private final ObjectCodec codec;
    private final Map<String, String> values;

    /**
     * @param dnsAddress the {@code kube-dns} Service's cluster IP
     * @param kubernetesAddress the {@code kubernetes} Service's cluster IP
     * @param podCidr the pods' network, which kube-proxy is told of
     * @param kubernetesVersion the version kube-proxy's image is tagged with, {@code v1.32.4}
     */
    public ClusterAddons(Registry registry, ObjectCodec codec, String dnsAddress, String kubernetesAddress,
            String podCidr, String kubernetesVersion) {
        this.registry = registry;
        this.codec = codec;
        this.values = Map.of("DNS_ADDRESS", dnsAddress, "KUBERNETES_ADDRESS", kubernetesAddress, "POD_CIDR", podCidr,
                "KUBERNETES_VERSION", kubernetesVersion.startsWith("v") ? kubernetesVersion : "v" + kubernetesVersion);
    }

    /** Creates what is missing; an object refused (its address taken by a user's Service, say) is left out, logged. */
    public void ensure() {
        for (Manifest manifest : MANIFESTS) {
            ensure(manifest.type(), manifest.file());
        }
    }

    private <T extends HasMetadata> void ensure(Class<T> type, String file) {
        T object = codec.decode(manifest(file).getBytes(StandardCharsets.UTF_8), type);
        String name = object.getMetadata().getName();
        ResourceStore<T> store = registry.store(type);
        try {
            store.get(NAMESPACE, name);
            return;
        } catch (StatusException missing) {
            if (missing.code() != 404) {
                throw missing;
            }
        }
        try {
            store.create(NAMESPACE, object, KUBEADM);
        } catch (StatusException e) {
            if (e.code() != 409) {
                log.warn("{} {}/{} is not created: {}", type.getSimpleName(), NAMESPACE, name, e.getMessage());
            }
        }
    }

    private String manifest(String file) {
        try (InputStream in = ClusterAddons.class.getResourceAsStream(file)) {
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
