package io.kubeling.junit;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import io.kubernetes.client.util.ClientBuilder;
import io.kubernetes.client.util.KubeConfig;

/** An official Java client for a server; loaded only when a test asks for one, so client-java is needed only then. */
final class OfficialClient {

    private OfficialClient() {
    }

    static Object create(Path kubeconfig) {
        try {
            return ClientBuilder.kubeconfig(KubeConfig.loadKubeConfig(
                    new StringReader(Files.readString(kubeconfig, StandardCharsets.UTF_8)))).build();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
