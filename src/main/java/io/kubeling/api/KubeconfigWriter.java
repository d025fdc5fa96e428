package io.kubeling.api;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.stereotype.Component;

import io.kubeling.config.KubelingProperties;

/**
 * Writes a kubeconfig for this server once it listens (context {@code kubeling}), under the data
 * directory unless {@code kubeling.kubeconfig} names another file, and prints how to use it.
 * The user's own {@code ~/.kube/config} is never written. The cluster says
 * {@code insecure-skip-tls-verify: true} although the server speaks plain HTTP: kubectl, fabric8 and
 * the Python and Java clients ignore it for an {@code http://} server, and @kubernetes/client-node
 * 1.x and later refuse an {@code http://} server without it.
 */
@Component
class KubeconfigWriter implements ApplicationListener<WebServerInitializedEvent> {

    private static final Logger log = LoggerFactory.getLogger(KubeconfigWriter.class);

    private final KubelingProperties properties;

    KubeconfigWriter(KubelingProperties properties) {
        this.properties = properties;
    }

    @Override
    public void onApplicationEvent(WebServerInitializedEvent event) {
        Path target = target();
        if (target.toAbsolutePath().normalize().equals(userKubeconfig())) {
            log.warn("not writing {}: that is the user's own kubeconfig", target);
            return;
        }
        String host = properties.bindAddress().contains(":") ? "[" + properties.bindAddress() + "]"
                : properties.bindAddress().equals("0.0.0.0") ? "127.0.0.1" : properties.bindAddress();
        try {
            Files.createDirectories(target.toAbsolutePath().getParent());
            ownerOnly(target);
            Files.writeString(target, render("http://" + host + ":" + event.getWebServer().getPort()),
                    StandardCharsets.UTF_8);
            log.info("kubectl can use Kubeling with: export KUBECONFIG={}", target.toAbsolutePath().normalize());
        } catch (IOException e) {
            log.warn("could not write the kubeconfig {}: {}", target, e.getMessage());
        }
    }

    /** The kubeconfig is the user's alone (0600), whether it is created now or was there. */
    private static void ownerOnly(Path file) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        if (!dir.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            return;
        }
        Set<PosixFilePermission> mode = PosixFilePermissions.fromString("rw-------");
        if (Files.exists(file)) {
            Files.setPosixFilePermissions(file, mode);
        } else {
            try {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(mode));
            } catch (FileAlreadyExistsException raced) {
                Files.setPosixFilePermissions(file, mode);
            }
        }
    }

    Path target() {
        return properties.kubeconfig() != null ? properties.kubeconfig()
                : properties.dataDir().resolve("kubeconfig");
    }

    static String render(String server) {
        return """
                apiVersion: v1
                kind: Config
                clusters:
                - name: kubeling
                  cluster:
                    server: %s
                    insecure-skip-tls-verify: true
                users:
                - name: kubeling
                  user: {}
                contexts:
                - name: kubeling
                  context:
                    cluster: kubeling
                    user: kubeling
                current-context: kubeling
                """.formatted(server);
    }

    private static Path userKubeconfig() {
        return Path.of(System.getProperty("user.home"), ".kube", "config").toAbsolutePath().normalize();
    }
}
