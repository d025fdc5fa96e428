package io.kubeling.resources.certificatesigningrequests;

import java.util.List;

import io.fabric8.kubernetes.api.model.certificates.v1.CertificateSigningRequest;
import io.fabric8.kubernetes.api.model.certificates.v1.CertificateSigningRequestSpec;
import io.fabric8.kubernetes.api.model.certificates.v1.CertificateSigningRequestStatus;
import io.kubeling.registry.CurrentUser;
import io.kubeling.registry.Strategy;
import io.kubeling.registry.UserInfo;
import io.kubeling.registry.validation.FieldError;

/**
 * kube's CSR strategy: the requester's identity (user name, uid, groups and extra) is the request's user, whatever
 * the body says, and none outside a request; status and spec are written only through their subresources, any
 * name is allowed.
 */
class CsrStrategy implements Strategy<CertificateSigningRequest> {

    @Override
    public void prepareForCreate(CertificateSigningRequest csr) {
        if (csr.getSpec() == null) {
            csr.setSpec(new CertificateSigningRequestSpec());
        }
        CertificateSigningRequestSpec spec = csr.getSpec();
        UserInfo user = CurrentUser.get().orElse(null);
        spec.setUsername(user == null ? null : user.name());
        spec.setUid(user == null || user.uid().isEmpty() ? null : user.uid());
        spec.setGroups(user == null || user.groups().isEmpty() ? null : List.copyOf(user.groups()));
        spec.setExtra(user == null || user.extra().isEmpty() ? null : new java.util.TreeMap<>(user.extra()));
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
