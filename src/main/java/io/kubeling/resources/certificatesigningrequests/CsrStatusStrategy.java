package io.kubeling.resources.certificatesigningrequests;

import java.time.Clock;
import java.util.List;

import io.fabric8.kubernetes.api.model.certificates.v1.CertificateSigningRequest;
import io.fabric8.kubernetes.api.model.certificates.v1.CertificateSigningRequestStatus;
import io.kubeling.registry.Strategy;
import io.kubeling.registry.validation.FieldError;

/** certificatesigningrequests/status: the signer's write; approvals stay as they were, a certificate may be set once. */
class CsrStatusStrategy implements Strategy<CertificateSigningRequest> {

    private final Clock clock;

    CsrStatusStrategy(Clock clock) {
        this.clock = clock;
    }

    @Override
    public void prepareForUpdate(CertificateSigningRequest csr, CertificateSigningRequest old) {
        csr.setSpec(old.getSpec());
        if (csr.getStatus() == null) {
            csr.setStatus(new CertificateSigningRequestStatus());
        }
        csr.getStatus().setCertificate(CsrValidation.canonical(csr.getStatus().getCertificate()));
        CsrConditionTimes.preserve(csr, old, "Approved");
        CsrConditionTimes.preserve(csr, old, "Denied");
        CsrConditionTimes.populate(csr, old, clock);
    }

    @Override
    public List<FieldError> validateUpdate(CertificateSigningRequest csr, CertificateSigningRequest old) {
        return CsrValidation.validateUpdate(csr, old, CsrValidation.Options.of(csr, old).withCertificate());
    }
}
