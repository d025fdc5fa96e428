package io.kubeling.controllers.kubelet;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.stereotype.Component;

import io.kubeling.controllers.kubelet.fs.ContainerFs;
import io.kubeling.controllers.kubelet.fs.FileTree;
import io.kubeling.controllers.kubelet.fs.FsException;
import io.kubeling.controllers.kubelet.shell.HttpServer;

/**
 * The simulated pod network and the storage that outlives pods: every running pod's sandbox by IP
 * and by name (so a request from any node, or a port-forward, reaches the server listening in it),
 * each node's own files (where hostPath volumes live) and the volumes behind PersistentVolumeClaims.
 */
@Component
public class PodNetwork {

    static final long PERSISTENT_LIMIT = 256L << 20;
    private static final List<String> NODE_DIRS = List.of("/etc/kubernetes/manifests", "/home", "/root", "/tmp",
            "/var/lib/kubelet/pods", "/var/log/pods", "/var/log/containers");

    private final Map<String, PodSandbox> byIp = new ConcurrentHashMap<>();
    private final Map<String, PodSandbox> byName = new ConcurrentHashMap<>();
    private final Map<String, FileTree> claims = new ConcurrentHashMap<>();
    private final Map<String, FileTree> nodeRoots = new ConcurrentHashMap<>();

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

    /**
     * The files of a claim's volume, kept across the pods that use it: those of the PersistentVolume it is
     * bound to, so a claim deleted and made again under the same name binds a new volume and starts empty.
     */
    FileTree claim(String namespace, String claim, Optional<String> volume, long now) {
        String key = volume.map(v -> "pv/" + v).orElse(namespace + "/" + claim);
        return claims.computeIfAbsent(key, k -> new FileTree(PERSISTENT_LIMIT, now));
    }

    /**
     * A node's own files: a pod's hostPath volume is the directory at its path in them, so pods of one node
     * mounting {@code /data} share it and {@code kubectl debug node/x} (hostPath {@code /} at {@code /host})
     * sees it at {@code /host/data}.
     */
    FileTree nodeRoot(String node, long now) {
        return nodeRoots.computeIfAbsent(node, k -> {
            FileTree root = new FileTree(PERSISTENT_LIMIT, now);
            ContainerFs files = new ContainerFs(root, () -> now);
            try {
                for (String dir : NODE_DIRS) {
                    files.mkdirs(dir);
                }
            } catch (FsException e) {
                throw new IllegalStateException(e);
            }
            return root;
        });
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

    /**
     * Runs a command in a running container of a pod, as {@code kubectl exec} does: with the container's
     * files, environment and network, its output and errors going to {@code streams}' write methods and
     * its input read from {@code streams.readInput} (whose callback may come from any thread). It runs
     * on the pod's kubelet thread; {@code onExit} gets the status there, and is never called if the
     * command does not end, or if the container stops first. {@code container} null means the first.
     * Returns false when the pod does not run here or the container is not running.
     */
    public boolean exec(String namespace, String pod, String container, java.util.List<String> argv,
            io.kubeling.controllers.kubelet.shell.ShellHost streams, java.util.function.IntConsumer onExit) {
        PodSandbox sandbox = byName.get(namespace + "/" + pod);
        PodWorker worker = sandbox == null ? null : sandbox.worker;
        if (worker == null || argv.isEmpty()) {
            return false;
        }
        worker.node.timers().schedule(java.time.Duration.ZERO, () -> {
            ContainerRun c = container == null ? worker.apps.get(0) : worker.find(container);
            if (c == null || !c.running() || worker.destroyed) {
                streams.writeError("container not found (\"" + container + "\")\n");
                onExit.accept(126);
                return;
            }
            io.kubeling.controllers.kubelet.shell.ShellEvaluator.runCommand(argv, new ExecHost(worker, c, streams),
                    PodEnvironment.of(worker, c, c.image), onExit);
        });
        return true;
    }

    /** A container's shell host whose streams are an exec session's. */
    private static final class ExecHost extends ContainerShellHost {

        private final io.kubeling.controllers.kubelet.shell.ShellHost streams;

        ExecHost(PodWorker w, ContainerRun c, io.kubeling.controllers.kubelet.shell.ShellHost streams) {
            super(w, c, false);
            this.streams = streams;
        }

        @Override
        public void write(String text) {
            streams.write(text);
        }

        @Override
        public void writeError(String text) {
            streams.writeError(text);
        }

        @Override
        public void writeBytes(byte[] data) {
            streams.writeBytes(data);
        }

        @Override
        public void readInput(java.util.function.Consumer<byte[]> all) {
            streams.readInput(data -> w.node.timers().schedule(java.time.Duration.ZERO, () -> {
                if (alive()) {
                    all.accept(data);
                }
            }));
        }
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
