package io.kubeling.registry.authentication;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

class CertificatesTest {

    private static final Instant NOW = Instant.parse("2026-12-07T10:00:00Z");

    @Test
    void aCaSignsAServerCertificateForItsNamesAndAClientCertificateForItsUserAndGroups() throws Exception {
        KeyPair caKeys = ClusterPki.newKeyPair();
        X509Certificate ca = Certificates.selfSignedCa("kubernetes", caKeys, NOW, NOW.plus(Duration.ofDays(3650)));
        KeyPair serverKeys = ClusterPki.newKeyPair();
        X509Certificate server = Certificates.leaf(ca, caKeys.getPrivate(), List.of(), "kube-apiserver",
                serverKeys.getPublic(), true, List.of("localhost", "kubernetes"), List.of("127.0.0.1"), NOW,
                NOW.plus(Duration.ofDays(365)));
        X509Certificate client = Certificates.leaf(ca, caKeys.getPrivate(), List.of("system:masters"), "admin",
                ClusterPki.newKeyPair().getPublic(), false, List.of(), List.of(), NOW, NOW.plus(Duration.ofDays(365)));

        ca.verify(caKeys.getPublic());
        assertThat(ca.getSubjectX500Principal().getName()).isEqualTo("CN=kubernetes");
        assertThat(ca.getBasicConstraints()).isGreaterThanOrEqualTo(0);
        assertThat(ca.getKeyUsage()[5]).as("keyCertSign").isTrue();

        server.verify(caKeys.getPublic());
        assertThat(server.getIssuerX500Principal()).isEqualTo(ca.getSubjectX500Principal());
        assertThat(server.getSubjectX500Principal().getName()).isEqualTo("CN=kube-apiserver");
        assertThat(server.getBasicConstraints()).isEqualTo(-1);
        assertThat(server.getExtendedKeyUsage()).containsExactly("1.3.6.1.5.5.7.3.1");
        assertThat(server.getSubjectAlternativeNames().stream().map(san -> String.valueOf(san.get(1))).toList())
                .containsExactly("localhost", "kubernetes", "127.0.0.1");
        assertThat(server.getNotBefore().toInstant()).isEqualTo(NOW);

        client.verify(caKeys.getPublic());
        assertThat(client.getSubjectX500Principal().getName()).isEqualTo("CN=admin,O=system:masters");
        assertThat(client.getExtendedKeyUsage()).containsExactly("1.3.6.1.5.5.7.3.2");
        assertThat(client.getSubjectAlternativeNames()).isNull();
    }
}
