package io.kubeling.api.connector;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import jakarta.servlet.AsyncContext;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.eclipse.jetty.ee11.servlet.ServletContextHandler;
import org.eclipse.jetty.ee11.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The connector's bounds on a client's time: all of a request's headers within the header timeout (a
 * slowloris trickling them is cut off), a kept-alive connection waiting for its keep-alive timeout, and a
 * request answered asynchronously with nothing to send yet never timed out.
 */
class ConnectionTimeoutsTest {

    private Server server;
    private int port;

    /** A server whose answer to {@code /slow} is sent asynchronously 3 s after the request, as a watch's events. */
    private void start(Duration idle, Duration keepAlive, Duration headerRead) throws Exception {
        server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        connector.setIdleTimeout(idle.toMillis());
        server.addConnector(connector);
        ConnectorSettings.install(connector, 0, keepAlive, headerRead);
        ServletContextHandler context = new ServletContextHandler();
        context.addServlet(new ServletHolder(new HttpServlet() {
            @Override
            protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
                if (!request.getRequestURI().equals("/slow")) {
                    response.getOutputStream().print("ok");
                    return;
                }
                AsyncContext async = request.startAsync();
                async.setTimeout(0);
                server.getScheduler().schedule(() -> {
                    try {
                        async.getResponse().getOutputStream().print("late");
                    } catch (IOException | IllegalStateException e) {
                        // the request has failed: the test sees no answer
                    }
                    async.complete();
                }, 3, TimeUnit.SECONDS);
            }
        }), "/*");
        server.setHandler(context);
        server.start();
        port = connector.getLocalPort();
    }

    @AfterEach
    void stop() throws Exception {
        server.stop();
    }

    @Test
    void headersTrickledPastTheBoundAreCutOffWhileOtherClientsAreServed() throws Exception {
        start(Duration.ofSeconds(20), Duration.ofSeconds(60), Duration.ofSeconds(1));
        try (Socket slow = connect()) {
            OutputStream out = slow.getOutputStream();
            out.write("GET / HTTP/1.1\r\nHost: x\r\nX-Slow: ".getBytes(StandardCharsets.US_ASCII));
            long start = System.nanoTime();
            boolean closed = false;
            // one byte every 100 ms, each well within the 20 s a read may wait, for up to 10 s
            for (int i = 0; i < 100 && !closed; i++) {
                Thread.sleep(100);
                try {
                    out.write('a');
                    out.flush();
                } catch (SocketException e) {
                    closed = true;
                }
                closed = closed || closedByServer(slow);
                if (i == 2) {
                    try (Socket other = connect()) {
                        assertThat(answer(other)).startsWith("HTTP/1.1 200");
                    }
                }
            }
            long took = System.nanoTime() - start;
            assertThat(closed).as("closed by the server").isTrue();
            assertThat(Duration.ofNanos(took)).isBetween(Duration.ofMillis(750), Duration.ofMillis(3500));
        }
        try (Socket after = connect()) {
            assertThat(answer(after)).startsWith("HTTP/1.1 200");
        }
    }

    @Test
    void theHeaderBoundCountsFromARequestsFirstByteNotFromTheIdleTimeBefore() throws Exception {
        start(Duration.ofSeconds(20), Duration.ofSeconds(60), Duration.ofSeconds(1));
        try (Socket s = connect()) {
            assertThat(exchange(s)).startsWith("HTTP/1.1 200");
            Thread.sleep(1_500);
            assertThat(exchange(s)).startsWith("HTTP/1.1 200");
        }
    }

    @Test
    void aKeptAliveConnectionWaitsTheKeepAliveTimeoutNotThePerReadOne() throws Exception {
        start(Duration.ofSeconds(1), Duration.ofSeconds(4), Duration.ofSeconds(32));
        try (Socket s = connect()) {
            assertThat(exchange(s)).startsWith("HTTP/1.1 200");
            Thread.sleep(2_500);
            assertThat(exchange(s)).startsWith("HTTP/1.1 200");
            long start = System.nanoTime();
            s.setSoTimeout(10_000);
            assertThat(s.getInputStream().read()).isEqualTo(-1);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isBetween(Duration.ofSeconds(3),
                    Duration.ofSeconds(7));
        }
    }

    @Test
    void aKeepAliveTimeoutThatIsNoMultipleOfThePerReadOneIsKeptToIt() throws Exception {
        start(Duration.ofSeconds(3), Duration.ofSeconds(4), Duration.ofSeconds(32));
        try (Socket s = connect()) {
            assertThat(exchange(s)).startsWith("HTTP/1.1 200");
            long start = System.nanoTime();
            assertThat(s.getInputStream().read()).isEqualTo(-1);
            // not at the second per-read expiry, 6 s
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isBetween(Duration.ofMillis(3500),
                    Duration.ofMillis(5500));
        }
    }

    @Test
    void aKeepAliveTimeoutShorterThanThePerReadOneClosesTheConnectionSooner() throws Exception {
        start(Duration.ofSeconds(6), Duration.ofSeconds(1), Duration.ofSeconds(32));
        try (Socket s = connect()) {
            assertThat(exchange(s)).startsWith("HTTP/1.1 200");
            Thread.sleep(300);
            // a request after a short wait is read under the per-read timeout again
            assertThat(exchange(s)).startsWith("HTTP/1.1 200");
            long start = System.nanoTime();
            assertThat(s.getInputStream().read()).isEqualTo(-1);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isBetween(Duration.ofMillis(500),
                    Duration.ofMillis(4000));
        }
    }

    @Test
    void anAnswerWithNothingToSendYetOutlivesTheIdleTimeout() throws Exception {
        start(Duration.ofSeconds(1), Duration.ofSeconds(60), Duration.ofSeconds(32));
        try (Socket s = connect()) {
            s.getOutputStream().write("GET /slow HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            String answer = read(s.getInputStream());
            assertThat(answer).startsWith("HTTP/1.1 200").endsWith("late");
        }
    }

    private Socket connect() throws IOException {
        Socket s = new Socket();
        s.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
        s.setSoTimeout(10_000);
        return s;
    }

    /** Whether the server has closed the connection, without waiting for more than a moment. */
    private static boolean closedByServer(Socket s) throws IOException {
        s.setSoTimeout(1);
        try {
            return s.getInputStream().read() == -1;
        } catch (java.net.SocketTimeoutException e) {
            return false;
        } catch (SocketException e) {
            return true;
        } finally {
            s.setSoTimeout(10_000);
        }
    }

    /** A whole request on a connection that stays open, and its answer. */
    private static String exchange(Socket s) throws IOException {
        s.getOutputStream().write("GET / HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        return read(s.getInputStream());
    }

    /** A whole request, after which the server closes the connection, and its answer. */
    private static String answer(Socket s) throws IOException {
        s.getOutputStream().write("GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"
                .getBytes(StandardCharsets.US_ASCII));
        return new String(s.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
    }

    /** An answer with a Content-Length: its head and body. */
    private static String read(InputStream in) throws IOException {
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("closed after " + head);
            }
            head.append((char) b);
        }
        String lengthLine = head.toString().lines().filter(l -> l.toLowerCase().startsWith("content-length:"))
                .findFirst().orElseThrow();
        int length = Integer.parseInt(lengthLine.substring(lengthLine.indexOf(':') + 1).trim());
        return head + new String(in.readNBytes(length), StandardCharsets.US_ASCII);
    }
}
