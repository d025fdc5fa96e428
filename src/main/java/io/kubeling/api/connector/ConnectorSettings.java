package io.kubeling.api.connector;

import org.springframework.boot.tomcat.TomcatProtocolHandlerCustomizer;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.stereotype.Component;

import io.kubeling.config.KubelingProperties;

/** Serves HTTP with {@link ClientLimitedProtocol}, bounded by {@code kubeling.api.max-connections-per-client}. */
@Component
class ConnectorSettings implements WebServerFactoryCustomizer<TomcatServletWebServerFactory> {

    private final int maxPerClient;
    private final Peers peers;

    ConnectorSettings(KubelingProperties properties, Peers peers) {
        this.maxPerClient = properties.api().maxConnectionsPerClient();
        this.peers = peers;
    }

    @Override
    public void customize(TomcatServletWebServerFactory factory) {
        factory.setProtocol(ClientLimitedProtocol.class.getName());
        factory.addProtocolHandlerCustomizers((TomcatProtocolHandlerCustomizer<ClientLimitedProtocol>) protocol -> {
            protocol.setMaxConnectionsPerClient(maxPerClient);
            peers.attach(protocol);
        });
    }
}
