package io.kubeling.registry.authentication;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.kubeling.controllers.StoppedCluster;
import io.kubeling.registry.UserInfo;

/** Bootstrap tokens against their Secrets in kube-system, on a stopped clock. Each test has token ids of its own. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BootstrapTokensTest {

    private final StoppedCluster cluster = new StoppedCluster();
    private final BootstrapTokens tokens = new BootstrapTokens(cluster.registry, cluster.time.clock());

    @BeforeAll
    void kubeSystem() {
        cluster.create(new NamespaceBuilder().withNewMetadata().withName("kube-system").endMetadata().build());
    }

    @AfterAll
    void close() {
        cluster.close();
    }

    /** A token Secret as kubeadm writes one, with {@code changes} over its string data (null removes a key). */
    private void secret(String id, String type, Map<String, String> changes) {
        Map<String, String> data = new LinkedHashMap<>(Map.of("token-id", id, "token-secret", "0123456789abcdef",
                "usage-bootstrap-authentication", "true", "usage-bootstrap-signing", "true"));
        changes.forEach((k, v) -> {
            if (v == null) {
                data.remove(k);
            } else {
                data.put(k, v);
            }
        });
        Map<String, String> encoded = new LinkedHashMap<>();
        data.forEach((k, v) -> encoded.put(k, java.util.Base64.getEncoder().encodeToString(v.getBytes())));
        cluster.create(new SecretBuilder().withNewMetadata().withName("bootstrap-token-" + id)
                .withNamespace("kube-system").endMetadata().withType(type).withData(encoded).build());
    }

    @Test
    void aTokenItsSecretHoldsIsItsBootstrapUserInTheBootstrappersAndItsExtraGroupsSorted() {
        secret("abcdef", BootstrapTokens.SECRET_TYPE,
                Map.of("auth-extra-groups", "system:bootstrappers:worker,system:bootstrappers:kubeadm:default-node-token"));
        UserInfo user = tokens.authenticate("abcdef.0123456789abcdef");
        assertThat(user.name()).isEqualTo("system:bootstrap:abcdef");
        assertThat(user.groups()).containsExactly("system:bootstrappers",
                "system:bootstrappers:kubeadm:default-node-token", "system:bootstrappers:worker");
        assertThat(user.uid()).isEmpty();
    }

    @Test
    void aTokenStopsAtItsExpiration() {
        secret("exp001", BootstrapTokens.SECRET_TYPE, Map.of("expiration", "2026-01-01T00:10:00Z"));
        assertThat(tokens.authenticate("exp001.0123456789abcdef")).isNotNull();
        cluster.advance(Duration.ofMinutes(10));
        assertThat(tokens.authenticate("exp001.0123456789abcdef")).isNull();
        secret("exp002", BootstrapTokens.SECRET_TYPE, Map.of("expiration", "tomorrow"));
        assertThat(tokens.authenticate("exp002.0123456789abcdef")).isNull();
    }

    @Test
    void aTokenItsSecretDoesNotVouchForIsNoBootstrapToken() {
        secret("bad001", BootstrapTokens.SECRET_TYPE, Map.of());
        assertThat(tokens.authenticate("bad001.0123456789abcdeX")).as("malformed").isNull();
        assertThat(tokens.authenticate("bad001.00000000000000000")).as("malformed").isNull();
        assertThat(tokens.authenticate("bad001.fedcba9876543210")).as("another secret").isNull();
        assertThat(tokens.authenticate("nosuch.0123456789abcdef")).as("no Secret").isNull();
        secret("bad002", "Opaque", Map.of());
        assertThat(tokens.authenticate("bad002.0123456789abcdef")).as("type").isNull();
        secret("bad003", BootstrapTokens.SECRET_TYPE, Map.of("usage-bootstrap-authentication", "false"));
        assertThat(tokens.authenticate("bad003.0123456789abcdef")).as("not for authentication").isNull();
        secret("bad004", BootstrapTokens.SECRET_TYPE, Map.of("token-id", "other0"));
        assertThat(tokens.authenticate("bad004.0123456789abcdef")).as("another id").isNull();
        secret("bad005", BootstrapTokens.SECRET_TYPE, Map.of("auth-extra-groups", "system:masters"));
        assertThat(tokens.authenticate("bad005.0123456789abcdef")).as("a group outside the bootstrappers").isNull();
    }
}
