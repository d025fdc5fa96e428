package io.kubeling.api.connector;

import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509ExtendedTrustManager;

import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.springframework.core.task.SimpleAsyncTaskExecutor;
import org.springframework.stereotype.Component;

import io.kubeling.config.KubelingProperties;
import io.kubeling.config.TlsProperties;
import io.kubeling.registry.authentication.ClusterPki;

/**
 * kube-apiserver's secure port: HTTPS (TLS 1.2 and 1.3, Jetty's default ciphers, which leave out the weak ones) on
 * the bind address and {@code kubeling.tls.port}, asking clients for a certificate. Any certificate is let through
 * the handshake, as Go's RequestClientCert does: the authentication filter checks it against the cluster CA and
 * answers 401 for one it does not vouch for. The plain port stays, moved to loopback, unless
 * {@code kubeling.tls.plain-http=false} closes it.
 */
@Component
public class SecurePort {

    private static final String[] PROTOCOLS = {"TLSv1.3", "TLSv1.2"};

    private final TlsProperties tls;
    private final KubelingProperties properties;
    private final ClusterPki pki;
    private volatile ServerConnector connector;

    SecurePort(TlsProperties tls, KubelingProperties properties, ClusterPki pki) {
        this.tls = tls;
        this.properties = properties;
        this.pki = pki;
    }

    public boolean enabled() {
        return tls.enabled();
    }

    /** The port HTTPS listens on once the server has started, -1 without HTTPS. */
    public int localPort() {
        ServerConnector c = connector;
        return c == null ? -1 : c.getLocalPort();
    }

    /** Adds the HTTPS connector beside the plain one Spring made, and keeps the plain one to loopback or closes it. */
    void arrange(Server server) {
        Connector[] connectors = server.getConnectors();
        ServerConnector plain = connectors.length > 0 && connectors[0] instanceof ServerConnector s ? s : null;
        if (!tls.enabled()) {
            if (!tls.plainHttp()) {
                throw new IllegalStateException("kubeling.tls.enabled=false and kubeling.tls.plain-http=false"
                        + " leave nothing to serve on");
            }
            return;
        }
        String host = plain != null ? plain.getHost() : properties.bindAddress();
        ServerConnector secure = connector(server, plain, host);
        if (plain != null) {
            if (!tls.plainHttp()) {
                server.removeConnector(plain);
            } else if (!loopback(plain.getHost())) {
                plain.setHost("127.0.0.1");
            }
        }
        server.addConnector(secure);
        connector = secure;
    }

    private ServerConnector connector(Server server, ServerConnector plain, String host) {
        HttpConnectionFactory plainHttp = plain == null ? null : plain.getConnectionFactory(HttpConnectionFactory.class);
        HttpConfiguration configuration = plainHttp == null ? new HttpConfiguration()
                : new HttpConfiguration(plainHttp.getHttpConfiguration());
        SecureRequestCustomizer customizer = new SecureRequestCustomizer();
        // clients may call the server by any name; its certificate says which it answers to
        customizer.setSniHostCheck(false);
        configuration.addCustomizer(customizer);
        configuration.setSecureScheme("https");
        configuration.setSecurePort(tls.port());
        // the serving certificate is taken when the connector starts, which gives the PKI its time to be made;
        // the TLS context, JSSE's classes first, is built meanwhile on a thread of its own, off the main thread
        SimpleAsyncTaskExecutor builder = new SimpleAsyncTaskExecutor("secure-port-tls-");
        builder.setDaemon(true);
        CompletableFuture<SSLContext> context = CompletableFuture.supplyAsync(() -> {
            SSLContext built = sslContext();
            // what the connector's start asks first, and the heaviest part of JSSE's own set-up
            built.getDefaultSSLParameters();
            return built;
        }, builder);
        SslContextFactory.Server ssl = new SslContextFactory.Server() {
            @Override
            protected void doStart() throws Exception {
                try {
                    setSslContext(context.join());
                } catch (CompletionException e) {
                    throw e.getCause() instanceof Exception cause ? cause : e;
                }
                super.doStart();
            }
        };
        ssl.setIncludeProtocols(PROTOCOLS);
        ssl.setWantClientAuth(true);
        ssl.setSniRequired(false);
        // no acceptor thread of its own: the selector accepts, so the request threads keep their number
        ServerConnector secure = new ServerConnector(server, 0, 1,
                new SslConnectionFactory(ssl, "http/1.1"), new HttpConnectionFactory(configuration));
        secure.setHost(host);
        secure.setPort(tls.port());
        secure.setName("https");
        return secure;
    }

    private SSLContext sslContext() {
        try {
            ClusterPki.Serving serving = pki.serving();
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(new KeyManager[] {new ServingKeyManager(serving.key(), serving.chain())},
                    new TrustManager[] {new AnyClientCertificate(pki.ca())}, null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot set up TLS", e);
        }
    }

    private static boolean loopback(String host) {
        if (host == null || host.isEmpty()) {
            return false;
        }
        try {
            return java.net.InetAddress.getByName(host).isLoopbackAddress();
        } catch (java.net.UnknownHostException e) {
            return false;
        }
    }

    /**
     * Takes whatever certificate a client sends, checked later by the authenticator; names the cluster CA as the
     * issuer it wants, which is how Java clients pick the certificate to send.
     */
    private static final class AnyClientCertificate extends X509ExtendedTrustManager {

        private final X509Certificate[] issuers;

        AnyClientCertificate(X509Certificate ca) {
            this.issuers = new X509Certificate[] {ca};
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) {
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) throws
                java.security.cert.CertificateException {
            throw new java.security.cert.CertificateException("a server's certificate is never checked here");
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
                throws java.security.cert.CertificateException {
            checkServerTrusted(chain, authType);
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
                throws java.security.cert.CertificateException {
            checkServerTrusted(chain, authType);
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return issuers.clone();
        }
    }
}
