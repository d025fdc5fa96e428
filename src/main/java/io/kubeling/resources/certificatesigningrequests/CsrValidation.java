package io.kubeling.resources.certificatesigningrequests;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

import io.fabric8.kubernetes.api.model.certificates.v1.CertificateSigningRequest;
import io.fabric8.kubernetes.api.model.certificates.v1.CertificateSigningRequestCondition;
import io.fabric8.kubernetes.api.model.certificates.v1.CertificateSigningRequestSpec;
import io.kubeling.registry.Errors;
import io.kubeling.registry.validation.FieldError;
import io.kubeling.registry.validation.Names;
import io.kubeling.resources.common.GoBase64;

/**
 * kube's validateCertificateSigningRequest and its update rules, with the options that let each subresource (and
 * data an older server stored) through.
 */
final class CsrValidation {

    static final String LEGACY_UNKNOWN = "kubernetes.io/legacy-unknown";
    static final List<String> USAGES = List.of("any", "cert sign", "client auth", "code signing", "content commitment",
            "crl sign", "data encipherment", "decipher only", "digital signature", "email protection", "encipher only",
            "ipsec end system", "ipsec tunnel", "ipsec user", "key agreement", "key encipherment", "microsoft sgc",
            "netscape sgc", "ocsp signing", "s/mime", "server auth", "signing", "timestamping");
    private static final Set<String> TRUE_ONLY = Set.of("Approved", "Denied", "Failed");

    /** certificateValidationOptions. */
    record Options(boolean approvalConditions, boolean settingCertificate, boolean bothApprovedAndDenied,
            boolean legacySigner, boolean duplicateConditions, boolean emptyConditionType, boolean arbitraryCertificate,
            boolean unknownUsages, boolean duplicateUsages) {

        static Options of(CertificateSigningRequest csr, CertificateSigningRequest old) {
            boolean sameCertificate = old != null && Objects.equals(certificate(csr), certificate(old));
            return new Options(false, false,
                    old != null && has(old, "Approved") && has(old, "Denied"),
                    old != null && LEGACY_UNKNOWN.equals(spec(old).getSignerName()),
                    old != null && duplicateTypes(old),
                    old != null && conditions(old).stream().anyMatch(c -> c.getType() == null || c.getType().isEmpty()),
                    sameCertificate || old != null && CsrCertificates.check(certificate(old)) != null,
                    old != null && spec(old).getUsages() != null && spec(old).getUsages().stream()
                            .anyMatch(u -> !USAGES.contains(u)),
                    old != null && spec(old).getUsages() != null
                            && new HashSet<>(spec(old).getUsages()).size() < spec(old).getUsages().size());
        }

        Options withApprovalConditions() {
            return new Options(true, settingCertificate, bothApprovedAndDenied, legacySigner, duplicateConditions,
                    emptyConditionType, arbitraryCertificate, unknownUsages, duplicateUsages);
        }

        Options withCertificate() {
            return new Options(approvalConditions, true, bothApprovedAndDenied, legacySigner, duplicateConditions,
                    emptyConditionType, arbitraryCertificate, unknownUsages, duplicateUsages);
        }
    }

    private CsrValidation() {
    }

    static List<FieldError> validate(CertificateSigningRequest csr, Options opts) {
        List<FieldError> errs = new ArrayList<>();
        CertificateSigningRequestSpec spec = spec(csr);
        byte[] request = decode(spec.getRequest());
        String requestError = CsrRequests.check(request);
        if (requestError != null) {
            errs.add(FieldError.invalid("spec.request", GoBytes.of(request), requestError));
        }
        List<String> usages = spec.getUsages() == null ? List.of() : spec.getUsages();
        if (usages.isEmpty()) {
            errs.add(FieldError.required("spec.usages", ""));
        }
        if (!opts.unknownUsages()) {
            for (int i = 0; i < usages.size(); i++) {
                if (!USAGES.contains(usages.get(i))) {
                    errs.add(FieldError.notSupported("spec.usages[" + i + "]", usages.get(i), USAGES));
                }
            }
        }
        if (!opts.duplicateUsages()) {
            Set<String> seen = new HashSet<>();
            for (int i = 0; i < usages.size(); i++) {
                if (!seen.add(usages.get(i))) {
                    errs.add(FieldError.duplicate("spec.usages[" + i + "]", usages.get(i)));
                }
            }
        }
        String signer = Objects.requireNonNullElse(spec.getSignerName(), "");
        if (!opts.legacySigner() && signer.equals(LEGACY_UNKNOWN)) {
            errs.add(FieldError.invalid("spec.signerName", signer,
                    "the legacy signerName is not allowed via this API version"));
        } else {
            signerName(errs, signer);
        }
        if (spec.getExpirationSeconds() != null && spec.getExpirationSeconds() < 600) {
            errs.add(FieldError.invalid("spec.expirationSeconds", spec.getExpirationSeconds(),
                    "may not specify a duration less than 600 seconds (10 minutes)"));
        }
        conditions(errs, csr, opts);
        if (!opts.arbitraryCertificate()) {
            String certificateError = CsrCertificates.check(certificate(csr));
            if (certificateError != null) {
                errs.add(FieldError.invalid("status.certificate", "<certificate data>", certificateError));
            }
        }
        return errs;
    }

