package io.kubeling.resources.certificatesigningrequests;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import io.fabric8.kubernetes.api.model.certificates.v1.CertificateSigningRequest;
import io.fabric8.kubernetes.api.model.certificates.v1.CertificateSigningRequestCondition;
import io.kubeling.registry.TableColumn;
import io.kubeling.registry.TableConvertor;
import io.kubeling.resources.common.Ages;
import io.kubeling.resources.common.StandardColumns;

/** kube's printCertificateSigningRequest: age second, the requester, and Pending/Approved/Denied with Failed, Issued. */
public class CsrTable implements TableConvertor<CertificateSigningRequest> {

    private static final List<TableColumn> COLUMNS = List.of(
            StandardColumns.NAME,
            StandardColumns.AGE,
            StandardColumns.column("SignerName", "Requested signer for the request. It is a qualified name in the "
                    + "form: `scope-hostname.io/name`. If empty, it will be defaulted:\n 1. If it's a kubelet client "
                    + "certificate, it is assigned\n    \"kubernetes.io/kube-apiserver-client-kubelet\".\n 2. If it's "
                    + "a kubelet serving certificate, it is assigned\n    \"kubernetes.io/kubelet-serving\".\n 3. "
                    + "Otherwise, it is assigned \"kubernetes.io/legacy-unknown\".\nDistribution of trust for signers "
                    + "happens out of band. You can select on this field using `spec.signerName`."),
            StandardColumns.column("Requestor", "Base64-encoded PKCS#10 CSR data"),
            StandardColumns.column("RequestedDuration", "expirationSeconds is the requested duration of validity of "
                    + "the issued certificate. The certificate signer may issue a certificate with a different validity "
                    + "duration so a client must check the delta between the notBefore and and notAfter fields in the "
                    + "issued certificate to determine the actual duration.\n\nThe v1.22+ in-tree implementations of "
                    + "the well-known Kubernetes signers will honor this field as long as the requested duration is not "
                    + "greater than the maximum duration they will honor per the --cluster-signing-duration CLI flag to "
                    + "the Kubernetes controller manager.\n\nCertificate signers may not honor this field for various "
                    + "reasons:\n\n  1. Old signer that is unaware of the field (such as the in-tree\n     "
                    + "implementations prior to v1.22)\n  2. Signer whose configured maximum is shorter than the "
                    + "requested duration\n  3. Signer whose configured minimum is longer than the requested "
                    + "duration\n\nThe minimum valid value for expirationSeconds is 600, i.e. 10 minutes.\n\nAs of "
                    + "v1.22, this field is beta and is controlled via the CSRDuration feature gate."),
            StandardColumns.column("Condition", "Conditions applied to the request, such as approval or denial."));

    @Override
    public List<TableColumn> columns() {
        return COLUMNS;
    }

    @Override
    public List<Object> cells(CertificateSigningRequest csr, Instant now) {
        var spec = CsrValidation.spec(csr);
        String signer = spec.getSignerName() == null || spec.getSignerName().isEmpty() ? "<none>" : spec.getSignerName();
        String duration = spec.getExpirationSeconds() == null ? "<none>"
                : Ages.human(Duration.ofSeconds(spec.getExpirationSeconds()));
        return List.of(csr.getMetadata().getName(), Ages.since(csr.getMetadata().getCreationTimestamp(), now), signer,
                spec.getUsername() == null ? "" : spec.getUsername(), duration, condition(csr));
    }

    /** extractCSRStatus. */
    static String condition(CertificateSigningRequest csr) {
        boolean approved = false;
        boolean denied = false;
        boolean failed = false;
        for (CertificateSigningRequestCondition c : CsrValidation.conditions(csr)) {
            switch (String.valueOf(c.getType())) {
                case "Approved" -> approved = true;
                case "Denied" -> denied = true;
                case "Failed" -> failed = true;
                default -> { }
            }
        }
        String status = denied ? "Denied" : approved ? "Approved" : "Pending";
        if (failed) {
            status += ",Failed";
        }
        if (CsrValidation.certificate(csr) != null) {
            status += ",Issued";
        }
        return status;
    }
}
