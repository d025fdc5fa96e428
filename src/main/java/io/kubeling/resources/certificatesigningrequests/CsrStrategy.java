package io.kubeling.resources.certificatesigningrequests;

import java.util.List;

import io.fabric8.kubernetes.api.model.certificates.v1.CertificateSigningRequest;
import io.fabric8.kubernetes.api.model.certificates.v1.CertificateSigningRequestSpec;
import io.fabric8.kubernetes.api.model.certificates.v1.CertificateSigningRequestStatus;
import io.kubeling.registry.Strategy;
import io.kubeling.registry.validation.FieldError;

/**
 * kube's CSR strategy: the requester's identity is the request's (Kubeling's requests are anonymous, as admission
 * reviews name them), status and spec are written only through their subresources, any name is allowed.
 */
class CsrStrategy implements Strategy<CertificateSigningRequest> {

    static final String USER = "system:anonymous";
    static final String GROUP = "system:unauthenticated";

    @Override
    public void prepareForCreate(CertificateSigningRequest csr) {
        if (csr.getSpec() == null) {
            csr.setSpec(new CertificateSigningRequestSpec());
        }
        CertificateSigningRequestSpec spec = csr.getSpec();
        spec.setUsername(USER);
        spec.setUid(null);
        spec.setGroups(List.of(GROUP));
        spec.setExtra(null);
        spec.setRequest(CsrValidation.canonical(spec.getRequest()));
        csr.setStatus(new CertificateSigningRequestStatus());
    }

    @Override
    public void prepareForUpdate(CertificateSigningRequest csr, CertificateSigningRequest old) {
        csr.setSpec(old.getSpec());
        csr.setStatus(old.getStatus());
    }

    @Override
    public NameRule nameRule() {
        return NameRule.PATH_SEGMENT;
    }

    @Override
    public List<FieldError> validate(CertificateSigningRequest csr) {
        return CsrValidation.validate(csr, CsrValidation.Options.of(csr, null));
    }

    @Override
    public List<FieldError> validateUpdate(CertificateSigningRequest csr, CertificateSigningRequest old) {
        return CsrValidation.validateUpdate(csr, old, CsrValidation.Options.of(csr, old));
    }

    @Override
    public java.util.Map<String, String> selectableFields(CertificateSigningRequest csr) {
        return java.util.Map.of("spec.signerName", csr.getSpec() == null || csr.getSpec().getSignerName() == null ? ""
                : csr.getSpec().getSignerName());
    }
}
