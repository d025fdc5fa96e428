package io.kubeling.api;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

import org.eclipse.jetty.ee11.servlet.ServletContextRequest;

import io.fabric8.kubernetes.api.model.Status;
import io.kubeling.registry.StreamTarget;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * The streaming subresources over SPDY/3.1, as kubectl before 1.30 (exec, attach, cp) and before 1.31
 * (port-forward) and SPDY client libraries ask for them: the kubelet's handshake on
 * {@code X-Stream-Protocol-Version} (its plain-text 400 without one, its 403 listing what it accepts
 * when none is served), then a 101 answer and the connection taken over for the session's frames.
 */
final class SpdyUpgrades {

    static final String PROTOCOL_HEADER = "X-Stream-Protocol-Version";
    static final String ACCEPTED_HEADER = "X-Accept-Protocol-Version";
    static final String PORT_FORWARD = "portforward.k8s.io";

    private final Function<Status, byte[]> encoder;
    private final long outputLimit;
    private final Duration idleTimeout;

    SpdyUpgrades(Function<Status, byte[]> encoder, long outputLimit, Duration idleTimeout) {
        this.encoder = encoder;
        this.outputLimit = outputLimit;
        this.idleTimeout = idleTimeout;
    }

    void serve(HttpServletRequest request, HttpServletResponse response, StreamTarget target) throws IOException {
        String connection = request.getHeader("Connection");
        String upgrade = request.getHeader("Upgrade");
        if (connection == null || !connection.toLowerCase(Locale.ROOT).contains("upgrade") || upgrade == null
                || !upgrade.toLowerCase(Locale.ROOT).contains("spdy/3.1")) {
            plainError(response, 400, "unable to upgrade: missing upgrade headers in request: Upgrade: " + upgrade);
            return;
        }
        List<String> served = target instanceof StreamTarget.Process ? SpdyRemoteCommand.PROTOCOLS
                : List.of(PORT_FORWARD);
        List<String> offered = StreamUpgrades.offered(request, PROTOCOL_HEADER);
        if (offered.isEmpty()) {
            plainError(response, 400, "unable to upgrade: " + PROTOCOL_HEADER + " is required");
            return;
        }
        String protocol = offered.stream().filter(served::contains).findFirst().orElse(null);
        if (protocol == null) {
            for (String p : served) {
                response.addHeader(ACCEPTED_HEADER, p);
            }
            plainError(response, 403, "unable to upgrade: unable to negotiate protocol: client supports "
                    + StreamUpgrades.goList(offered) + ", server accepts " + StreamUpgrades.goList(served));
            return;
        }
        response.setStatus(HttpServletResponse.SC_SWITCHING_PROTOCOLS);
        response.setHeader(PROTOCOL_HEADER, protocol);
        response.setHeader("Connection", "Upgrade");
        response.setHeader("Upgrade", "SPDY/3.1");
        SpdyUpgrade handler;
        try {
            handler = request.upgrade(SpdyUpgrade.class);
        } catch (ServletException e) {
            throw new IOException(e);
        }
        // kube's idle timeout for streaming connections, rather than the connector's for requests; and no
        // timeout for the asynchronous request the upgrade became (30 s by default), set before it is scheduled
        ServletContextRequest jetty = ServletContextRequest.getServletContextRequest(request);
        jetty.getState().setTimeout(0);
        jetty.getConnectionMetaData().getConnection().getEndPoint().setIdleTimeout(idleTimeout.toMillis());
        handler.serve(out -> target instanceof StreamTarget.Process process
                ? new SpdyRemoteCommand(protocol, process, encoder, out)
                : new SpdyPortForward((StreamTarget.Ports) target, out), outputLimit);
    }

    /** Go's {@code http.Error}: plain text and a newline. */
    private static void plainError(HttpServletResponse response, int code, String message) throws IOException {
        response.setStatus(code);
        response.setContentType("text/plain; charset=utf-8");
        response.setHeader("X-Content-Type-Options", "nosniff");
        byte[] body = (message + "\n").getBytes(StandardCharsets.UTF_8);
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }
}
