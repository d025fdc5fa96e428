package io.kubeling.controllers.certificates;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * The certificate authority the csrsigning controller signs with: the server's cluster CA (kube-controller-manager's
 * {@code --cluster-signing-cert-file}, the apiserver's client CA, so that an issued client certificate
 * authenticates), or, where no server's CA is at hand, one made in memory with an ECDSA P-256 key, as the server's
 * own CA has.
 */
final class ClusterCa {

    static final String NAME = "CN=kubernetes";

    private final PrivateKey key;
    private final X509CertificateHolder certificate;

    private ClusterCa(PrivateKey key, X509CertificateHolder certificate) {
        this.key = key;
        this.certificate = certificate;
    }

    /** The authority of this certificate and its key. */
    static ClusterCa of(X509Certificate certificate, PrivateKey key) {
        try {
            return new ClusterCa(key, new JcaX509CertificateHolder(certificate));
        } catch (CertificateEncodingException e) {
            throw new IllegalStateException("cannot read the cluster CA", e);
        }
    }

    /** A new self-signed ECDSA P-256 authority named {@code kubernetes}, valid ten years. */
    static ClusterCa generate(Clock clock) {
        try {
            // P-256 as ClusterPki's CA: an RSA 2048 key took about a CPU second to make with C1 alone
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            KeyPair keys = generator.generateKeyPair();
            Instant now = clock.instant();
            JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(new X500Name(NAME), serial(),
                    Date.from(now.minus(Duration.ofMinutes(5))), Date.from(now.plus(Duration.ofDays(3650))),
                    new X500Name(NAME), keys.getPublic());
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
            builder.addExtension(Extension.keyUsage, true,
                    new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyEncipherment | KeyUsage.keyCertSign));
            return new ClusterCa(keys.getPrivate(), builder.build(signer(keys.getPrivate())));
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot make the cluster CA", e);
        }
    }

    X500Name name() {
        return certificate.getSubject();
    }

    ContentSigner signer() {
        return signer(key);
    }

    private static ContentSigner signer(PrivateKey key) {
        try {
            String algorithm = key.getAlgorithm().equals("RSA") ? "SHA256withRSA" : "SHA256withECDSA";
            return new JcaContentSignerBuilder(algorithm).build(key);
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
