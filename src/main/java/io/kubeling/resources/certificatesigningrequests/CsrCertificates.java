package io.kubeling.resources.certificatesigningrequests;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;

import org.bouncycastle.util.io.pem.PemObject;
import org.bouncycastle.util.io.pem.PemReader;

/** kube's validateCertificate: status.certificate holds only CERTIFICATE PEM blocks, at least one. */
final class CsrCertificates {

    private CsrCertificates() {
    }

    /** Why kube would refuse the base64 certificate field, or null (an empty field is allowed). */
    static String check(String base64) {
        byte[] data = CsrValidation.decode(base64);
        if (data.length == 0) {
            return null;
        }
        int blocks = 0;
        try (PemReader reader = new PemReader(new StringReader(new String(data, StandardCharsets.ISO_8859_1)))) {
            for (PemObject block = reader.readPemObject(); block != null; block = reader.readPemObject()) {
                if (!block.getType().equals("CERTIFICATE")) {
                    return "only CERTIFICATE PEM blocks are allowed, found \"" + block.getType() + "\"";
                }
                if (!block.getHeaders().isEmpty()) {
                    return "no PEM block headers are permitted";
                }
                blocks++;
                try {
                    CertificateFactory.getInstance("X.509")
                            .generateCertificates(new ByteArrayInputStream(block.getContent()));
                } catch (CertificateException e) {
                    return "x509: malformed certificate";
                }
            }
        } catch (IOException | RuntimeException e) {
            // what Go's pem.Decode would skip as not PEM ends the blocks
        }
        return blocks == 0 ? "must contain at least one CERTIFICATE PEM block" : null;
    }
}
