package io.kubeling.api.connector;

import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;

/** Makes {@link BoundedHttpConnection}s, with the HTTP configuration of the factory it takes the place of. */
final class BoundedHttpConnectionFactory extends HttpConnectionFactory {

    private final ClientConnections clients;
    private final long keepAliveMillis;
    private final long headerMillis;

    BoundedHttpConnectionFactory(HttpConfiguration configuration, ClientConnections clients, long keepAliveMillis,
            long headerMillis) {
        super(configuration);
        this.clients = clients;
        this.keepAliveMillis = keepAliveMillis;
        this.headerMillis = headerMillis;
    }

    long keepAliveMillis() {
        return keepAliveMillis;
    }

    long headerMillis() {
        return headerMillis;
    }

    @Override
    public Connection newConnection(Connector connector, EndPoint endPoint) {
        BoundedHttpConnection connection = new BoundedHttpConnection(getHttpConfiguration(), connector, endPoint,
                clients, keepAliveMillis, headerMillis);
        connection.setTransferEncodingChunkMaxLength(getTransferEncodingChunkMaxLength());
        return configure(connection, connector, endPoint);
    }
}
