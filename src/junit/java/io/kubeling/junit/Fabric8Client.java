package io.kubeling.junit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;

/** A fabric8 client for a server; loaded only when a test asks for one, so fabric8 is needed only then. */
final class Fabric8Client {

    private Fabric8Client() {
    }

    static AutoCloseable create(Path kubeconfig, String namespace) {
        try {
            Config config = Config.fromKubeconfig(Files.readString(kubeconfig, StandardCharsets.UTF_8));
            if (namespace != null) {
                config.setNamespace(namespace);
            }
            return new KubernetesClientBuilder().withConfig(config).build();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
