package io.kubeling.controllers.kubelet;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;

import io.kubeling.controllers.kubelet.fs.FileTree;
import io.kubeling.controllers.kubelet.shell.HttpServer;

/**
 * A pod's sandbox as its containers share it: one network namespace (the ports its servers listen on,
 * one holder each, as a second bind fails; the node's for a pod on the host's network) and the pod's
 * volumes.
 */
final class PodSandbox {

    private final String namespace;
    private final String name;
    private volatile String ip;
    private final PortSpace ports;
    final Map<String, FileTree> volumes = new ConcurrentHashMap<>();
    /** The worker running the pod: touched only on its kubelet's thread. */
    volatile PodWorker worker;

    PodSandbox(String namespace, String name) {
        this(namespace, name, new PortSpace());
    }

    /** A sandbox binding its ports in {@code ports}: its own, or its node's for a pod on the host's network. */
    PodSandbox(String namespace, String name, PortSpace ports) {
        this.namespace = namespace;
        this.name = name;
        this.ports = ports;
    }

    String namespace() {
        return namespace;
    }

    String name() {
        return name;
    }

    String ip() {
        return ip;
    }

    void ip(String address) {
        this.ip = address;
    }

    /** Binds a port for a container instance while {@code alive}; false when a live instance holds it. */
    boolean listen(int port, HttpServer server, BooleanSupplier alive) {
        return ports.listen(port, server, alive);
    }

    /** The server listening on a port, or null. */
    HttpServer server(int port) {
        return ports.server(port);
    }

    /**
     * One network namespace's ports, each held by one live listener: a pod's own, or a node's, which
     * every pod on the host's network shares, so that two of them binding one port conflict.
     */
    static final class PortSpace {

        private final Map<Integer, Listener> ports = new ConcurrentHashMap<>();

        synchronized boolean listen(int port, HttpServer server, BooleanSupplier alive) {
            Listener held = ports.get(port);
            if (held != null && held.alive().getAsBoolean()) {
                return false;
            }
            ports.put(port, new Listener(server, alive));
            return true;
        }

        HttpServer server(int port) {
            Listener held = ports.get(port);
            if (held == null || !held.alive().getAsBoolean()) {
                return null;
            }
            return held.server();
        }
    }

    private record Listener(HttpServer server, BooleanSupplier alive) {
    }
}
