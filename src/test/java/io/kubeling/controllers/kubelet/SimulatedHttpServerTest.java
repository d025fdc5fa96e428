package io.kubeling.controllers.kubelet;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class SimulatedHttpServerTest {

    private final ByteArrayOutputStream sent = new ByteArrayOutputStream();
    private final List<String> log = new ArrayList<>();
    private int closed;

    private SimulatedHttpServer server(SimulatedHttpServer.Flavour flavour) {
        return new SimulatedHttpServer(flavour, null, () -> Instant.parse("2026-12-07T01:02:03Z"),
                bytes -> sent.writeBytes(bytes), () -> closed++, log::add);
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    private String sent() {
        return sent.toString(StandardCharsets.UTF_8);
    }

    @Test
    void servesTheDefaultPageAndLogsTheRequestAsNginxDoes() {
        SimulatedHttpServer nginx = server(SimulatedHttpServer.Flavour.NGINX);
        nginx.received(bytes("GET / HTTP/1.1\r\nHost: x\r\nUser-Agent: curl/8.5.0\r\n\r\n"));
        assertThat(sent()).startsWith("HTTP/1.1 200 OK\r\nServer: nginx/1.27.3\r\nDate: Mon, 07 Dec 2026 01:02:03 GMT\r\n")
                .contains("Content-Length: 615\r\n").contains("Connection: keep-alive\r\n")
                .endsWith(SimulatedHttpServer.NGINX_INDEX);
        assertThat(log).containsExactly(
                "127.0.0.1 - - [07/Dec/2026:01:02:03 +0000] \"GET / HTTP/1.1\" 200 615 \"-\" \"curl/8.5.0\" \"-\"");
        assertThat(closed).isZero();
    }

    @Test
    void requestsSplitAcrossMessagesOrPipelinedAreEachAnswered() {
        SimulatedHttpServer nginx = server(SimulatedHttpServer.Flavour.NGINX);
        nginx.received(bytes("GET /missing HTTP/1.1\r\nHo"));
        assertThat(sent()).isEmpty();
        nginx.received(bytes("st: x\r\n\r\nHEAD / HTTP/1.1\r\n\r\nPOST / HTTP/1.1\r\nContent-Length: 3\r\n\r\nabc"
                + "GET / HTTP/1.1\r\nConnection: close\r\n\r\n"));
        String all = sent();
        assertThat(all).contains("HTTP/1.1 404 Not Found").contains("<title>404 Not Found</title>")
                .contains("HTTP/1.1 405 Not Allowed");
        assertThat(log).hasSize(4);
        assertThat(log.get(1)).contains("\"HEAD / HTTP/1.1\" 200 0");
        assertThat(closed).isEqualTo(1);
        assertThat(all).endsWith(SimulatedHttpServer.NGINX_INDEX);
    }

    @Test
    void httpdAnswersItsOwnPageAndAnOversizedHeadIsRefused() {
        SimulatedHttpServer httpd = server(SimulatedHttpServer.Flavour.HTTPD);
        httpd.received(bytes("GET /index.html HTTP/1.0\r\n\r\n"));
        assertThat(sent()).contains("Server: Apache/2.4.62 (Unix)").endsWith("<h1>It works!</h1></body></html>\n");
        assertThat(closed).isEqualTo(1);

        sent.reset();
        SimulatedHttpServer flooded = server(SimulatedHttpServer.Flavour.NGINX);
        flooded.received(new byte[9000]);
        assertThat(sent()).startsWith("HTTP/1.1 400 Bad Request");
        assertThat(closed).isEqualTo(2);
    }
}
