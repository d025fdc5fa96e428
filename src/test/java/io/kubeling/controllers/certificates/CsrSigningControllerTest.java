package io.kubeling.controllers.certificates;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Base64;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.certificates.v1.CertificateSigningRequest;
import io.fabric8.kubernetes.api.model.certificates.v1.CertificateSigningRequestConditionBuilder;
import io.kubeling.controllers.StoppedCluster;
import io.kubeling.registry.WriteOptions;
import io.kubeling.resources.certificatesigningrequests.CertificateSigningRequestResource;
import io.kubeling.support.TestCsrs;

/** The simulated csrsigning controller on a stopped clock: approved requests to built-in signers get certificates. */
class CsrSigningControllerTest {

    private final StoppedCluster cluster = new StoppedCluster(
            List.of(new CertificateSigningRequestResource().certificatesigningrequests(
                    new StoppedCluster().time.clock())), List.of());

    @AfterEach
    void tearDown() {
        cluster.close();
    }

    @Test
    void anApprovedClientRequestGetsACertificateFromTheClusterCa() throws Exception {
        cluster.start(new CsrSigningController(cluster.kit()));
        create("jane", TestCsrs.base64Request("CN=jane,O=dev"), "kubernetes.io/kube-apiserver-client",
                "\"digital signature\",\"client auth\"", 3600);
        cluster.advance(Duration.ofSeconds(10));
        assertThat(cluster.get(CertificateSigningRequest.class, null, "jane").getStatus().getCertificate()).isNull();

        approve("jane");

        CertificateSigningRequest issued = cluster.await(CertificateSigningRequest.class, null, "jane",
                csr -> csr.getStatus().getCertificate() != null);
        X509Certificate certificate = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(
                new ByteArrayInputStream(Base64.getDecoder().decode(issued.getStatus().getCertificate())));
        assertThat(certificate.getSubjectX500Principal().getName()).isEqualTo("O=dev,CN=jane");
        assertThat(certificate.getIssuerX500Principal().getName()).isEqualTo("CN=kubernetes");
        assertThat(certificate.getExtendedKeyUsage()).containsExactly("1.3.6.1.5.5.7.3.2");
        assertThat(Duration.between(certificate.getNotBefore().toInstant(), certificate.getNotAfter().toInstant()))
                .isEqualTo(Duration.ofMinutes(65));
    }

    @Test
    void aKubeletServingRequestWithoutANodeIdentityFailsAndOtherSignersAreLeftAlone() {
        cluster.start(new CsrSigningController(cluster.kit()));
        create("serving", TestCsrs.base64Request("CN=web", "web.example.com"), "kubernetes.io/kubelet-serving",
                "\"digital signature\",\"server auth\"", null);
        create("custom", TestCsrs.base64Request("CN=web"), "example.com/signer", "\"client auth\"", null);
        approve("serving");
        approve("custom");

        CertificateSigningRequest failed = cluster.await(CertificateSigningRequest.class, null, "serving",
                csr -> csr.getStatus().getConditions().size() == 2);
        assertThat(failed.getStatus().getConditions().get(1)).satisfies(c -> {
            assertThat(c.getType()).isEqualTo("Failed");
            assertThat(c.getReason()).isEqualTo("SignerValidationFailure");
            assertThat(c.getMessage()).isEqualTo("subject organization is not system:nodes");
        });
        assertThat(failed.getStatus().getCertificate()).isNull();
        assertThat(cluster.get(CertificateSigningRequest.class, null, "custom").getStatus().getCertificate()).isNull();
    }

    private void create(String name, String request, String signer, String usages, Integer seconds) {
        cluster.create(null, CertificateSigningRequest.class, "{\"metadata\":{\"name\":\"" + name + "\"},\"spec\":"
                + "{\"request\":\"" + request + "\",\"signerName\":\"" + signer + "\",\"usages\":[" + usages + "]"
                + (seconds == null ? "" : ",\"expirationSeconds\":" + seconds) + "}}");
    }

    private void approve(String name) {
        cluster.store(CertificateSigningRequest.class).update(null, name, "approval", csr -> {
            csr.getStatus().setConditions(new java.util.ArrayList<>(List.of(new CertificateSigningRequestConditionBuilder()
                    .withType("Approved").withStatus("True").withReason("KubectlApprove")
                    .withMessage("This CSR was approved by kubectl certificate approve.").build())));
            return csr;
        }, WriteOptions.DEFAULT);
    }
}
