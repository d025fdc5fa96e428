package io.kubeling.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import io.kubeling.support.AloneOnTheServer;
import io.kubeling.support.HttpApi;
import io.kubeling.support.KubelingTest;

/** Clients that send or read slowly, or not at all, hold nothing the others need. */
@KubelingTest
@AloneOnTheServer
class SlowClientsTest {

    private static final int STALLED_READERS = 45;

    @LocalServerPort
    int port;

    @Test
    void aBodyThatNeverArrivesHoldsNoWriteSeat() throws Exception {
        HttpApi api = new HttpApi(port);
        String ns = api.newNamespace("slow-");
        String cms = "/api/v1/namespaces/" + ns + "/configmaps";
        // as many stalled bodies as the server has write seats by default
        List<Socket> stalled = new ArrayList<>();
        try {
            for (int i = 0; i < 4; i++) {
                Socket socket = connect(65536);
                stalled.add(socket);
                socket.getOutputStream().write(("POST " + cms + " HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                        + "Content-Type: application/json\r\nContent-Length: 500\r\n\r\n{\"apiVersion\":\"v1\",")
                        .getBytes(StandardCharsets.US_ASCII));
            }
            Thread.sleep(300);
            long start = System.nanoTime();
            HttpApi.Reply reply = api.post(cms, "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":"
                    + "{\"name\":\"meanwhile\"}}");
            assertThat(reply.code()).isEqualTo(201);
            // the seat's queue would have held it for 15 s and then answered 429
            assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(5_000);
        } finally {
            for (Socket socket : stalled) {
                socket.close();
            }
        }
    }

    @Test
    void clientsThatNeverReadABigListHoldNoRequestThreads() throws Exception {
        HttpApi api = new HttpApi(port);
        String ns = api.newNamespace("slow-");
        String cms = "/api/v1/namespaces/" + ns + "/configmaps";
        // Loopback sockets buffer over a megabyte of a response before a writer waits: three megabytes stall.
        String data = "x".repeat(512 * 1024);
        for (int i = 0; i < 6; i++) {
            assertThat(api.post(cms, "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"big-" + i
                    + "\"},\"data\":{\"d\":\"" + data + "\"}}").code()).isEqualTo(201);
        }
        List<Socket> stalled = new ArrayList<>();
        try {
            // more clients than request threads, each asking for three megabytes and reading none of it
            for (int i = 0; i < STALLED_READERS; i++) {
                Socket s = connect(4096);
                s.getOutputStream().write(("GET " + cms + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: application/json\r\n\r\n")
                        .getBytes(StandardCharsets.US_ASCII));
                stalled.add(s);
            }
            // Every list is encoded and its writing begun well before the 20 s connection timeout: were a request
            // thread to wait on its client, the clients past the 40th would get nothing until that timeout freed one.
            await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(100))
                    .untilAsserted(() -> assertThat(stalled).noneMatch(SlowClientsTest::nothingArrived));
            long start = System.nanoTime();
            assertThat(api.get("/readyz").code()).isEqualTo(200);
            assertThat(api.get(cms + "/big-0").code()).isEqualTo(200);
            long millis = (System.nanoTime() - start) / 1_000_000;
            System.out.printf("with %d clients not reading a list, /readyz and a get took %d ms%n", STALLED_READERS,
                    millis);
            // threads blocked on the stalled clients would be held for the 20 s connection timeout
            assertThat(millis).isLessThan(10_000);
        } finally {
            for (Socket s : stalled) {
                s.close();
            }
        }
    }

    private static boolean nothingArrived(Socket s) {
        try {
            return s.getInputStream().available() == 0;
        } catch (IOException e) {
            return false;
        }
    }

    private Socket connect(int receiveBuffer) throws IOException {
        Socket s = new Socket();
        s.setReceiveBufferSize(receiveBuffer);
        s.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
        return s;
    }
}