    static List<FieldError> validateUpdate(CertificateSigningRequest csr, CertificateSigningRequest old, Options opts) {
        List<FieldError> errs = validate(csr, opts);
        for (String type : List.of("Approved", "Denied", "Failed")) {
            if (count(csr, type) < count(old, type)) {
                errs.add(FieldError.forbidden("status.conditions", "updates may not remove a condition of type \""
                        + type + "\""));
            }
        }
        if (!opts.approvalConditions()) {
            for (String type : List.of("Approved", "Denied")) {
                List<CertificateSigningRequestCondition> before = of(old, type);
                List<CertificateSigningRequestCondition> after = of(csr, type);
                if (after.size() > before.size()) {
                    errs.add(FieldError.forbidden("status.conditions", "updates may not add a condition of type \""
                            + type + "\""));
                } else if (after.size() == before.size() && !after.equals(before)) {
                    errs.add(FieldError.forbidden("status.conditions", "updates may not modify a condition of type \""
                            + type + "\""));
                }
            }
        }
        if (!Objects.equals(certificate(csr), certificate(old))) {
            if (!opts.settingCertificate()) {
                errs.add(FieldError.forbidden("status.certificate", "updates may not set certificate content"));
            } else if (certificate(old) != null && !certificate(old).isEmpty()) {
                errs.add(FieldError.forbidden("status.certificate", "updates may not modify existing certificate content"));
            }
        }
        return errs;
    }

    /** ValidateSignerName: a domain of at least two DNS labels, a slash, a DNS subdomain. */
    private static void signerName(List<FieldError> errs, String signer) {
        String path = "spec.signerName";
        if (signer.isEmpty()) {
            errs.add(FieldError.required(path, ""));
            return;
        }
        String[] segments = signer.split("/", -1);
        if (segments.length != 2) {
            errs.add(FieldError.invalid(path, signer,
                    "must be a fully qualified domain and path of the form 'example.com/signer-name'"));
            return;
        }
        if (segments[0].length() > Names.DNS1123_SUBDOMAIN_MAX) {
            errs.add(FieldError.tooLong(path, Names.DNS1123_SUBDOMAIN_MAX));
        }
        String[] labels = segments[0].split("\\.", -1);
        for (String label : labels) {
            List<String> messages = Names.dns1123Label(label);
            if (!messages.isEmpty()) {
                for (String message : messages) {
                    errs.add(FieldError.invalid(path, segments[0], "validating label \"" + label + "\": " + message));
                }
                break;
            }
        }
        if (labels.length < 2) {
            errs.add(FieldError.invalid(path, segments[0], "should be a domain with at least two segments separated by dots"));
        }
        int maxPath = Names.DNS1123_SUBDOMAIN_MAX + Names.DNS1123_LABEL_MAX + 1;
        if (segments[1].length() > maxPath) {
            errs.add(FieldError.tooLong(path, maxPath));
        }
        for (String message : Names.dns1123Subdomain(segments[1])) {
            errs.add(FieldError.invalid(path, segments[1], message));
        }
    }

