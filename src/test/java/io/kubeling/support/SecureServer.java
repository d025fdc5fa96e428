package io.kubeling.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.util.FileSystemUtils;

import io.kubeling.KubelingApplication;
import io.kubeling.api.connector.SecurePort;

/**
 * One Kubeling server with TLS on, as it would run on a shared address: HTTPS with the CA and serving certificate it
 * makes, the Node authorizer and RBAC, a static token file, bootstrap tokens, service-account tokens mounted into
 * pods (of at most 48 hours when asked for), an audit log. The classes that drive clients over HTTPS share it (a
 * parameter of type {@code SecureServer}, with {@code @ExtendWith(SecureServer.Resolver.class)}, and
 * {@link ServerOfItsOwn}, as its start may come from any of them); it starts with the first and stops when the run
 * ends.
 */
public final class SecureServer implements AutoCloseable {

    /** The static token file's one user: token {@code s3cret-token}, user jane, uid 1001, groups devs and qa. */
    public static final String JANE_TOKEN = "s3cret-token";

    private final Path dataDir;
    private final ConfigurableApplicationContext context;

    private SecureServer() throws IOException {
        dataDir = Files.createTempDirectory("kubeling-tls");
        Path tokens = dataDir.resolve("tokens.csv");
        Files.writeString(tokens, JANE_TOKEN + ",jane,1001,\"devs,qa\"\n");
        Path policy = dataDir.resolve("audit-policy.yaml");
        Files.writeString(policy, """
                apiVersion: audit.k8s.io/v1
                kind: Policy
                omitStages: ["RequestReceived"]
                rules:
                  - level: Metadata
                    namespaces: ["https-clients", "audited", "cert-users", "cert-users-other"]
                  - level: Metadata
                    userGroups: ["system:nodes"]
                """);
        context = new SpringApplication(KubelingApplication.class).run(
                "--kubeling.database-url=jdbc:h2:mem:kubeling-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1",
                "--kubeling.data-dir=" + dataDir, "--kubeling.port=0", "--kubeling.bind-address=127.0.0.1",
                "--kubeling.tls.enabled=true", "--kubeling.tls.port=0",
                "--kubeling.authorization.mode=Node,RBAC",
                "--kubeling.authentication.token-auth-file=" + tokens,
                "--kubeling.authentication.enable-bootstrap-token-auth=true",
                "--kubeling.authentication.service-account-max-token-expiration=48h",
                "--kubeling.service-accounts.mount-token=true", "--kubeling.service-accounts.publish-root-ca=true",
                "--kubeling.audit.log-path=" + dataDir.resolve("audit.log"),
                "--kubeling.audit.policy-file=" + policy,
                "--kubeling.simulation.control-plane.enabled=false",
                "--spring.main.banner-mode=off", "--logging.level.root=WARN");
    }

    public ConfigurableApplicationContext context() {
        return context;
    }

    public Path dataDir() {
        return dataDir;
    }

    /** The kubeconfig the server wrote for itself: HTTPS, the cluster CA, the admin's client certificate. */
    public Path kubeconfig() {
        return dataDir.resolve("kubeconfig").toAbsolutePath();
    }

    public Path auditLog() {
        return dataDir.resolve("audit.log");
    }

    public int securePort() {
        return context.getBean(SecurePort.class).localPort();
    }

    /** The plain HTTP port, kept on loopback. */
    public int plainPort() {
        return Integer.parseInt(context.getEnvironment().getProperty("local.server.port"));
    }

    @Override
    public void close() {
        context.close();
        FileSystemUtils.deleteRecursively(dataDir.toFile());
    }

    /** Hands test classes the one server, started by the first that asks. */
    public static final class Resolver implements ParameterResolver {

        @Override
        public boolean supportsParameter(ParameterContext parameter, ExtensionContext extension) {
            return parameter.getParameter().getType() == SecureServer.class;
        }

        @Override
        public Object resolveParameter(ParameterContext parameter, ExtensionContext extension) {
            return extension.getRoot().getStore(ExtensionContext.Namespace.GLOBAL)
                    .computeIfAbsent(SecureServer.class, key -> {
                        try {
                            return new SecureServer();
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                    }, SecureServer.class);
        }
    }
}
