package io.kubeling.controllers.certificates;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x500.style.IETFUtils;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;

/**
 * What kube's csrsigning controller requires of a request to each built-in signer (isKubeletServing,
 * isKubeletClient, isKubeAPIServerClient): a reason to fail it, or null when it may be signed.
 */
final class SignerRules {

    static final String API_SERVER_CLIENT = "kubernetes.io/kube-apiserver-client";
    static final String KUBELET_CLIENT = "kubernetes.io/kube-apiserver-client-kubelet";
    static final String KUBELET_SERVING = "kubernetes.io/kubelet-serving";
    static final List<String> SIGNERS = List.of(API_SERVER_CLIENT, KUBELET_CLIENT, KUBELET_SERVING);

    private static final Set<String> KUBELET_CLIENT_USAGES = Set.of("digital signature", "key encipherment",
            "client auth");
    private static final Set<String> KUBELET_CLIENT_USAGES_NO_RSA = Set.of("digital signature", "client auth");
    private static final Set<String> KUBELET_SERVING_USAGES = Set.of("digital signature", "key encipherment",
            "server auth");
    private static final Set<String> KUBELET_SERVING_USAGES_NO_RSA = Set.of("digital signature", "server auth");

    private SignerRules() {
    }

    static String check(String signer, X500Name subject, GeneralNames sans, List<String> usages) {
        return switch (signer) {
            case API_SERVER_CLIENT -> apiServerClient(usages);
            case KUBELET_CLIENT -> kubeletClient(subject, sans, usages);
            case KUBELET_SERVING -> kubeletServing(subject, sans, usages);
            default -> "not a built-in signer: " + signer;
        };
    }

    private static String apiServerClient(List<String> usages) {
        boolean clientAuth = false;
        for (String usage : usages) {
            switch (usage) {
                case "digital signature", "key encipherment" -> { }
                case "client auth" -> clientAuth = true;
                default -> {
                    return "invalid usage for client certificate: " + usage;
                }
            }
        }
        return clientAuth ? null : "missing required usage for client certificate: client auth";
    }

    private static String kubeletClient(X500Name subject, GeneralNames sans, List<String> usages) {
        if (!List.of("system:nodes").equals(values(subject, BCStyle.O))) {
            return "subject organization is not system:nodes";
        }
        if (count(sans, GeneralName.dNSName) > 0) {
            return "DNS subjectAltNames are not allowed";
        }
        if (count(sans, GeneralName.rfc822Name) > 0) {
            return "Email subjectAltNames are not allowed";
        }
        if (count(sans, GeneralName.iPAddress) > 0) {
            return "IP subjectAltNames are not allowed";
        }
        if (count(sans, GeneralName.uniformResourceIdentifier) > 0) {
            return "URI subjectAltNames are not allowed";
        }
        if (!commonName(subject).startsWith("system:node:")) {
            return "subject common name does not begin with system:node:";
        }
        Set<String> given = new HashSet<>(usages);
        if (!given.equals(KUBELET_CLIENT_USAGES) && !given.equals(KUBELET_CLIENT_USAGES_NO_RSA)) {
            return "usages did not match [client auth digital signature key encipherment]";
        }
        return null;
    }

    private static String kubeletServing(X500Name subject, GeneralNames sans, List<String> usages) {
        if (!List.of("system:nodes").equals(values(subject, BCStyle.O))) {
            return "subject organization is not system:nodes";
        }
        if (count(sans, GeneralName.dNSName) == 0 && count(sans, GeneralName.iPAddress) == 0) {
            return "DNS or IP subjectAltName is required";
        }
        if (count(sans, GeneralName.rfc822Name) > 0) {
            return "Email subjectAltNames are not allowed";
        }
        if (count(sans, GeneralName.uniformResourceIdentifier) > 0) {
            return "URI subjectAltNames are not allowed";
        }
        Set<String> given = new HashSet<>(usages);
        if (!given.equals(KUBELET_SERVING_USAGES) && !given.equals(KUBELET_SERVING_USAGES_NO_RSA)) {
            return "usages did not match [digital signature key encipherment server auth]";
        }
        if (!commonName(subject).startsWith("system:node:")) {
            return "subject common name does not begin with system:node:";
        }
        return null;
    }

    private static List<String> values(X500Name name, ASN1ObjectIdentifier type) {
        return java.util.Arrays.stream(name.getRDNs(type)).map(RDN::getFirst)
                .map(a -> IETFUtils.valueToString(a.getValue())).toList();
    }

    private static String commonName(X500Name name) {
        List<String> names = values(name, BCStyle.CN);
        return names.isEmpty() ? "" : names.get(0);
    }

    private static long count(GeneralNames sans, int tag) {
        if (sans == null) {
            return 0;
        }
        return java.util.Arrays.stream(sans.getNames()).filter(n -> n.getTagNo() == tag).count();
    }
}
