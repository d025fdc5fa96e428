package io.kubeling.api;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.eclipse.jetty.ee11.websocket.server.JettyWebSocketServerContainer;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;

import io.kubeling.registry.Errors;
import io.kubeling.registry.GroupResource;
import io.kubeling.registry.StreamTarget;
import io.kubeling.registry.StreamingEndpoint;
import io.kubeling.registry.SubresourceCall;
import io.kubeling.registry.SubresourceEndpoints;
import io.kubeling.registry.WriteOptions;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Upgrades requests to the streaming subresources ({@code pods/exec}, {@code pods/attach},
 * {@code pods/portforward}) to WebSockets, after the endpoint has checked them, so that a bad
 * request gets kube's Status as a plain answer. Exec and attach speak the channel protocols
 * (v5 to v1), port-forward SPDY tunnelled in a WebSocket or the kubelet's own channels. SPDY
 * itself, which kubectl before 1.30 speaks for exec and before 1.31 for port-forward, takes the
 * connection over ({@link SpdyUpgrades}).
 */
@Component
class StreamUpgrades {

    /** How far a client may fall behind a session's output before the session ends. */
    static final long OUTPUT_LIMIT = 16L << 20;
    /** kube's idle timeout for streaming connections. */
    static final Duration IDLE_TIMEOUT = Duration.ofHours(4);

    private final SubresourceEndpoints endpoints;
    private final Codecs codecs;
    private final SpdyUpgrades spdy;

    StreamUpgrades(SubresourceEndpoints endpoints, Codecs codecs) {
        this.endpoints = endpoints;
        this.codecs = codecs;
        this.spdy = new SpdyUpgrades(status -> codecs.json().writeValueAsBytes(status), OUTPUT_LIMIT, IDLE_TIMEOUT);
    }

    /** Whether a request asks to upgrade its connection to a stream (WebSocket or SPDY; not h2c). */
    static boolean isUpgrade(HttpServletRequest request) {
        String upgrade = request.getHeader(HttpHeaders.UPGRADE);
        String connection = request.getHeader(HttpHeaders.CONNECTION);
        if (upgrade == null || connection == null
                || !connection.toLowerCase(java.util.Locale.ROOT).contains("upgrade")) {
            return false;
        }
        String protocol = upgrade.trim().toLowerCase(java.util.Locale.ROOT);
        return protocol.equals("websocket") || protocol.startsWith("spdy/");
    }

    /**
     * Serves an upgrade request to a streaming subresource, or answers false when the path names
     * none (the request then goes the usual way, which refuses it as kube does).
     */
    boolean serve(HttpServletRequest request, HttpServletResponse response, ApiPath path, GroupResource resource)
            throws IOException {
        if (path.subresource() == null || !isUpgrade(request)) {
            return false;
        }
        if (!(endpoints.find(resource, path.subresource()).orElse(null) instanceof StreamingEndpoint endpoint)) {
            return false;
        }
        if (!request.getMethod().equals("GET") && !request.getMethod().equals("POST")) {
            throw Errors.methodNotAllowed();
        }
        StreamTarget target = endpoint.open(new SubresourceCall(path.namespace(), path.name(),
                request.getParameterMap(), null, WriteOptions.DEFAULT));
        String upgrade = request.getHeader(HttpHeaders.UPGRADE);
        if (!"websocket".equalsIgnoreCase(upgrade.trim())) {
            spdy.serve(request, response, target);
            return true;
        }
        List<String> offered = offered(request, "Sec-WebSocket-Protocol");
        Object socket;
        String accepted;
        if (target instanceof StreamTarget.Process process) {
            ChannelProtocol protocol = ChannelProtocol.negotiate(offered);
            if (protocol == null) {
                throw Errors.badRequest("requested protocol(s) are not supported: " + goList(offered) + "; supports "
                        + goList(ChannelProtocol.names()));
            }
            accepted = offered.isEmpty() ? null : protocol.name;
            socket = new RemoteCommandSocket(protocol, process, status -> codecs.json().writeValueAsBytes(status),
                    OUTPUT_LIMIT, IDLE_TIMEOUT);
        } else {
            StreamTarget.Ports ports = (StreamTarget.Ports) target;
            String channels = offered.stream().filter(PortForwardChannels.PROTOCOLS::contains).findFirst()
                    .orElse(null);
            if (offered.contains(PortForwardTunnel.PROTOCOL)) {
                accepted = PortForwardTunnel.PROTOCOL;
                socket = new PortForwardTunnel(ports, OUTPUT_LIMIT, IDLE_TIMEOUT);
            } else if (channels != null) {
                accepted = channels;
                socket = new PortForwardChannels(ports, OUTPUT_LIMIT, IDLE_TIMEOUT);
            } else {
                List<String> served = new ArrayList<>(List.of(PortForwardTunnel.PROTOCOL));
                served.addAll(PortForwardChannels.PROTOCOLS);
                throw Errors.badRequest("requested protocol(s) are not supported: " + goList(offered) + "; supports "
                        + goList(served));
            }
        }
        JettyWebSocketServerContainer container = JettyWebSocketServerContainer
                .ensureContainer(request.getServletContext());
        boolean upgraded = container.upgrade((upgradeRequest, upgradeResponse) -> {
            if (accepted != null) {
                upgradeResponse.setAcceptedSubProtocol(accepted);
            }
            return socket;
        }, request, response);
        if (!upgraded) {
            throw Errors.badRequest("unable to upgrade connection: the request is not a valid WebSocket handshake");
        }
        return true;
    }

    /** The comma-separated values of every {@code header} line, as Go's handshakes read them. */
    static List<String> offered(HttpServletRequest request, String header) {
        List<String> offered = new ArrayList<>();
        var headers = request.getHeaders(header);
        while (headers != null && headers.hasMoreElements()) {
            for (String p : headers.nextElement().split(",")) {
                if (!p.isBlank()) {
                    offered.add(p.trim());
                }
            }
        }
        return offered;
    }

    /** A list as Go's {@code %v} prints it: {@code [a b]}. */
    static String goList(List<String> items) {
        return "[" + String.join(" ", items) + "]";
    }
}
