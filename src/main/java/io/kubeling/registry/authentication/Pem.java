package io.kubeling.registry.authentication;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.interfaces.ECPrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;

import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.util.io.pem.PemObject;

/** PEM files as kubeadm writes them: certificates, and private keys readable by their owner alone. */
public final class Pem {

    private Pem() {
    }

    public static String encode(Object... objects) {
        StringWriter out = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
            for (Object o : objects) {
                writer.writeObject(o);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    /**
     * A key pair's private key as kubeadm writes an EC one ({@code EC PRIVATE KEY}, SEC1, with its curve and public
     * key), which Go and the Java clients alike read: the SEC1 form Bouncy Castle writes for a JDK key leaves the
     * curve out, which Go refuses, and fabric8 reads PKCS#8 as RSA only. Other keys are written as PKCS#8.
     */
    public static String encodePrivateKey(KeyPair keys) {
        try {
            PrivateKeyInfo info = PrivateKeyInfo.getInstance(keys.getPrivate().getEncoded());
            if (!(keys.getPrivate() instanceof ECPrivateKey ec)) {
                return encode(new PemObject("PRIVATE KEY", info.getEncoded()));
            }
            SubjectPublicKeyInfo publicInfo = SubjectPublicKeyInfo.getInstance(keys.getPublic().getEncoded());
            ASN1Encodable curve = info.getPrivateKeyAlgorithm().getParameters();
            int bits = ec.getParams().getOrder().bitLength();
            org.bouncycastle.asn1.sec.ECPrivateKey sec1 = new org.bouncycastle.asn1.sec.ECPrivateKey(bits, ec.getS(),
                    publicInfo.getPublicKeyData(), curve);
            return encode(new PemObject("EC PRIVATE KEY", sec1.getEncoded()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The public key in the text ({@code PUBLIC KEY}). */
    static PublicKey publicKey(String text) throws IOException {
        try (PEMParser parser = new PEMParser(new StringReader(text))) {
            for (Object o = parser.readObject(); o != null; o = parser.readObject()) {
                if (o instanceof SubjectPublicKeyInfo info) {
                    return new JcaPEMKeyConverter().getPublicKey(info);
                }
            }
        } catch (RuntimeException e) {
            throw new IOException("not a PEM public key: " + e.getMessage(), e);
        }
        throw new IOException("no public key in the PEM text");
    }

    /** Every certificate in the text, in order; an empty list when there is none. */
    public static List<X509Certificate> certificates(String text) throws IOException {
        List<X509Certificate> certificates = new ArrayList<>();
        try (PEMParser parser = new PEMParser(new StringReader(text))) {
            for (Object o = parser.readObject(); o != null; o = parser.readObject()) {
                if (o instanceof X509CertificateHolder holder) {
                    certificates.add(new JcaX509CertificateConverter().getCertificate(holder));
                }
            }
        } catch (CertificateException | RuntimeException e) {
            throw new IOException("not a PEM certificate: " + e.getMessage(), e);
        }
        return certificates;
    }

    /** The first private key in the text (PKCS#1, SEC1 or PKCS#8), as a key pair when the file holds the public half. */
    static PrivateKey privateKey(String text) throws IOException {
        try (PEMParser parser = new PEMParser(new StringReader(text))) {
            JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
            for (Object o = parser.readObject(); o != null; o = parser.readObject()) {
                if (o instanceof PEMKeyPair pair) {
                    return converter.getKeyPair(pair).getPrivate();
                }
                if (o instanceof PrivateKeyInfo info) {
                    return converter.getPrivateKey(info);
                }
            }
        } catch (RuntimeException e) {
            throw new IOException("not a PEM private key: " + e.getMessage(), e);
        }
        throw new IOException("no private key in the PEM text");
    }

    /** Writes the file whole (through a temporary file) and, when {@code secret}, owner-only. */
    static void write(Path file, String text, boolean secret) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
        Files.deleteIfExists(temporary);
        if (secret && file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            try {
                Files.createFile(temporary, PosixFilePermissions.asFileAttribute(
                        PosixFilePermissions.fromString("rw-------")));
            } catch (FileAlreadyExistsException raced) {
                // written below all the same
            }
        }
        Files.writeString(temporary, text, StandardCharsets.UTF_8);
        Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
