package io.kubeling.admission;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpConnectTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.admissionregistration.v1.WebhookClientConfig;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.WebhookClientConfigBuilder;

/**
 * A webhook whose call is still connecting when its timeout runs out fails as kube's does, with the request
 * context's error, whether the TCP connection or the TLS handshake is what hangs: servers that never take the
 * connection or never answer the handshake, so the phase that hangs does not depend on how busy the machine is.
 */
class HttpsWebhookCallerTest {

    private final List<AutoCloseable> opened = new ArrayList<>();
    private final HttpsWebhookCaller caller = new HttpsWebhookCaller(null);

    @AfterEach
    void close() throws Exception {
        for (AutoCloseable each : opened) {
            each.close();
        }
    }

    @Test
    void aServerThatNeverAnswersTheTlsHandshakeIsCutOffWithTheContextsDeadline() throws Exception {
        // the kernel completes the TCP handshake of a listening socket; nobody reads the ClientHello
        ServerSocket silent = listen(50);

        String message = failure(url(silent));

        assertThat(message).isEqualTo("failed to call webhook: Post \"" + url(silent)
                + "?timeout=1s\": context deadline exceeded");
    }

    @Test
    void aServerThatNeverAcceptsTheConnectionIsCutOffWithTheContextsDeadline() throws Exception {
        // a full accept queue makes the kernel drop further SYNs, so the client's connect hangs
        ServerSocket full = listen(1);
        for (int i = 0; i < 4; i++) {
            Socket filler = new Socket();
            opened.add(filler);
            try {
                filler.connect(full.getLocalSocketAddress(), 200);
            } catch (java.io.IOException dropped) {
                break;
            }
        }

        String message = failure(url(full));

        assertThat(message).isEqualTo("failed to call webhook: Post \"" + url(full)
                + "?timeout=1s\": context deadline exceeded");
    }

    @Test
    void onlyTheDialersOwnTimeoutIsTheDialsTimeout() {
        HttpsWebhookCaller.Target target = HttpsWebhookCaller.Target.ofUrl("https://10.0.0.1:8443/validate", 30);
        HttpConnectTimeoutException connecting = new HttpConnectTimeoutException("HTTP connect timed out");

        assertThat(HttpsWebhookCaller.reason(connecting, target, 30)).isEqualTo("dial tcp 10.0.0.1:8443: i/o timeout");
        assertThat(HttpsWebhookCaller.reason(connecting, target, 29)).isEqualTo("context deadline exceeded");
    }

    private ServerSocket listen(int backlog) throws Exception {
        ServerSocket socket = new ServerSocket(0, backlog, InetAddress.getByName("127.0.0.1"));
        opened.add(socket);
        return socket;
    }

    private static String url(ServerSocket socket) {
        InetSocketAddress address = (InetSocketAddress) socket.getLocalSocketAddress();
        return URI.create("https://127.0.0.1:" + address.getPort() + "/validate").toString();
    }

    private String failure(String url) throws Exception {
        WebhookClientConfig config = new WebhookClientConfigBuilder().withUrl(url).build();
        long started = System.nanoTime();
        Throwable thrown = catchThrowable(() -> caller.post(config, "{}".getBytes(StandardCharsets.UTF_8), 1)
                .get(10, TimeUnit.SECONDS));
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
        assertThat(thrown).isInstanceOf(ExecutionException.class);
        assertThat(thrown.getCause()).isInstanceOf(CallFailure.class);
        assertThat(millis).isGreaterThanOrEqualTo(900L);
        return thrown.getCause().getMessage();
    }
}
