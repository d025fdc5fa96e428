package io.kubeling.resources.certificatesigningrequests;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;

import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.operator.ContentVerifierProvider;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.util.io.pem.PemObject;
import org.bouncycastle.util.io.pem.PemReader;

/** kube's ParseCSR and CheckSignature on a PEM-encoded PKCS#10 request, answering Go's error text or null. */
final class CsrRequests {

    // used directly rather than registered, so the JVM's providers stay as they are
    private static final BouncyCastleProvider PROVIDER = new BouncyCastleProvider();

    private CsrRequests() {
    }

    /** Why kube would refuse the request bytes, or null when they hold a signed CERTIFICATE REQUEST. */
    static String check(byte[] pem) {
        PemObject block = firstBlock(pem);
        if (block == null || !block.getType().equals("CERTIFICATE REQUEST")) {
            return "PEM block type must be CERTIFICATE REQUEST";
        }
        PKCS10CertificationRequest request = parse(block.getContent());
        if (request == null) {
            return "asn1: structure error: tags don't match";
        }
        try {
            ContentVerifierProvider verifier = new JcaContentVerifierProviderBuilder().setProvider(PROVIDER)
                    .build(request.getSubjectPublicKeyInfo());
            return request.isSignatureValid(verifier) ? null : "x509: signature verification failure";
        } catch (Exception e) {
            return "x509: cannot verify signature: algorithm unimplemented";
        }
    }

    /** The request in the PEM bytes, or null when there is none. */
    static PKCS10CertificationRequest parse(byte[] der) {
        try {
            return new PKCS10CertificationRequest(der);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** The first PEM block, as Go's pem.Decode finds it, or null. */
    static PemObject firstBlock(byte[] pem) {
        try (PemReader reader = new PemReader(new StringReader(new String(pem, StandardCharsets.ISO_8859_1)))) {
            return reader.readPemObject();
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}
