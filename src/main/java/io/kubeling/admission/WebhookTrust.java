package io.kubeling.admission;

import java.io.ByteArrayInputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.UnknownHostException;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.Collection;
import java.util.List;
import java.util.Locale;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * The TLS trust of one webhook, as kube's webhook client sets it up: only the configuration's caBundle (the
 * system's roots when it has none), and the certificate checked against the name kube expects, which for a
 * Service is {@code name.namespace.svc} whatever address the connection goes to. Like Go, names are read
 * from the subject alternative names only.
 */
final class WebhookTrust {

    private WebhookTrust() {
    }

    static SSLContext context(byte[] caBundle, String serverName) throws GeneralSecurityException {
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        if (caBundle == null || caBundle.length == 0) {
            factory.init((KeyStore) null);
        } else {
            KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
            try {
                store.load(null, null);
            } catch (java.io.IOException e) {
                throw new GeneralSecurityException(e);
            }
            Collection<? extends java.security.cert.Certificate> certificates = CertificateFactory.getInstance("X.509")
                    .generateCertificates(new ByteArrayInputStream(caBundle));
            int i = 0;
            for (java.security.cert.Certificate certificate : certificates) {
                store.setCertificateEntry("ca-" + i++, certificate);
            }
            factory.init(store);
        }
        X509TrustManager pkix = null;
        for (TrustManager manager : factory.getTrustManagers()) {
            if (manager instanceof X509TrustManager x509) {
                pkix = x509;
            }
        }
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, new TrustManager[] { new NamedServerTrust(pkix, serverName) }, null);
        return context;
    }

    /** Checks the chain against the bundle, then the leaf against the expected name. */
    private static final class NamedServerTrust extends X509ExtendedTrustManager {

        private final X509TrustManager pkix;
        private final String serverName;

        NamedServerTrust(X509TrustManager pkix, String serverName) {
            this.pkix = pkix;
            this.serverName = serverName;
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            try {
                pkix.checkServerTrusted(chain, authType);
            } catch (CertificateException e) {
                throw new CertificateException("x509: certificate signed by unknown authority", e);
            }
            checkName(chain[0]);
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
                throws CertificateException {
            checkServerTrusted(chain, authType);
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
                throws CertificateException {
            checkServerTrusted(chain, authType);
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            throw new CertificateException("client certificates are not accepted");
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
                throws CertificateException {
            checkClientTrusted(chain, authType);
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
                throws CertificateException {
            checkClientTrusted(chain, authType);
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return pkix.getAcceptedIssuers();
        }

        private void checkName(X509Certificate leaf) throws CertificateException {
            List<String> dnsNames = new java.util.ArrayList<>();
            List<String> addresses = new java.util.ArrayList<>();
            Collection<List<?>> alternatives;
            try {
                alternatives = leaf.getSubjectAlternativeNames();
            } catch (CertificateParsingException e) {
                throw new CertificateException("x509: " + e.getMessage(), e);
            }
            if (alternatives != null) {
                for (List<?> entry : alternatives) {
                    int type = (Integer) entry.get(0);
                    if (type == 2) {
                        dnsNames.add(String.valueOf(entry.get(1)));
                    } else if (type == 7) {
                        addresses.add(String.valueOf(entry.get(1)));
                    }
                }
            }
            if (isAddress(serverName)) {
                InetAddress expected = address(serverName);
                for (String candidate : addresses) {
                    if (expected != null && expected.equals(address(candidate))) {
                        return;
                    }
                }
                throw new CertificateException(addresses.isEmpty()
                        ? "x509: cannot validate certificate for " + serverName + " because it doesn't contain any IP SANs"
                        : "x509: certificate is valid for " + String.join(", ", addresses) + ", not " + serverName);
            }
            for (String candidate : dnsNames) {
                if (nameMatches(candidate.toLowerCase(Locale.ROOT), serverName.toLowerCase(Locale.ROOT))) {
                    return;
                }
            }
            throw new CertificateException(dnsNames.isEmpty()
                    ? "x509: certificate is not valid for any names, but wanted to match " + serverName
                    : "x509: certificate is valid for " + String.join(", ", dnsNames) + ", not " + serverName);
        }
    }

    static boolean nameMatches(String pattern, String host) {
        if (pattern.startsWith("*.")) {
            int dot = host.indexOf('.');
            return dot > 0 && host.substring(dot).equals(pattern.substring(1));
        }
        return pattern.equals(host);
    }

    static boolean isAddress(String host) {
        return host.indexOf(':') >= 0 || host.matches("[0-9.]+");
    }

    private static InetAddress address(String literal) {
        try {
            String bare = literal.startsWith("[") ? literal.substring(1, literal.length() - 1) : literal;
            return InetAddress.getByName(bare);
        } catch (UnknownHostException e) {
            return null;
        }
    }
}
