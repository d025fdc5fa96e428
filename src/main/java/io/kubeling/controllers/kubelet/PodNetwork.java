package io.kubeling.controllers.kubelet;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.stereotype.Component;

import io.kubeling.controllers.kubelet.fs.FileTree;
import io.kubeling.controllers.kubelet.shell.HttpServer;

/**
 * The simulated pod network and the storage that outlives pods: every running pod's sandbox by IP
 * and by name (so a request from any node, or a port-forward, reaches the server listening in it),
 * the hostPath directories of each node and the volumes behind PersistentVolumeClaims.
 */
@Component
public class PodNetwork {

    static final long PERSISTENT_LIMIT = 256L << 20;

    private final Map<String, PodSandbox> byIp = new ConcurrentHashMap<>();
    private final Map<String, PodSandbox> byName = new ConcurrentHashMap<>();
    private final Map<String, FileTree> claims = new ConcurrentHashMap<>();
    private final Map<String, FileTree> hostPaths = new ConcurrentHashMap<>();

    void attach(PodSandbox sandbox) {
        byName.put(sandbox.namespace() + "/" + sandbox.name(), sandbox);
        if (sandbox.ip() != null) {
            byIp.put(sandbox.ip(), sandbox);
        }
    }

    void detach(PodSandbox sandbox) {
        byName.remove(sandbox.namespace() + "/" + sandbox.name(), sandbox);
        if (sandbox.ip() != null) {
            byIp.remove(sandbox.ip(), sandbox);
        }
    }

    Optional<PodSandbox> byIp(String ip) {
        return Optional.ofNullable(byIp.get(ip));
    }

    /** The volume behind a claim: one tree per claim, kept across the pods that use it. */
    FileTree claim(String namespace, String claim, long now) {
        return claims.computeIfAbsent(namespace + "/" + claim, k -> new FileTree(PERSISTENT_LIMIT, now));
    }

    /** A hostPath directory of a node, shared by every pod of that node that mounts it. */
    FileTree hostPath(String node, String path, long now) {
        return hostPaths.computeIfAbsent(node + ":" + path, k -> new FileTree(PERSISTENT_LIMIT, now));
    }

    /**
     * Sends an HTTP request to a port of a pod, as a port-forward does: the response of the server that
     * listens there, or empty when the pod is not running here or nothing listens on the port.
     */
    public Optional<HttpServer.Response> request(String namespace, String pod, int port, HttpServer.Request request) {
        PodSandbox sandbox = byName.get(namespace + "/" + pod);
        if (sandbox == null) {
            return Optional.empty();
        }
        HttpServer server = sandbox.server(port);
        return server == null ? Optional.empty() : Optional.ofNullable(server.handle(request));
    }

    /**
     * The raw form of {@link #request}: the bytes of one HTTP/1.1 request in, the bytes of its response
     * out (a port-forward stream's data), or empty when nothing listens. The client shows as 127.0.0.1.
     */
    public Optional<byte[]> exchange(String namespace, String pod, int port, byte[] rawRequest) {
        String text = new String(rawRequest, StandardCharsets.ISO_8859_1);
        int headEnd = text.indexOf("\r\n\r\n");
        String head = headEnd < 0 ? text : text.substring(0, headEnd);
        String[] lines = head.split("\r\n");
        String[] requestLine = lines[0].split(" ");
        if (requestLine.length < 2) {
            return Optional.of("HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
                    .getBytes(StandardCharsets.ISO_8859_1));
        }
        Map<String, String> headers = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon > 0) {
                headers.put(lines[i].substring(0, colon).trim(), lines[i].substring(colon + 1).trim());
            }
        }
        byte[] body = headEnd < 0 ? new byte[0]
                : text.substring(headEnd + 4).getBytes(StandardCharsets.ISO_8859_1);
        Optional<HttpServer.Response> response = request(namespace, pod, port,
                new HttpServer.Request(requestLine[0], requestLine[1], headers, body, "127.0.0.1"));
        return response.map(PodNetwork::encode);
    }

    static byte[] encode(HttpServer.Response response) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        StringBuilder head = new StringBuilder("HTTP/1.1 " + response.status() + " " + response.reason() + "\r\n");
        response.headers().forEach((k, v) -> head.append(k).append(": ").append(v).append("\r\n"));
        head.append("\r\n");
        out.writeBytes(head.toString().getBytes(StandardCharsets.ISO_8859_1));
        out.writeBytes(response.body());
        return out.toByteArray();
    }
}
