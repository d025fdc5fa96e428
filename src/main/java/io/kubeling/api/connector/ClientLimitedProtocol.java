package io.kubeling.api.connector;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.coyote.http11.Http11NioProtocol;
import org.apache.tomcat.util.net.NioChannel;
import org.apache.tomcat.util.net.NioEndpoint;
import org.apache.tomcat.util.net.SocketWrapperBase;

/**
 * Tomcat's NIO HTTP/1.1 protocol with a bound on the connections one client address holds open,
 * so that a single client (one opening connections and never finishing its headers, say) cannot
 * take every connection and file descriptor of the server. A connection over the bound is closed
 * as soon as it is accepted, before anything is read from it. Public with a no-argument
 * constructor because Tomcat creates it by its class name.
 */
public class ClientLimitedProtocol extends Http11NioProtocol {

    public ClientLimitedProtocol() {
        super(new Endpoint());
    }

    /** How many connections one client address may hold; 0 or less for no bound. */
    public void setMaxConnectionsPerClient(int max) {
        ((Endpoint) getEndpoint()).maxPerClient = max;
    }

    public int getMaxConnectionsPerClient() {
        return ((Endpoint) getEndpoint()).maxPerClient;
    }

    /**
     * Whether the client at {@code remote} has closed or reset its connection. Tomcat reads nothing
     * from a connection while its request is served asynchronously (a watch), so it cannot tell;
     * this reads one byte without waiting: the end of the stream or an error means the client is
     * gone, and a byte it did send is handed back to Tomcat. False for a connection it does not know.
     */
    public boolean closedByPeer(InetSocketAddress remote) {
        return ((Endpoint) getEndpoint()).closedByPeer(remote);
    }

    /** Open connections of a client address, for tests and metrics. */
    public int connectionsOf(InetAddress client) {
        return ((Endpoint) getEndpoint()).count(client);
    }

    private static final class Endpoint extends NioEndpoint {

        private volatile int maxPerClient;
        private final ConcurrentHashMap<InetAddress, Integer> perClient = new ConcurrentHashMap<>();
        private final ConcurrentHashMap<SocketChannel, InetSocketAddress> clientOf = new ConcurrentHashMap<>();
        private final ConcurrentHashMap<InetSocketAddress, SocketChannel> byRemote = new ConcurrentHashMap<>();

        Endpoint() {
            // Tomcat adds every accepted connection to this map and removes it on close: count them there.
            connections = new ConcurrentHashMap<>() {
                @Override
                public SocketWrapperBase<NioChannel> put(SocketChannel socket, SocketWrapperBase<NioChannel> wrapper) {
                    InetSocketAddress remote = remote(socket);
                    if (remote != null && clientOf.put(socket, remote) == null) {
                        perClient.merge(remote.getAddress(), 1, Integer::sum);
                        byRemote.put(remote, socket);
                    }
                    return super.put(socket, wrapper);
                }

                @Override
                public SocketWrapperBase<NioChannel> remove(Object socket) {
                    InetSocketAddress remote = clientOf.remove(socket);
                    if (remote != null) {
                        byRemote.remove(remote, socket);
                        perClient.computeIfPresent(remote.getAddress(), (c, n) -> n <= 1 ? null : n - 1);
                    }
                    return super.remove(socket);
                }
            };
        }

        int count(InetAddress client) {
            return perClient.getOrDefault(client, 0);
        }

        @Override
        protected boolean setSocketOptions(SocketChannel socket) {
            int max = maxPerClient;
            if (max > 0) {
                InetAddress client = client(socket);
                if (client != null && count(client) >= max) {
                    // Not yet known to Tomcat: closed and uncounted here.
                    destroySocket(socket);
                    return false;
                }
            }
            return super.setSocketOptions(socket);
        }

        boolean closedByPeer(InetSocketAddress remote) {
            SocketChannel socket = byRemote.get(remote);
            SocketWrapperBase<NioChannel> wrapper = socket == null ? null : connections.get(socket);
            if (wrapper == null) {
                return false;
            }
            ByteBuffer one = ByteBuffer.allocate(1);
            try {
                int n = socket.read(one);
                if (n > 0) {
                    one.flip();
                    wrapper.unRead(one);
                }
                return n < 0;
            } catch (IOException e) {
                return true;
            }
        }

        private static InetAddress client(SocketChannel socket) {
            InetSocketAddress remote = remote(socket);
            return remote == null ? null : remote.getAddress();
        }

        private static InetSocketAddress remote(SocketChannel socket) {
            try {
                return socket.getRemoteAddress() instanceof InetSocketAddress address ? address : null;
            } catch (IOException e) {
                return null;
            }
        }
    }
}
