package io.kubeling.api.connector;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.channels.SelectableChannel;
import java.nio.channels.SocketChannel;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.eclipse.jetty.io.SelectorManager;
import org.eclipse.jetty.util.IO;

/**
 * The open connections of each client address, bounded so that a single client (one opening
 * connections and never finishing its headers, say) cannot take every connection and file
 * descriptor of the server. A connection over the bound is closed as soon as it is accepted, before
 * anything is read from it. Connections are counted on the acceptor thread, as they are accepted,
 * so a burst of connections cannot slip past the bound before they are counted.
 */
public final class ClientConnections implements SelectorManager.AcceptListener {

    private final int maxPerClient;
    private final ConcurrentHashMap<InetAddress, Integer> perClient = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<SelectableChannel, InetSocketAddress> clientOf = new ConcurrentHashMap<>();
    private final Set<SelectableChannel> refused = ConcurrentHashMap.newKeySet();
    private final ConcurrentHashMap<InetSocketAddress, BoundedHttpConnection> byRemote = new ConcurrentHashMap<>();

    /** {@code maxPerClient} 0 or less for no bound. */
    public ClientConnections(int maxPerClient) {
        this.maxPerClient = maxPerClient;
    }

    /** Open connections of a client address, for tests and metrics. */
    public int connectionsOf(InetAddress client) {
        return perClient.getOrDefault(client, 0);
    }

    /**
     * Whether the client at {@code remote} has closed or reset its connection. The server reads nothing
     * from a connection while its request is served asynchronously (a watch), so it cannot tell by
     * itself. False for a connection it does not know.
     */
    public boolean closedByPeer(InetSocketAddress remote) {
        BoundedHttpConnection connection = byRemote.get(remote);
        return connection != null && connection.closedByPeer();
    }

    @Override
    public void onAccepting(SelectableChannel channel) {
        InetSocketAddress remote = remote(channel);
        if (remote == null) {
            return;
        }
        if (maxPerClient > 0 && connectionsOf(remote.getAddress()) >= maxPerClient) {
            // Jetty then fails to register the closed channel and reports it to onAcceptFailed.
            refused.add(channel);
            IO.close(channel);
            return;
        }
        clientOf.put(channel, remote);
        perClient.merge(remote.getAddress(), 1, Integer::sum);
    }

    @Override
    public void onAcceptFailed(SelectableChannel channel, Throwable cause) {
        if (!refused.remove(channel)) {
            release(channel);
        }
    }

    void opened(BoundedHttpConnection connection) {
        InetSocketAddress remote = clientOf.get(channelOf(connection));
        if (remote != null) {
            byRemote.put(remote, connection);
        }
    }

    void closed(BoundedHttpConnection connection) {
        InetSocketAddress remote = release(channelOf(connection));
        if (remote != null) {
            byRemote.remove(remote, connection);
        }
    }

    private InetSocketAddress release(Object channel) {
        InetSocketAddress remote = channel == null ? null : clientOf.remove(channel);
        if (remote != null) {
            perClient.computeIfPresent(remote.getAddress(), (c, n) -> n <= 1 ? null : n - 1);
        }
        return remote;
    }

    /** The socket channel under the connection, beneath TLS's end point when there is one. */
    private static Object channelOf(BoundedHttpConnection connection) {
        Object transport = connection.getEndPoint().getTransport();
        while (transport instanceof org.eclipse.jetty.io.EndPoint inner) {
            transport = inner.getTransport();
        }
        return transport;
    }

    private static InetSocketAddress remote(SelectableChannel channel) {
        try {
            return channel instanceof SocketChannel socket
                    && socket.getRemoteAddress() instanceof InetSocketAddress address ? address : null;
        } catch (IOException e) {
            return null;
        }
    }
}
