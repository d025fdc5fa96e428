package io.kubeling.api;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.List;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.stereotype.Component;

import io.kubeling.api.connector.SecurePort;
import io.kubeling.config.KubelingProperties;
import io.kubeling.registry.UserInfo;
import io.kubeling.registry.authentication.ClusterPki;

/**
 * Writes a kubeconfig for this server once it listens (context {@code kubeling}), under the data
 * directory unless {@code kubeling.kubeconfig} names another file, and prints how to use it.
 * The user's own {@code ~/.kube/config} is never written. With TLS it names the secure port, trusts the cluster
 * CA and carries an admin client certificate ({@code CN=kubernetes-admin, O=system:masters}), as kubeadm's
 * admin.conf. Without TLS it names the plain port and says {@code insecure-skip-tls-verify: true} all the same:
 * kubectl, fabric8 and the Python and Java clients ignore it for an {@code http://} server, and
 * @kubernetes/client-node 1.x and later refuse an {@code http://} server without it.
 */
@Component
class KubeconfigWriter implements ApplicationListener<WebServerInitializedEvent> {

    private static final Logger log = LoggerFactory.getLogger(KubeconfigWriter.class);

    private final KubelingProperties properties;
    private final SecurePort secure;
    private final ClusterPki pki;

    KubeconfigWriter(KubelingProperties properties, SecurePort secure, ClusterPki pki) {
        this.properties = properties;
        this.secure = secure;
        this.pki = pki;
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
            String text = secure.enabled()
                    ? renderTls("https://" + host + ":" + secure.localPort(), pki.caPem(),
                            pki.issueClient(UserInfo.ADMIN.name(), List.of(UserInfo.MASTERS)))
                    : render("http://" + host + ":" + event.getWebServer().getPort());
            Files.writeString(target, text, StandardCharsets.UTF_8);
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

    static String renderTls(String server, String caPem, ClusterPki.ClientCredential admin) {
        return """
                apiVersion: v1
                kind: Config
                clusters:
                - name: kubeling
                  cluster:
                    server: %s
                    certificate-authority-data: %s
                users:
                - name: kubeling
                  user:
                    client-certificate-data: %s
                    client-key-data: %s
                contexts:
                - name: kubeling
                  context:
                    cluster: kubeling
                    user: kubeling
                current-context: kubeling
                """.formatted(server, base64(caPem), base64(admin.certificatePem()), base64(admin.keyPem()));
    }

    private static String base64(String pem) {
        return Base64.getEncoder().encodeToString(pem.getBytes(StandardCharsets.UTF_8));
    }

    private static Path userKubeconfig() {
        return Path.of(System.getProperty("user.home"), ".kube", "config").toAbsolutePath().normalize();
    }
}
