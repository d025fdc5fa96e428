package io.kubeling.junit;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.net.URLConnection;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * The executable server jar: the one named by the system property {@code kubeling.server.jar}, or the one this
 * artifact carries, copied once to the temporary directory (under a name that changes with its size and date) so
 * that a JVM can run it.
 */
final class ServerJar {

    static final String RESOURCE = "/io/kubeling/junit/kubeling-server.jar";

    private static Path path;

    private ServerJar() {
    }

    /** Copies of earlier builds and their layouts, an hour untouched, so that rebuilding does not fill the temporary directory. */
    private static void removeStale(Path cache, Path current) {
        long hourAgo = System.currentTimeMillis() - 3_600_000L;
        try (java.util.stream.Stream<Path> files = Files.list(cache)) {
            String kept = current.getFileName().toString().replaceFirst("\\.jar$", "");
            // the current jar and its extracted layout stay
            files.filter(p -> !p.getFileName().toString().startsWith(kept)
                            && p.getFileName().toString().startsWith("kubeling-server-"))
                    .filter(p -> p.toFile().lastModified() < hourAgo)
                    .forEach(FastLaunch::delete);
        } catch (IOException e) {
            // another day
        }
    }

    static synchronized Path path() {
        // another JVM may have removed a stale copy this one still names
        if (path != null && Files.isRegularFile(path)) {
            return path;
        }
        String named = System.getProperty("kubeling.server.jar");
        if (named != null && !named.isBlank()) {
            path = Path.of(named);
            if (!Files.isRegularFile(path)) {
                throw new IllegalStateException("kubeling.server.jar names no file: " + path);
            }
            return path;
        }
        URL resource = ServerJar.class.getResource(RESOURCE);
        if (resource == null) {
            throw new IllegalStateException("no Kubeling server jar: " + RESOURCE + " is missing from the class path "
                    + "(depend on io.kubeling:kubeling with classifier junit) and kubeling.server.jar is not set");
        }
        try {
            URLConnection connection = resource.openConnection();
            connection.setUseCaches(false);
            long size = connection.getContentLengthLong();
            Path cache = Path.of(System.getProperty("java.io.tmpdir"), "kubeling-junit");
            Files.createDirectories(cache);
            Path target = cache.resolve("kubeling-server-" + Long.toHexString(size) + "-"
                    + Long.toHexString(connection.getLastModified()) + ".jar");
            if (!Files.isRegularFile(target) || Files.size(target) != size) {
                Path partial = Files.createTempFile(cache, "kubeling-server-", ".part");
                try (InputStream in = connection.getInputStream()) {
                    Files.copy(in, partial, StandardCopyOption.REPLACE_EXISTING);
                }
                Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                removeStale(cache, target);
            } else {
                connection.getInputStream().close();
            }
            path = target;
            return path;
        } catch (IOException e) {
            throw new UncheckedIOException("could not unpack the Kubeling server jar", e);
        }
    }
}
