package io.kubeling.support;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;

/** A fabric8 client pointed at a test server, ignoring any kubeconfig on the machine. */
public final class Fabric8 {

    private Fabric8() {
    }

    public static KubernetesClient client(int port) {
        Config config = new ConfigBuilder(Config.empty())
                .withMasterUrl("http://127.0.0.1:" + port)
                .withRequestRetryBackoffLimit(0)
                .build();
        return new KubernetesClientBuilder().withConfig(config).build();
    }

    /** Creates a namespace with a fresh name starting with {@code prefix}, and returns its name. */
    public static String newNamespace(KubernetesClient client, String prefix) {
        String name = prefix + java.util.UUID.randomUUID().toString().substring(0, 8);
        client.namespaces().resource(new io.fabric8.kubernetes.api.model.NamespaceBuilder().withNewMetadata()
                .withName(name).endMetadata().build()).create();
        return name;
    }
}
