package io.kubeling.registry.authentication;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.KeyPair;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;
import io.kubeling.controllers.StoppedCluster;
import io.kubeling.registry.DeleteOptions;
import io.kubeling.registry.UserInfo;

/**
 * Service-account tokens issued and checked on a stopped clock: claims, expiry, signatures, audiences, bindings. One
 * cluster for the class, each test in namespaces of its own.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ServiceAccountTokensTest {

    private static final String ISSUER = "https://kubernetes.default.svc.cluster.local";
    private final StoppedCluster cluster = new StoppedCluster();
    private final ServiceAccountTokens tokens = tokens(keys());

    private ServiceAccountTokens tokens(KeyPair keys) {
        return new ServiceAccountTokens(ISSUER, List.of(ISSUER), keys, cluster.registry, cluster.time.clock());
    }

    private static KeyPair keys() {
        try {
            return ClusterPki.newKeyPair();
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    @AfterAll
    void close() {
        cluster.close();
    }

    private ServiceAccount account(String namespace, String name) {
        cluster.create(new NamespaceBuilder().withNewMetadata().withName(namespace).endMetadata().build());
        return cluster.create(new ServiceAccountBuilder().withNewMetadata().withName(name).withNamespace(namespace)
                .endMetadata().build());
    }

    private static Map<?, ?> claims(String token) throws Exception {
        String payload = token.split("\\.")[1];
        return new tools.jackson.databind.json.JsonMapper().readValue(Base64.getUrlDecoder().decode(payload),
                Map.class);
    }

    @Test
    void aTokenCarriesKubesClaimsAndNamesItsServiceAccount() throws Exception {
        ServiceAccount robot = account("team", "robot");
        String token = tokens.issue(robot, List.of(ISSUER), Duration.ofHours(1), null, null).token();

        Map<?, ?> claims = claims(token);
        assertThat(claims.get("iss")).isEqualTo(ISSUER);
        assertThat(claims.get("sub")).isEqualTo("system:serviceaccount:team:robot");
        assertThat(claims.get("aud")).isEqualTo(List.of(ISSUER));
        long iat = ((Number) claims.get("iat")).longValue();
        assertThat(iat).isEqualTo(cluster.now().getEpochSecond());
        assertThat(((Number) claims.get("exp")).longValue()).isEqualTo(iat + 3600);
        assertThat(((Number) claims.get("nbf")).longValue()).isEqualTo(iat);
        assertThat(claims.get("jti")).isNotNull();
        assertThat(claims.get("kubernetes.io")).isEqualTo(Map.of("namespace", "team",
                "serviceaccount", Map.of("name", "robot", "uid", robot.getMetadata().getUid())));

        UserInfo user = tokens.authenticate(token, null);
        assertThat(user.name()).isEqualTo("system:serviceaccount:team:robot");
        assertThat(user.uid()).isEqualTo(robot.getMetadata().getUid());
        assertThat(user.groups()).containsExactly("system:serviceaccounts", "system:serviceaccounts:team");
        assertThat(user.extra()).containsOnlyKeys("authentication.kubernetes.io/credential-id");
    }

    @Test
    void aTokenExpiresWithKubesMinuteOfLeeway() {
        String token = tokens.issue(account("exp", "robot"), List.of(ISSUER), Duration.ofMinutes(10), null, null)
                .token();
        cluster.advance(Duration.ofMinutes(10).plusSeconds(59));
        assertThat(tokens.authenticate(token, null)).isNotNull();
        cluster.advance(Duration.ofSeconds(1));
        assertThatThrownBy(() -> tokens.authenticate(token, null)).isInstanceOf(InvalidCredential.class)
                .hasMessage("service account token has expired");
    }

    @Test
    void aTokenSignedByAnotherKeyOrTamperedWithIsRefused() {
        ServiceAccount robot = account("forged", "robot");
        String foreign = tokens(keys()).issue(robot, List.of(ISSUER), Duration.ofHours(1), null, null).token();
        assertThatThrownBy(() -> tokens.authenticate(foreign, null)).isInstanceOf(InvalidCredential.class);

        String[] parts = tokens.issue(robot, List.of(ISSUER), Duration.ofHours(1), null, null).token().split("\\.");
        String otherPayload = Base64.getUrlEncoder().withoutPadding().encodeToString(new String(
                Base64.getUrlDecoder().decode(parts[1])).replace("forged:robot", "forged:admin").getBytes());
        assertThatThrownBy(() -> tokens.authenticate(parts[0] + "." + otherPayload + "." + parts[2], null))
                .isInstanceOf(InvalidCredential.class);
        // alg none, as an attacker would send it: no signed token of this issuer, so nobody's
        String none = Base64.getUrlEncoder().withoutPadding().encodeToString("{\"alg\":\"none\"}".getBytes());
        assertThat(tokens.authenticate(none + "." + parts[1] + ".", null)).isNull();
    }

    @Test
    void somethingThatIsNoTokenOfThisIssuerIsNotVouchedFor() {
        assertThat(tokens.authenticate("not-a-jwt", null)).isNull();
        assertThat(tokens.authenticate("a.b.c", null)).isNull();
        assertThat(tokens.authenticate("%%%.***.!!!", null)).isNull();
        ServiceAccount robot = account("other", "robot");
        ServiceAccountTokens elsewhere = new ServiceAccountTokens("https://elsewhere", List.of("https://elsewhere"),
                keys(), cluster.registry, cluster.time.clock());
        assertThat(tokens.authenticate(elsewhere.issue(robot, List.of("https://elsewhere"), Duration.ofHours(1),
                null, null).token(), null)).isNull();
    }

    @Test
    void aTokenForOtherAudiencesIsRefused() {
        String token = tokens.issue(account("aud", "robot"), List.of("vault"), Duration.ofHours(1), null, null)
                .token();
        assertThatThrownBy(() -> tokens.authenticate(token, null)).isInstanceOf(InvalidCredential.class)
                .hasMessage("token audiences [\"vault\"] is invalid for the target audiences [\"" + ISSUER + "\"]");
        assertThat(tokens.authenticate(token, List.of("vault")).name()).isEqualTo("system:serviceaccount:aud:robot");
    }

    @Test
    void aTokenStopsWorkingWhenItsAccountIsDeletedOrRecreated() {
        ServiceAccount robot = account("gone", "robot");
        String token = tokens.issue(robot, List.of(ISSUER), Duration.ofHours(1), null, null).token();
        cluster.store(ServiceAccount.class).delete("gone", "robot", DeleteOptions.DEFAULT);
        assertThatThrownBy(() -> tokens.authenticate(token, null)).isInstanceOf(InvalidCredential.class)
                .hasMessage("service account gone/robot has been deleted");
        cluster.create(new ServiceAccountBuilder().withNewMetadata().withName("robot").withNamespace("gone")
                .endMetadata().build());
        assertThatThrownBy(() -> tokens.authenticate(token, null)).isInstanceOf(InvalidCredential.class)
                .hasMessageContaining("does not match claim");
    }

    @Test
    void aPodBoundTokenStopsWorkingWithItsPod() throws Exception {
        ServiceAccount robot = account("bound", "robot");
        Pod pod = cluster.create(new PodBuilder().withNewMetadata().withName("web").withNamespace("bound")
                .endMetadata().withNewSpec().withServiceAccountName("robot").addNewContainer().withName("c")
                .withImage("nginx").endContainer().endSpec().build());
        String token = tokens.issue(robot, List.of(ISSUER), Duration.ofHours(1),
                new ServiceAccountTokens.BoundObject("Pod", "web", pod.getMetadata().getUid()), null).token();
        assertThat(((Map<?, ?>) claims(token).get("kubernetes.io")).get("pod"))
                .isEqualTo(Map.of("name", "web", "uid", pod.getMetadata().getUid()));
        assertThat(tokens.authenticate(token, null).extra()).containsEntry("authentication.kubernetes.io/pod-name",
                List.of("web")).containsEntry("authentication.kubernetes.io/pod-uid",
                        List.of(pod.getMetadata().getUid()));

        cluster.store(Pod.class).delete("bound", "web", new DeleteOptions(false, 0L, null, null, null));
        assertThatThrownBy(() -> tokens.authenticate(token, null)).isInstanceOf(InvalidCredential.class)
                .hasMessage("pod bound/web has been deleted");
    }

    @Test
    void theKeySetPublishesThePublicKeyOnly() {
        List<?> keys = (List<?>) tokens.jwks().get("keys");
        assertThat(keys).hasSize(1);
        @SuppressWarnings("unchecked")
        Map<String, Object> key = (Map<String, Object>) keys.get(0);
        assertThat(key.get("kty")).isEqualTo("EC");
        assertThat(key.get("crv")).isEqualTo("P-256");
        assertThat(key).containsKeys("x", "y", "kid").doesNotContainKey("d");
    }
}
