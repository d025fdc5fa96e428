package io.kubeling.api.connector;

import java.time.Duration;

import org.eclipse.jetty.server.ConnectionFactory;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.ServerConnector;
import org.springframework.boot.jetty.servlet.JettyServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.stereotype.Component;

import io.kubeling.config.KubelingProperties;

/**
 * Serves HTTP/1.1 with {@link BoundedHttpConnection}s, each client address bounded by
 * {@code kubeling.api.max-connections-per-client}, and a queue of {@value #ACCEPT_QUEUE} connections
 * waiting to be accepted.
 */
@Component
class ConnectorSettings implements WebServerFactoryCustomizer<JettyServletWebServerFactory> {

    /** Connections the kernel holds for the acceptor, as many as a burst of new clients may open. */
    static final int ACCEPT_QUEUE = 1000;

    private final KubelingProperties.Api api;
    private final Peers peers;
    private final SecurePort secure;

    ConnectorSettings(KubelingProperties properties, Peers peers, SecurePort secure) {
        this.api = properties.api();
        this.peers = peers;
        this.secure = secure;
    }

    @Override
    public void customize(JettyServletWebServerFactory factory) {
        factory.addServerCustomizers(server -> {
            secure.arrange(server);
            // one count per client address across the plain and the secure port
            ClientConnections clients = new ClientConnections(api.maxConnectionsPerClient());
            for (var connector : server.getConnectors()) {
                if (connector instanceof ServerConnector serverConnector) {
                    install(serverConnector, clients, api.keepAliveTimeout(), api.headerReadTimeout());
                    serverConnector.setAcceptQueueSize(ACCEPT_QUEUE);
                }
            }
            peers.attach(clients);
        });
    }

    /**
     * Puts {@link BoundedHttpConnection}s in place of the connector's HTTP/1.1 connections, with the same
     * configuration, and bounds each client address to {@code maxPerClient} connections.
     */
    static ClientConnections install(ServerConnector connector, int maxPerClient, Duration keepAlive,
            Duration headerRead) {
        return install(connector, new ClientConnections(maxPerClient), keepAlive, headerRead);
    }

    private static ClientConnections install(ServerConnector connector, ClientConnections clients,
            Duration keepAlive, Duration headerRead) {
        connector.getSelectorManager().addEventListener(clients);
        HttpConnectionFactory http = connector.getConnectionFactory(HttpConnectionFactory.class);
        ConnectionFactory bounded = new BoundedHttpConnectionFactory(http.getHttpConfiguration(), clients,
                keepAlive.toMillis(), headerRead.toMillis());
        // the same protocol: it takes the place of Jetty's own, and is the default as that one was
        connector.addConnectionFactory(bounded);
        return clients;
    }
}