    private static void conditions(List<FieldError> errs, CertificateSigningRequest csr, Options opts) {
        List<CertificateSigningRequestCondition> conditions = conditions(csr);
        Set<String> seen = new HashSet<>();
        boolean approved = false;
        boolean denied = false;
        for (int i = 0; i < conditions.size(); i++) {
            CertificateSigningRequestCondition c = conditions.get(i);
            String path = "status.conditions[" + i + "]";
            String type = Objects.requireNonNullElse(c.getType(), "");
            if (!opts.emptyConditionType() && type.isEmpty()) {
                errs.add(FieldError.required(path + ".type", ""));
            }
            List<String> allowed = TRUE_ONLY.contains(type) ? List.of("True") : List.of("False", "True", "Unknown");
            String status = Objects.requireNonNullElse(c.getStatus(), "");
            if (status.isEmpty()) {
                errs.add(FieldError.required(path + ".status", ""));
            } else if (!allowed.contains(status)) {
                errs.add(FieldError.notSupported(path + ".status", status, allowed));
            }
            if (!opts.bothApprovedAndDenied()) {
                if (type.equals("Approved")) {
                    approved = true;
                    if (denied) {
                        errs.add(FieldError.invalid(path + ".type", type,
                                "Approved and Denied conditions are mutually exclusive"));
                    }
                } else if (type.equals("Denied")) {
                    denied = true;
                    if (approved) {
                        errs.add(FieldError.invalid(path + ".type", type,
                                "Approved and Denied conditions are mutually exclusive"));
                    }
                }
            }
            if (!opts.duplicateConditions() && !seen.add(type)) {
                errs.add(FieldError.duplicate(path + ".type", type));
            }
        }
    }

    static CertificateSigningRequestSpec spec(CertificateSigningRequest csr) {
        return csr.getSpec() == null ? new CertificateSigningRequestSpec() : csr.getSpec();
    }

    static List<CertificateSigningRequestCondition> conditions(CertificateSigningRequest csr) {
        return csr.getStatus() == null || csr.getStatus().getConditions() == null ? List.of()
                : csr.getStatus().getConditions();
    }

    static String certificate(CertificateSigningRequest csr) {
        String certificate = csr.getStatus() == null ? null : csr.getStatus().getCertificate();
        return certificate == null || certificate.isEmpty() ? null : certificate;
    }

    private static boolean has(CertificateSigningRequest csr, String type) {
        return count(csr, type) > 0;
    }

    private static long count(CertificateSigningRequest csr, String type) {
        return of(csr, type).size();
    }

    private static List<CertificateSigningRequestCondition> of(CertificateSigningRequest csr, String type) {
        return conditions(csr).stream().filter(c -> type.equals(c.getType())).toList();
    }

    private static boolean duplicateTypes(CertificateSigningRequest csr) {
        Set<String> seen = new HashSet<>();
        return conditions(csr).stream().anyMatch(c -> !seen.add(Objects.requireNonNullElse(c.getType(), "")));
    }

    /** The bytes of a base64 field; {@link #canonical} has already refused what is not base64. */
    static byte[] decode(String base64) {
        if (base64 == null || base64.isEmpty()) {
            return new byte[0];
        }
        try {
            return GoBase64.decode(base64);
        } catch (IllegalArgumentException e) {
            return new byte[0];
        }
    }

    /** A []byte field rewritten canonically, or refused (400) as kube's decoder refuses what is not base64. */
    static String canonical(String base64) {
        if (base64 == null) {
            return null;
        }
        try {
            return GoBase64.encode(GoBase64.decode(base64));
        } catch (IllegalArgumentException e) {
            throw Errors.badRequest("CertificateSigningRequest in version \"v1\" cannot be handled as a "
                    + "CertificateSigningRequest: " + e.getMessage());
        }
    }

    /** A byte slice as Go's %#v prints it in a field error: {@code []byte{0x2d, 0x2d}}, {@code []byte(nil)}. */
    record GoBytes(byte[] bytes) {

        static GoBytes of(byte[] bytes) {
            return new GoBytes(bytes);
        }

        @Override
        public String toString() {
            if (bytes.length == 0) {
                return "[]byte(nil)";
            }
            StringBuilder s = new StringBuilder("[]byte{");
            for (int i = 0; i < bytes.length; i++) {
                if (i > 0) {
                    s.append(", ");
                }
                s.append(String.format("0x%x", bytes[i] & 0xff));
            }
            return s.append('}').toString();
        }
    }
}
