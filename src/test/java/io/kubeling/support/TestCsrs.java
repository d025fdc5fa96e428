package io.kubeling.support;

import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;

import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.ExtensionsGenerator;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;

import io.kubeling.registry.authentication.Pem;

/** PKCS#10 requests as openssl or kubeadm would write them, PEM-encoded and base64 for a CSR's spec.request. */
public final class TestCsrs {

    private TestCsrs() {
    }

    /** A signed request for {@code subject} (e.g. {@code CN=jane,O=dev}), with DNS names as subjectAltNames. */
    public static String base64Request(String subject, String... dnsNames) {
        return Base64.getEncoder().encodeToString(pem(subject, dnsNames).getBytes(StandardCharsets.US_ASCII));
    }

    public static String pem(String subject, String... dnsNames) {
        return request(subject, dnsNames).requestPem();
    }

    /** A request and the private key it was made with, both PEM-encoded, as {@code openssl req -new} leaves them. */
    public record Request(String keyPem, String requestPem) {

        public String base64Request() {
            return Base64.getEncoder().encodeToString(requestPem.getBytes(StandardCharsets.US_ASCII));
        }
    }

    public static Request request(String subject, String... dnsNames) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            KeyPair keys = generator.generateKeyPair();
            JcaPKCS10CertificationRequestBuilder builder =
                    new JcaPKCS10CertificationRequestBuilder(new X500Name(subject), keys.getPublic());
            if (dnsNames.length > 0) {
                GeneralName[] names = new GeneralName[dnsNames.length];
                for (int i = 0; i < dnsNames.length; i++) {
                    names[i] = new GeneralName(GeneralName.dNSName, dnsNames[i]);
                }
                ExtensionsGenerator extensions = new ExtensionsGenerator();
                extensions.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(names));
                builder.addAttribute(PKCSObjectIdentifiers.pkcs_9_at_extensionRequest, extensions.generate());
            }
            PKCS10CertificationRequest request = builder.build(
                    new JcaContentSignerBuilder("SHA256withECDSA").build(keys.getPrivate()));
            return new Request(Pem.encodePrivateKey(keys), write(request));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String write(Object pemObject) throws java.io.IOException {
        StringWriter out = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
            writer.writeObject(pemObject);
        }
        return out.toString();
    }
}
