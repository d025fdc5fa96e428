package io.kubeling.resources.certificatesigningrequests;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.certificates.v1.CertificateSigningRequest;
import io.kubeling.registry.CurrentUser;
import io.kubeling.registry.ObjectCodec;
import io.kubeling.registry.UserInfo;
import io.kubeling.registry.validation.FieldError;
import io.kubeling.support.TestCsrs;

class CsrStrategyTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);
    private final CsrStrategy strategy = new CsrStrategy();

    @Test
    void aSignedRequestPassesAndNamesTheRequestingUserWhateverTheBodySays() {
        CertificateSigningRequest csr = csr(TestCsrs.base64Request("CN=jane,O=dev"), "kubernetes.io/kube-apiserver-client",
                "\"client auth\"");
        csr.getSpec().setUsername("system:admin");
        csr.getSpec().setGroups(List.of("system:masters"));
        UserInfo bob = new UserInfo("bob", "42", List.of("devs", "system:authenticated"),
                Map.of("scopes", List.of("a", "b")));

        try (CurrentUser.Scope scope = CurrentUser.open(bob)) {
            strategy.prepareForCreate(csr);
        }

        assertThat(strategy.validate(csr)).isEmpty();
        assertThat(csr.getSpec().getUsername()).isEqualTo("bob");
        assertThat(csr.getSpec().getUid()).isEqualTo("42");
        assertThat(csr.getSpec().getGroups()).containsExactly("devs", "system:authenticated");
        assertThat(csr.getSpec().getExtra()).isEqualTo(Map.of("scopes", List.of("a", "b")));
    }

    @Test
    void outsideARequestNoRequesterIsRecorded() {
        CertificateSigningRequest csr = csr(TestCsrs.base64Request("CN=jane"), "kubernetes.io/kube-apiserver-client",
                "\"client auth\"");
        csr.getSpec().setUsername("system:admin");

        strategy.prepareForCreate(csr);

        assertThat(csr.getSpec().getUsername()).isNull();
        assertThat(csr.getSpec().getGroups()).isNullOrEmpty();
    }

    @Test
    void kubesMessagesForRequestUsagesSignerAndDuration() {
        String notPem = Base64.getEncoder().encodeToString("hi".getBytes(StandardCharsets.US_ASCII));
        CertificateSigningRequest csr = csr(notPem, "example", "\"client auth\",\"flying\",\"client auth\"");
        csr.getSpec().setExpirationSeconds(60);
        strategy.prepareForCreate(csr);

        assertThat(strategy.validate(csr)).extracting(FieldError::toString).containsExactly(
                "spec.request: Invalid value: []byte{0x68, 0x69}: PEM block type must be CERTIFICATE REQUEST",
                "spec.usages[1]: Unsupported value: \"flying\": supported values: \"any\", \"cert sign\", "
                        + "\"client auth\", \"code signing\", \"content commitment\", \"crl sign\", \"data "
                        + "encipherment\", \"decipher only\", \"digital signature\", \"email protection\", \"encipher "
                        + "only\", \"ipsec end system\", \"ipsec tunnel\", \"ipsec user\", \"key agreement\", \"key "
                        + "encipherment\", \"microsoft sgc\", \"netscape sgc\", \"ocsp signing\", \"s/mime\", \"server "
                        + "auth\", \"signing\", \"timestamping\"",
                "spec.usages[2]: Duplicate value: \"client auth\"",
                "spec.signerName: Invalid value: \"example\": must be a fully qualified domain and path of the form "
                        + "'example.com/signer-name'",
                "spec.expirationSeconds: Invalid value: 60: may not specify a duration less than 600 seconds "
                        + "(10 minutes)");
    }

    @Test
    void approvalAddsConditionsWithTimesWhileTheMainResourceAndStatusCannot() {
        CertificateSigningRequest old = csr(TestCsrs.base64Request("CN=jane"), "example.com/signer", "\"client auth\"");
        strategy.prepareForCreate(old);
        CertificateSigningRequest approved = copy(old);
        approved.getStatus().setConditions(new java.util.ArrayList<>(java.util.List.of(
                new io.fabric8.kubernetes.api.model.certificates.v1.CertificateSigningRequestConditionBuilder()
                        .withType("Approved").withStatus("True").withReason("KubectlApprove")
                        .withMessage("This CSR was approved by kubectl certificate approve.").build())));

        CertificateSigningRequest throughMain = copy(approved);
        strategy.prepareForUpdate(throughMain, old);
        assertThat(throughMain.getStatus().getConditions()).isEmpty();

        CertificateSigningRequest throughStatus = copy(approved);
        CsrStatusStrategy status = new CsrStatusStrategy(CLOCK);
        status.prepareForUpdate(throughStatus, old);
        assertThat(throughStatus.getStatus().getConditions()).isEmpty();

        CsrApprovalStrategy approval = new CsrApprovalStrategy(CLOCK);
        approval.prepareForUpdate(approved, old);
        assertThat(approval.validateUpdate(approved, old)).isEmpty();
        assertThat(approved.getStatus().getConditions().get(0).getLastUpdateTime()).isEqualTo("2026-01-01T00:00:00Z");
        assertThat(approved.getStatus().getConditions().get(0).getLastTransitionTime()).isEqualTo("2026-01-01T00:00:00Z");
        assertThat(CsrTable.condition(approved)).isEqualTo("Approved");

        CertificateSigningRequest denied = copy(approved);
        denied.getStatus().getConditions().add(new io.fabric8.kubernetes.api.model.certificates.v1
                .CertificateSigningRequestConditionBuilder().withType("Denied").withStatus("True").build());
        assertThat(approval.validateUpdate(denied, approved)).extracting(FieldError::toString).containsExactly(
                "status.conditions[1].type: Invalid value: \"Denied\": Approved and Denied conditions are mutually "
                        + "exclusive");
    }

    @Test
    void theTablePrintsAgeSignerRequesterDurationAndCondition() {
        CertificateSigningRequest csr = csr(TestCsrs.base64Request("CN=jane"), "kubernetes.io/kube-apiserver-client",
                "\"client auth\"");
        try (CurrentUser.Scope scope = CurrentUser.open(UserInfo.ADMIN)) {
            strategy.prepareForCreate(csr);
        }
        csr.getMetadata().setCreationTimestamp("2026-01-01T00:00:00Z");
        csr.getSpec().setExpirationSeconds(86400);

        assertThat(new CsrTable().cells(csr, Instant.parse("2026-01-01T00:00:30Z"))).containsExactly("jane", "30s",
                "kubernetes.io/kube-apiserver-client", "kubernetes-admin", "24h", "Pending");
    }

    private static CertificateSigningRequest csr(String request, String signer, String usages) {
        String json = "{\"metadata\":{\"name\":\"jane\"},\"spec\":{\"request\":\"" + request + "\",\"signerName\":\""
                + signer + "\",\"usages\":[" + usages + "]}}";
        return new ObjectCodec().decode(json.getBytes(StandardCharsets.UTF_8), CertificateSigningRequest.class);
    }

    private static CertificateSigningRequest copy(CertificateSigningRequest csr) {
        ObjectCodec codec = new ObjectCodec();
        return codec.decode(codec.encode(csr), CertificateSigningRequest.class);
    }
}
