package io.kubeling.controllers.certificates;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.function.Supplier;

import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.PKCSException;
import org.bouncycastle.util.io.pem.PemObject;
import org.bouncycastle.util.io.pem.PemReader;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

import io.fabric8.kubernetes.api.model.certificates.v1.CertificateSigningRequest;
import io.fabric8.kubernetes.api.model.certificates.v1.CertificateSigningRequestCondition;
import io.fabric8.kubernetes.api.model.certificates.v1.CertificateSigningRequestStatus;
import io.kubeling.registry.WriteOptions;
import io.kubeling.controllers.ChangeFeed;
import io.kubeling.controllers.ControllerKit;
import io.kubeling.controllers.Managers;
import io.kubeling.controllers.QueuedController;
import io.kubeling.registry.ListOptions;
import io.kubeling.registry.ResourceStore;
import io.kubeling.registry.StatusException;
import io.kubeling.registry.Timestamps;
import io.kubeling.registry.authentication.ClusterPki;

/**
 * kube-controller-manager's csrsigning controller for the built-in signer names: an approved request that is not
 * failed gets a certificate from the cluster CA in {@code status.certificate}, valid for the requested duration
 * (a year at most, kube's --cluster-signing-duration) and backdated five minutes; a request the signer's rules
 * refuse gets a {@code Failed} condition with reason {@code SignerValidationFailure}. Other signer names are left
 * to their own signers.
 */
@Component
public class CsrSigningController extends QueuedController {

    /** Who this controller writes as. */
    static final WriteOptions WRITER = Managers.controller("certificate-controller");

    private static final Duration MAX_DURATION = Duration.ofDays(365);
    private static final Duration BACKDATE = Duration.ofMinutes(5);

    private final Supplier<ClusterCa> authorities;
    private volatile ClusterCa ca;

    /** Signs with the server's cluster CA, so that the client certificates it issues authenticate. */
    @Autowired
    public CsrSigningController(ControllerKit kit, ClusterPki pki) {
        this(kit, () -> ClusterCa.of(pki.ca(), pki.caKey()));
    }

    /** Signs with a CA of its own, made on the first signing. */
    public CsrSigningController(ControllerKit kit) {
        this(kit, () -> ClusterCa.generate(kit.clock()));
    }

    private CsrSigningController(ControllerKit kit, Supplier<ClusterCa> authorities) {
        super("csrsigning", kit);
        this.authorities = authorities;
    }

    @Override
    protected List<ChangeFeed.Subscription> subscribe() {
        return List.of(feed.subscribe(CertificateSigningRequest.class, change -> {
            if (!change.deleted() && wantsCertificate(change.object())) {
                queue.add(change.object().getMetadata().getName());
            }
        }));
    }

    @Override
    protected void queueExisting() {
        for (CertificateSigningRequest csr : csrs().list(null, ListOptions.ALL).items()) {
            if (wantsCertificate(csr)) {
                queue.add(csr.getMetadata().getName());
            }
        }
    }

    static boolean wantsCertificate(CertificateSigningRequest csr) {
        return csr.getSpec() != null && SignerRules.SIGNERS.contains(csr.getSpec().getSignerName())
                && has(csr, "Approved") && !has(csr, "Failed") && !has(csr, "Denied")
                && (csr.getStatus().getCertificate() == null || csr.getStatus().getCertificate().isEmpty());
    }

    @Override
    protected void sync(String name) {
        CertificateSigningRequest csr;
        try {
            csr = csrs().get(null, name);
        } catch (StatusException e) {
            if (e.code() == 404) {
                return;
            }
            throw e;
        }
        if (!wantsCertificate(csr)) {
            return;
        }
        PKCS10CertificationRequest request = parse(csr.getSpec().getRequest());
        if (request == null) {
            return;
        }
        GeneralNames sans = subjectAltNames(request);
        List<String> usages = csr.getSpec().getUsages() == null ? List.of() : csr.getSpec().getUsages();
        String refusal = SignerRules.check(csr.getSpec().getSignerName(), request.getSubject(), sans, usages);
        String certificate = refusal == null ? sign(request, sans, usages, csr.getSpec().getExpirationSeconds()) : null;
        csrs().update(null, name, "status", current -> {
            if (!wantsCertificate(current)) {
                return current;
            }
            CertificateSigningRequestStatus status = current.getStatus();
            if (refusal != null) {
                List<CertificateSigningRequestCondition> conditions = new ArrayList<>(status.getConditions());
                CertificateSigningRequestCondition failed = new CertificateSigningRequestCondition();
                failed.setType("Failed");
                failed.setStatus("True");
                failed.setReason("SignerValidationFailure");
                failed.setMessage(refusal);
                failed.setLastUpdateTime(Timestamps.now(clock));
                conditions.add(failed);
                status.setConditions(conditions);
            } else {
                status.setCertificate(Base64.getEncoder().encodeToString(certificate.getBytes(StandardCharsets.US_ASCII)));
            }
            return current;
        }, WRITER);
    }

