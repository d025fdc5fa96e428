package io.kubeling.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import io.kubeling.support.AloneOnTheServer;
import io.kubeling.support.FramedHttp;
import io.kubeling.support.HttpApi;
import io.kubeling.support.KubelingTest;

/** A watch whose client goes away ends on the server within seconds, though no event is written to it. */
@KubelingTest
@AloneOnTheServer
class WatchDisconnectTest {

    private static final int WATCHES = 50;

    @LocalServerPort
    int port;

    @Autowired
    WatchService watches;

    @Test
    void watchesOfClientsThatLeftAreEndedWithoutAnEvent() throws Exception {
        HttpApi api = new HttpApi(port);
        String ns = api.newNamespace("gone-");
        String path = "/api/v1/namespaces/" + ns + "/configmaps?watch=true&resourceVersion=0";
        int before = watches.openStreams();
        List<FramedHttp> clients = new ArrayList<>();
        for (int i = 0; i < WATCHES; i++) {
            FramedHttp client = new FramedHttp(port, Duration.ofSeconds(10));
            client.send("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
            assertThat(client.readHead().code()).isEqualTo(200);
            clients.add(client);
        }
        assertThat(watches.openStreams()).isGreaterThanOrEqualTo(before + WATCHES);
        for (int i = 0; i < clients.size(); i++) {
            if (i % 2 == 0) {
                clients.get(i).socket().setSoLinger(true, 0);
            }
            clients.get(i).close();
        }
        long start = System.nanoTime();
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50))
                .untilAsserted(() -> assertThat(watches.openStreams()).isLessThanOrEqualTo(before));
        System.out.printf("%d dropped watches ended by the server in %d ms%n", WATCHES,
                (System.nanoTime() - start) / 1_000_000);
    }
}
