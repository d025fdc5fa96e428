package io.kubeling.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The kubeconfig the {@link KubelingTest} server writes for itself: the client tests use it as users do,
 * unmodified, so every client also checks that Kubeling's kubeconfig works for it.
 */
public final class WrittenKubeconfig {

    private static final Path PATH = Path.of("target/test-data/kubeconfig");

    private WrittenKubeconfig() {
    }

    /** The kubeconfig's absolute path, once it is seen to name the server on this port. */
    public static Path of(int port) {
        try {
            assertThat(Files.readString(PATH)).as(PATH + " names the test server")
                    .contains("server: http://127.0.0.1:" + port + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return PATH.toAbsolutePath();
    }
}