    private String sign(PKCS10CertificationRequest request, GeneralNames sans, List<String> usages, Integer seconds) {
        ClusterCa authority = authority();
        Instant now = clock.instant();
        Duration duration = seconds == null ? MAX_DURATION : Duration.ofSeconds(seconds);
        if (duration.compareTo(MAX_DURATION) > 0) {
            duration = MAX_DURATION;
        }
        Instant notAfter = now.plus(duration);
        if (notAfter.isAfter(authority.notAfter())) {
            notAfter = authority.notAfter();
        }
        try {
            X509v3CertificateBuilder builder = new X509v3CertificateBuilder(authority.name(), ClusterCa.serial(),
                    Date.from(now.minus(BACKDATE)), Date.from(notAfter), request.getSubject(),
                    request.getSubjectPublicKeyInfo());
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
            int keyUsage = 0;
            List<KeyPurposeId> purposes = new ArrayList<>();
            for (String usage : usages) {
                switch (usage) {
                    case "digital signature" -> keyUsage |= KeyUsage.digitalSignature;
                    case "key encipherment" -> keyUsage |= KeyUsage.keyEncipherment;
                    case "content commitment" -> keyUsage |= KeyUsage.nonRepudiation;
                    case "data encipherment" -> keyUsage |= KeyUsage.dataEncipherment;
                    case "key agreement" -> keyUsage |= KeyUsage.keyAgreement;
                    case "client auth" -> purposes.add(KeyPurposeId.id_kp_clientAuth);
                    case "server auth" -> purposes.add(KeyPurposeId.id_kp_serverAuth);
                    case "code signing" -> purposes.add(KeyPurposeId.id_kp_codeSigning);
                    case "email protection" -> purposes.add(KeyPurposeId.id_kp_emailProtection);
                    default -> { }
                }
            }
            if (keyUsage != 0) {
                builder.addExtension(Extension.keyUsage, true, new KeyUsage(keyUsage));
            }
            if (!purposes.isEmpty()) {
                builder.addExtension(Extension.extendedKeyUsage, false,
                        new ExtendedKeyUsage(purposes.toArray(KeyPurposeId[]::new)));
            }
            if (sans != null) {
                builder.addExtension(Extension.subjectAlternativeName, false, sans);
            }
            X509CertificateHolder issued = builder.build(authority.signer());
            return ClusterCa.pem(issued);
        } catch (IOException e) {
            throw new IllegalStateException("cannot sign a certificate", e);
        }
    }

    /** The cluster CA, read or made on the first signing: most servers never sign anything. */
    private ClusterCa authority() {
        ClusterCa made = ca;
        if (made == null) {
            synchronized (this) {
                if (ca == null) {
                    ca = authorities.get();
                }
                made = ca;
            }
        }
        return made;
    }

    private static PKCS10CertificationRequest parse(String base64) {
        try {
            byte[] pem = Base64.getMimeDecoder().decode(base64 == null ? "" : base64);
            try (PemReader reader = new PemReader(new StringReader(new String(pem, StandardCharsets.ISO_8859_1)))) {
                PemObject block = reader.readPemObject();
                return block == null ? null : new PKCS10CertificationRequest(block.getContent());
            }
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private static GeneralNames subjectAltNames(PKCS10CertificationRequest request) {
        for (var attribute : request.getAttributes(PKCSObjectIdentifiers.pkcs_9_at_extensionRequest)) {
            Extensions extensions = Extensions.getInstance(attribute.getAttrValues().getObjectAt(0));
            GeneralNames names = GeneralNames.fromExtensions(extensions, Extension.subjectAlternativeName);
            if (names != null) {
                return names;
            }
        }
        return null;
    }

    private static boolean has(CertificateSigningRequest csr, String type) {
        return csr.getStatus() != null && csr.getStatus().getConditions() != null && csr.getStatus().getConditions()
                .stream().anyMatch(c -> type.equals(c.getType()) && "True".equals(c.getStatus()));
    }

    private ResourceStore<CertificateSigningRequest> csrs() {
        return registry.store(CertificateSigningRequest.class);
    }
}
