package io.kubeling.api.connector;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.eclipse.jetty.ee11.servlet.ServletContextHandler;
import org.eclipse.jetty.ee11.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A write refused by its declared length, its body unread: the connection is not kept, and its end lets a
 * client still sending the body read the answer (Go's closeWriteAndWait), where a close at once answered
 * the body with a reset that could discard the answer before the client read it (the JDK's client, now
 * and then: "HTTP/1.1 header parser received no bytes", in 7 of 120 requests of 32 MiB on four threads).
 */
class UnreadBodyCloseTest {

    private static final int LIMIT = 3 * 1024 * 1024;

    private Server server;
    private int port;

    @BeforeEach
    void start() throws Exception {
        server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        ConnectorSettings.install(connector, 0, Duration.ofSeconds(30), Duration.ofSeconds(10));
        ServletContextHandler context = new ServletContextHandler();
        context.addServlet(new ServletHolder(new HttpServlet() {
            @Override
            protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
                if (request.getContentLengthLong() > LIMIT) {
                    response.setStatus(413);
                    response.getOutputStream().print("too large");
                    return;
                }
                request.getInputStream().readAllBytes();
                response.getOutputStream().print("ok");
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
    void theConnectionShutsItsOutputAndStillTakesTheBodyAMomentAfterTheAnswer() throws Exception {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port));
            OutputStream out = socket.getOutputStream();
            out.write(("POST /big HTTP/1.1\r\nHost: x\r\nContent-Length: " + 32 * 1024 * 1024 + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.write(new byte[256 * 1024]);
            out.flush();

            String answer = readToEnd(socket.getInputStream());
            assertThat(answer).startsWith("HTTP/1.1 413 ").contains("Connection: close").endsWith("too large");
            // closed at once, the socket would have answered the body with a reset: this write would fail
            out.write(new byte[64 * 1024]);
            out.flush();
        }
    }

    @Test
    void theJdkClientStillSendingItsBodyReadsTheAnswer() throws Exception {
        HttpClient client = HttpClient.newHttpClient();
        HttpResponse<String> refused = client.send(post("/big", new byte[16 * 1024 * 1024]),
                HttpResponse.BodyHandlers.ofString());
        assertThat(refused.statusCode()).isEqualTo(413);
        assertThat(refused.body()).isEqualTo("too large");
        assertThat(client.send(post("/small", new byte[512 * 1024]), HttpResponse.BodyHandlers.ofString()).body())
                .isEqualTo("ok");
    }

    private HttpRequest post(String path, byte[] body) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
    }

    private static String readToEnd(InputStream in) throws IOException {
        ByteArrayOutputStream answer = new ByteArrayOutputStream();
        in.transferTo(answer);
        return answer.toString(StandardCharsets.US_ASCII);
    }
}
