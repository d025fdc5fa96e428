package io.kubeling.api.connector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A client that opens connections and never finishes a request holds no more than its share. */
class ClientConnectionsTest {

    private static final int MAX = 5;

    private Server server;
    private ClientConnections clients;
    private int port;

    @BeforeEach
    void start() throws Exception {
        server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        clients = ConnectorSettings.install(connector, MAX, Duration.ofSeconds(60), Duration.ofSeconds(32));
        server.setHandler(new Handler.Abstract() {
            @Override
            public boolean handle(org.eclipse.jetty.server.Request request, org.eclipse.jetty.server.Response response,
                    org.eclipse.jetty.util.Callback callback) {
                Content.Sink.write(response, true, "ok", callback);
                return true;
            }
        });
        server.start();
        port = connector.getLocalPort();
    }

    @AfterEach
    void stop() throws Exception {
        server.stop();
    }

    @Test
    void connectionsOverTheBoundAreClosedAndTheBoundFreesAsTheyEnd() throws Exception {
        InetAddress loopback = InetAddress.getByName("127.0.0.1");
        List<Socket> slow = new ArrayList<>();
        try {
            for (int i = 0; i < MAX; i++) {
                Socket s = connect();
                s.getOutputStream().write("GET / HTTP/1.1\r\nHost: x\r\n".getBytes(StandardCharsets.US_ASCII));
                slow.add(s);
            }
            awaitCount(loopback, MAX);

            try (Socket over = connect()) {
                assertThat(answer(over)).isEmpty();
            }
            assertThat(clients.connectionsOf(loopback)).isEqualTo(MAX);

            slow.remove(0).close();
            awaitCount(loopback, MAX - 1);
            try (Socket next = connect()) {
                assertThat(answer(next)).startsWith("HTTP/1.1 200");
            }
        } finally {
            for (Socket s : slow) {
                s.close();
            }
        }
        awaitCount(loopback, 0);
    }

    private Socket connect() throws IOException {
        Socket s = new Socket();
        s.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
        s.setSoTimeout(10_000);
        return s;
    }

    /** Sends a whole request and returns what comes back until the server closes: empty if it was refused. */
    private static String answer(Socket s) throws IOException {
        try {
            s.getOutputStream().write("GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"
                    .getBytes(StandardCharsets.US_ASCII));
            InputStream in = s.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
        } catch (java.net.SocketException e) {
            // reset by the server
            return "";
        }
    }

    private void awaitCount(InetAddress client, int expected) {
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(20))
                .untilAsserted(() -> assertThat(clients.connectionsOf(client)).isEqualTo(expected));
    }
}
