package io.kubeling.resources.certificatesigningrequests;

import java.time.Clock;
import java.util.List;

import io.fabric8.kubernetes.api.model.certificates.v1.CertificateSigningRequest;
import io.fabric8.kubernetes.api.model.certificates.v1.CertificateSigningRequestStatus;
import io.kubeling.registry.Strategy;
import io.kubeling.registry.validation.FieldError;

/** certificatesigningrequests/approval: only the conditions change (kubectl certificate approve and deny). */
class CsrApprovalStrategy implements Strategy<CertificateSigningRequest> {

    private final Clock clock;

    CsrApprovalStrategy(Clock clock) {
        this.clock = clock;
    }

    @Override
    public void prepareForUpdate(CertificateSigningRequest csr, CertificateSigningRequest old) {
        csr.setSpec(old.getSpec());
        CertificateSigningRequestStatus status = old.getStatus() == null ? new CertificateSigningRequestStatus()
                : new io.fabric8.kubernetes.api.model.certificates.v1.CertificateSigningRequestStatusBuilder(
                        old.getStatus()).build();
        status.setConditions(csr.getStatus() == null ? null : csr.getStatus().getConditions());
        csr.setStatus(status);
        CsrConditionTimes.populate(csr, old, clock);
    }

    @Override
    public List<FieldError> validateUpdate(CertificateSigningRequest csr, CertificateSigningRequest old) {
        return CsrValidation.validateUpdate(csr, old, CsrValidation.Options.of(csr, old).withApprovalConditions());
    }
}
