package io.kubeling.registry.authentication;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.kubeling.config.TlsProperties;
import io.kubeling.registry.UserInfo;

/** The cluster's certificates, client-certificate authentication and the static token file. */
class CredentialsTest {

    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");
    private static final TlsProperties TLS = new TlsProperties(true, 6443, true, null, null, null);

    @TempDir
    Path dir;

    private ClusterPki pki(Path directory, List<String> names) {
        return new ClusterPki(directory, TLS, Clock.fixed(NOW, ZoneOffset.UTC), names);
    }

    private static X509Certificate[] chain(ClusterPki.ClientCredential credential) throws IOException {
        return Pem.certificates(credential.certificatePem()).toArray(X509Certificate[]::new);
    }

    @Test
    void theCaAndServingCertificateAreMadeOnceAndKept() throws Exception {
        ClusterPki first = pki(dir, List.of("localhost", "127.0.0.1", "10.96.0.1"));
        X509Certificate serving = first.serving().chain().get(0);
        assertThat(serving.getSubjectAlternativeNames().stream().map(n -> String.valueOf(n.get(1))).toList())
                .containsExactly("localhost", "127.0.0.1", "10.96.0.1");
        assertThat(serving.getExtendedKeyUsage()).containsExactly("1.3.6.1.5.5.7.3.1");
        serving.verify(first.ca().getPublicKey());
        assertThat(java.nio.file.attribute.PosixFilePermissions.toString(
                Files.getPosixFilePermissions(dir.resolve("ca.key")))).isEqualTo("rw-------");

        ClusterPki again = pki(dir, List.of("localhost", "127.0.0.1", "10.96.0.1"));
        assertThat(again.ca()).isEqualTo(first.ca());
        assertThat(again.serving().chain().get(0)).isEqualTo(serving);
        assertThat(again.serviceAccountKeys().getPublic()).isEqualTo(first.serviceAccountKeys().getPublic());
        // a new address: the serving certificate is made again, under the same CA
        ClusterPki moved = pki(dir, List.of("localhost", "127.0.0.1", "10.96.0.1", "kubeling.example"));
        assertThat(moved.serving().chain().get(0)).isNotEqualTo(serving);
        assertThat(moved.ca()).isEqualTo(first.ca());
    }

    @Test
    void aServingCertificateTheUserSuppliesIsServedInsteadOfOneMade() throws Exception {
        Path made = dir.resolve("made");
        X509Certificate supplied = pki(made, List.of("kubeling.example")).serving().chain().get(0);
        Path crt = made.resolve("apiserver.crt");
        Path key = made.resolve("apiserver.key");
        Path own = dir.resolve("own");
        ClusterPki given = new ClusterPki(own, new TlsProperties(true, 6443, true, crt, key, null),
                Clock.fixed(NOW, ZoneOffset.UTC), List.of("localhost"));
        assertThat(given.serving().chain()).containsExactly(supplied);
        assertThat(given.serving().key()).isEqualTo(Pem.privateKey(Files.readString(key)));
        assertThat(Files.exists(own.resolve("apiserver.crt"))).isFalse();
    }

    @Test
    void aClientCertificateOfTheCaNamesItsUserAndGroups() throws Exception {
        ClusterPki pki = pki(dir, List.of("localhost"));
        ClientCertificates certificates = new ClientCertificates(pki.ca(), Clock.fixed(NOW, ZoneOffset.UTC));
        UserInfo user = certificates.authenticate(chain(pki.issueClient("jane", List.of("devs", "qa"))));
        assertThat(user).isEqualTo(new UserInfo("jane", "", List.of("devs", "qa"), java.util.Map.of()));
        assertThat(Authenticators.authenticated(user).groups()).containsExactly("devs", "qa", "system:authenticated");
    }

    @Test
    void certificatesOfAnotherCaExpiredOnesAndServingOnesAreRefused() throws Exception {
        ClusterPki pki = pki(dir.resolve("a"), List.of("localhost"));
        ClusterPki other = pki(dir.resolve("b"), List.of("localhost"));
        ClientCertificates certificates = new ClientCertificates(pki.ca(), Clock.fixed(NOW, ZoneOffset.UTC));
        assertThatThrownBy(() -> certificates.authenticate(chain(other.issueClient("admin", List.of("system:masters")))))
                .isInstanceOf(InvalidCredential.class);
        ClientCertificates aYearOn = new ClientCertificates(pki.ca(),
                Clock.fixed(NOW.plus(Duration.ofDays(366)), ZoneOffset.UTC));
        assertThatThrownBy(() -> aYearOn.authenticate(chain(pki.issueClient("jane", List.of()))))
                .isInstanceOf(InvalidCredential.class);
        assertThatThrownBy(() -> certificates.authenticate(
                pki.serving().chain().toArray(X509Certificate[]::new)))
                .isInstanceOf(InvalidCredential.class).hasMessageContaining("incompatible key usage");
        assertThatThrownBy(() -> certificates.authenticate(new X509Certificate[] {pki.ca()}))
                .isInstanceOf(InvalidCredential.class);
    }

    @Test
    void theTokenFileReadsKubesCsv() throws Exception {
        TokenFile file = TokenFile.parse("""
                t1,jane,1001,"devs,qa"
                t2,bob,1002
                ,nobody,0
                "t,3",carol,1003,ops
                t2,bob-again,1004
                """, "tokens.csv");
        assertThat(file.authenticate("t1")).isEqualTo(new UserInfo("jane", "1001", List.of("devs", "qa"),
                java.util.Map.of()));
        assertThat(file.authenticate("t2").name()).isEqualTo("bob-again");
        assertThat(file.authenticate("t,3").groups()).containsExactly("ops");
        assertThat(file.authenticate("")).isNull();
        assertThat(file.authenticate("t9")).isNull();
        assertThatThrownBy(() -> TokenFile.parse("t1,jane\n", "tokens.csv")).isInstanceOf(IOException.class)
                .hasMessage("token file 'tokens.csv' must have at least 3 columns (token, user name, user uid), found 2");
        assertThatThrownBy(() -> TokenFile.parse("\"t1,jane,1\n", "tokens.csv")).isInstanceOf(IOException.class);
    }
}
