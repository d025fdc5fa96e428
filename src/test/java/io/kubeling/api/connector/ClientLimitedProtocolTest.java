package io.kubeling.api.connector;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.apache.catalina.Context;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.startup.Tomcat;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A client that opens connections and never finishes a request holds no more than its share. */
class ClientLimitedProtocolTest {

    private static final int MAX = 5;

    private Tomcat tomcat;
    private ClientLimitedProtocol protocol;
    private int port;

    @BeforeEach
    void start() throws Exception {
        Path base = Files.createTempDirectory("tomcat-limit");
        tomcat = new Tomcat();
        tomcat.setBaseDir(base.toString());
        Connector connector = new Connector(ClientLimitedProtocol.class.getName());
        connector.setPort(0);
        connector.setProperty("address", "127.0.0.1");
        protocol = (ClientLimitedProtocol) connector.getProtocolHandler();
        protocol.setMaxConnectionsPerClient(MAX);
        tomcat.getService().addConnector(connector);
        tomcat.setConnector(connector);
        Context context = tomcat.addContext("", base.toString());
        Tomcat.addServlet(context, "ok", new HttpServlet() {
            @Override
            protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
                response.getWriter().write("ok");
            }
        });
        context.addServletMappingDecoded("/", "ok");
        tomcat.start();
        port = connector.getLocalPort();
    }

    @AfterEach
    void stop() throws Exception {
        tomcat.stop();
        tomcat.destroy();
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
            assertThat(protocol.connectionsOf(loopback)).isEqualTo(MAX);

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

    private void awaitCount(InetAddress client, int expected) throws InterruptedException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (protocol.connectionsOf(client) != expected && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(protocol.connectionsOf(client)).isEqualTo(expected);
    }
}
