package io.kubeling.api.connector;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;

import org.springframework.stereotype.Component;

/** Tells whether the client of a request has gone away, for requests the server is not reading (watches). */
@Component
public class Peers {

    private volatile ClientConnections clients;

    void attach(ClientConnections clients) {
        this.clients = clients;
    }

    /** True once the client at this address and port has closed or reset its connection. */
    public boolean gone(String remoteAddress, int remotePort) {
        ClientConnections current = clients;
        if (current == null || remoteAddress == null) {
            return false;
        }
        try {
            // a literal address: no lookup
            return current.closedByPeer(new InetSocketAddress(InetAddress.getByName(remoteAddress), remotePort));
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
