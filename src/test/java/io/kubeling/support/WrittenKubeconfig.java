package io.kubeling.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The kubeconfig a {@link KubelingTest} server writes for itself, each of the {@link SharedServers} in its own
 * data directory: the client tests use it as users do, unmodified, so every client also checks that Kubeling's
 * kubeconfig works for it.
 */
public final class WrittenKubeconfig {

    private WrittenKubeconfig() {
    }

    /** The kubeconfig's absolute path, once it is seen to name the server on this port. */
    public static Path of(int port) {
        String server = "server: http://127.0.0.1:" + port + "\n";
        List<Path> written = SharedServers.DATA_DIRS.stream().map(dir -> dir.resolve("kubeconfig"))
                .filter(Files::isRegularFile).toList();
        for (Path path : written) {
            if (read(path).contains(server)) {
                return path.toAbsolutePath();
            }
        }
        throw new AssertionError("no kubeconfig of " + written + " names the test server on port " + port);
    }

    private static String read(Path path) {
        try {
            return Files.readString(path);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
