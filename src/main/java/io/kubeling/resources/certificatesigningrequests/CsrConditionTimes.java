package io.kubeling.resources.certificatesigningrequests;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

import io.fabric8.kubernetes.api.model.certificates.v1.CertificateSigningRequest;
import io.fabric8.kubernetes.api.model.certificates.v1.CertificateSigningRequestCondition;
import io.fabric8.kubernetes.api.model.certificates.v1.CertificateSigningRequestStatus;
import io.kubeling.registry.Timestamps;

/** kube's populateConditionTimestamps and preserveConditionInstances, shared by the status and approval writes. */
final class CsrConditionTimes {

    private CsrConditionTimes() {
    }

    /** Unset update times become now; unset transition times keep the old condition's of the same type and status. */
    static void populate(CertificateSigningRequest csr, CertificateSigningRequest old, Clock clock) {
        String now = Timestamps.now(clock);
        for (CertificateSigningRequestCondition c : CsrValidation.conditions(csr)) {
            if (empty(c.getLastUpdateTime())) {
                c.setLastUpdateTime(now);
            }
            if (empty(c.getLastTransitionTime())) {
                String transition = now;
                for (CertificateSigningRequestCondition before : CsrValidation.conditions(old)) {
                    if (java.util.Objects.equals(before.getType(), c.getType())
                            && java.util.Objects.equals(before.getStatus(), c.getStatus())
                            && !empty(before.getLastTransitionTime())) {
                        transition = before.getLastTransitionTime();
                        break;
                    }
                }
                c.setLastTransitionTime(transition);
            }
        }
    }

    /**
     * The old conditions of {@code type} in place of the new ones of that type (kept where they were, extra ones
     * dropped, missing ones appended), so a status write cannot change an approval.
     */
    static void preserve(CertificateSigningRequest csr, CertificateSigningRequest old, String type) {
        List<CertificateSigningRequestCondition> oldOfType = CsrValidation.conditions(old).stream()
                .filter(c -> type.equals(c.getType())).toList();
        List<CertificateSigningRequestCondition> result = new ArrayList<>();
        int next = 0;
        for (CertificateSigningRequestCondition c : CsrValidation.conditions(csr)) {
            if (!type.equals(c.getType())) {
                result.add(c);
            } else if (next < oldOfType.size()) {
                result.add(oldOfType.get(next++));
            }
        }
        while (next < oldOfType.size()) {
            result.add(oldOfType.get(next++));
        }
        if (csr.getStatus() == null) {
            csr.setStatus(new CertificateSigningRequestStatus());
        }
        csr.getStatus().setConditions(result);
    }

    private static boolean empty(String time) {
        return time == null || time.isEmpty();
    }
}
