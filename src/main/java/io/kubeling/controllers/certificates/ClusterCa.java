package io.kubeling.controllers.certificates;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * The simulated cluster's certificate authority, as kubeadm makes one: a self-signed RSA 2048 CA named
 * {@code kubernetes}, valid ten years. It lives in memory: each start of the server makes a new one.
 */
final class ClusterCa {

    static final String NAME = "CN=kubernetes";

    private final KeyPair keys;
    private final X509CertificateHolder certificate;

    ClusterCa(Clock clock) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            keys = generator.generateKeyPair();
            Instant now = clock.instant();
            JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(new X500Name(NAME), serial(),
                    Date.from(now.minus(Duration.ofMinutes(5))), Date.from(now.plus(Duration.ofDays(3650))),
                    new X500Name(NAME), keys.getPublic());
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
            builder.addExtension(Extension.keyUsage, true,
                    new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyEncipherment | KeyUsage.keyCertSign));
            certificate = builder.build(signer());
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot make the cluster CA", e);
        }
    }

    X500Name name() {
        return certificate.getSubject();
    }

    ContentSigner signer() {
        try {
            return new JcaContentSignerBuilder("SHA256withRSA").build(keys.getPrivate());
        } catch (OperatorCreationException e) {
            throw new IllegalStateException(e);
        }
    }

    Instant notAfter() {
        return certificate.getNotAfter().toInstant();
    }

    static BigInteger serial() {
        return new BigInteger(127, new SecureRandom());
    }

    /** A certificate in a CERTIFICATE PEM block. */
    static String pem(X509CertificateHolder holder) {
        StringWriter out = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
            writer.writeObject(holder);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    String pem() {
        return pem(certificate);
    }
}
