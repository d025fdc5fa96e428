package io.kubeling.registry.authentication;

import java.security.GeneralSecurityException;
import java.security.cert.CertPathValidator;
import java.security.cert.CertificateFactory;
import java.security.cert.CertificateParsingException;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;

import io.kubeling.registry.UserInfo;

/**
 * kube's x509 authenticator: a client certificate chain that leads to the cluster CA, valid now and usable for
 * client authentication, names its user in the subject's CN and the user's groups in its O values.
 */
public final class ClientCertificates {

    private static final String CLIENT_AUTH = "1.3.6.1.5.5.7.3.2";
    private static final String ANY_USAGE = "2.5.29.37.0";

    private final Supplier<X509Certificate> ca;
    private final Clock clock;

    public ClientCertificates(X509Certificate ca, Clock clock) {
        this(() -> ca, clock);
    }

    /** With the CA read when the first certificate comes, not before. */
    public ClientCertificates(Supplier<X509Certificate> ca, Clock clock) {
        this.ca = ca;
        this.clock = clock;
    }

    /** The user, or null when the certificate names none (an empty CN), as kube then tries the next authenticator. */
    public UserInfo authenticate(X509Certificate[] chain) {
        if (chain == null || chain.length == 0) {
            return null;
        }
        verify(chain);
        X509Certificate leaf = chain[0];
        String user = null;
        List<String> groups = new ArrayList<>();
        try {
            // LdapName lists the RDNs in the certificate's order, as Go's Subject.Organization does
            for (Rdn rdn : new LdapName(leaf.getSubjectX500Principal().getName()).getRdns()) {
                if (rdn.getType().equalsIgnoreCase("CN") && user == null) {
                    user = String.valueOf(rdn.getValue());
                } else if (rdn.getType().equalsIgnoreCase("O")) {
                    groups.add(String.valueOf(rdn.getValue()));
                }
            }
        } catch (InvalidNameException e) {
            throw new InvalidCredential("x509: malformed subject: " + e.getMessage());
        }
        if (user == null || user.isEmpty()) {
            return null;
        }
        return new UserInfo(user, "", groups, Map.of());
    }

    private void verify(X509Certificate[] chain) {
        X509Certificate ca = this.ca.get();
        try {
            PKIXParameters parameters = new PKIXParameters(Set.of(new TrustAnchor(ca, null)));
            parameters.setRevocationEnabled(false);
            parameters.setDate(Date.from(clock.instant()));
            List<X509Certificate> path = new ArrayList<>();
            for (X509Certificate c : chain) {
                // the CA itself, when a client sends it along, is the anchor, not part of the path
                if (!c.equals(ca)) {
                    path.add(c);
                }
            }
            if (path.isEmpty()) {
                throw new InvalidCredential("x509: the CA certificate is no client certificate");
            }
            CertPathValidator.getInstance("PKIX").validate(
                    CertificateFactory.getInstance("X.509").generateCertPath(path), parameters);
            List<String> usages = path.get(0).getExtendedKeyUsage();
            if (usages != null && !usages.contains(CLIENT_AUTH) && !usages.contains(ANY_USAGE)) {
                throw new InvalidCredential("x509: certificate specifies an incompatible key usage");
            }
        } catch (CertificateParsingException e) {
            throw new InvalidCredential("x509: " + e.getMessage());
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new InvalidCredential("verifying certificate " + describe(chain[0]) + " failed: x509: "
                    + e.getMessage());
        }
    }

    private static String describe(X509Certificate c) {
        return "SN=" + c.getSerialNumber() + ", Subject=\"" + c.getSubjectX500Principal().getName() + "\"";
    }
}
