package io.kubeling.registry.authentication;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;

import org.junit.jupiter.api.Test;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.ECDSAVerifier;

class P256SignerTest {

    @Test
    void theJdksVerifierAcceptsEverySignatureAndRefusesAnAlteredPayload() throws Exception {
        KeyPair keys = ClusterPki.newKeyPair();
        P256Signer signer = new P256Signer((ECPrivateKey) keys.getPrivate());
        ECDSAVerifier verifier = new ECDSAVerifier((ECPublicKey) keys.getPublic());
        // enough signatures that some r or s is shorter than 32 bytes and must be padded
        for (int i = 0; i < 600; i++) {
            JWSObject jws = new JWSObject(new JWSHeader(JWSAlgorithm.ES256), new Payload("{\"n\":" + i + "}"));
            jws.sign(signer);
            assertThat(jws.getSignature().decode()).hasSize(64);
            assertThat(JWSObject.parse(jws.serialize()).verify(verifier)).as("signature %d", i).isTrue();
        }
        JWSObject jws = new JWSObject(new JWSHeader(JWSAlgorithm.ES256), new Payload("{\"n\":1}"));
        jws.sign(signer);
        String[] parts = jws.serialize().split("\\.");
        String altered = parts[0] + "." + com.nimbusds.jose.util.Base64URL.encode("{\"n\":2}"
                .getBytes(StandardCharsets.UTF_8)) + "." + parts[2];
        assertThat(JWSObject.parse(altered).verify(verifier)).isFalse();
    }

    @Test
    void signsOnlyEs256() throws Exception {
        P256Signer signer = new P256Signer((ECPrivateKey) ClusterPki.newKeyPair().getPrivate());
        assertThatThrownBy(() -> signer.sign(new JWSHeader(JWSAlgorithm.ES384), new byte[1]))
                .isInstanceOf(JOSEException.class);
    }
}
