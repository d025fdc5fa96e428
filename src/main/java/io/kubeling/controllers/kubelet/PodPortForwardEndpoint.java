package io.kubeling.controllers.kubelet;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import org.springframework.stereotype.Component;

import io.fabric8.kubernetes.api.model.Pod;
import io.kubeling.registry.Errors;
import io.kubeling.registry.GroupResource;
import io.kubeling.registry.Registry;
import io.kubeling.registry.StreamTarget;
import io.kubeling.registry.StreamingEndpoint;
import io.kubeling.registry.SubresourceCall;

/**
 * {@code pods/{name}/portforward}: connections to the pod's ports, each reaching whatever server
 * listens there in the simulated pod ({@link PortServers}), or failing with the kubelet's message
 * when nothing does. A connection lasts no longer than its pod on the node.
 */
@Component
class PodPortForwardEndpoint implements StreamingEndpoint {

    private final Registry registry;
    private final KubeletController kubelets;
    private final PortServers servers;

    PodPortForwardEndpoint(Registry registry, KubeletController kubelets, PortServers servers) {
        this.registry = registry;
        this.kubelets = kubelets;
        this.servers = servers;
    }

    @Override
    public GroupResource resource() {
        return PodStreams.PODS;
    }

    @Override
    public String subresource() {
        return "portforward";
    }

    @Override
    public KindRef kind() {
        return new KindRef("", "v1", "PodPortForwardOptions");
    }

    @Override
    public StreamTarget open(SubresourceCall call) {
        List<Integer> ports = ports(call);
        Pod pod = registry.store(Pod.class).get(call.namespace(), call.name());
        PodStreams.requireNode(pod);
        return new StreamTarget.Ports() {
            @Override
            public List<Integer> requested() {
                return ports;
            }

            @Override
            public StreamTarget.PortConnection connect(int port, Consumer<byte[]> toClient, Consumer<String> onError,
                    Runnable onClose) {
                return new Forwarded(pod, port, toClient, onError, onClose);
            }
        };
    }

    /** kube's validation of the ports query: each between 1 and 65535. */
    private static List<Integer> ports(SubresourceCall call) {
        List<Integer> ports = new ArrayList<>();
        String[] values = call.parameters().get("ports");
        if (values == null) {
            return ports;
        }
        for (String value : values) {
            for (String p : value.split(",")) {
                try {
                    int port = Integer.parseInt(p.trim());
                    if (port < 1 || port > 65535) {
                        throw Errors.badRequest("port " + port + " must be > 0 and < 65536");
                    }
                    ports.add(port);
                } catch (NumberFormatException e) {
                    throw Errors.badRequest("unable to parse \"" + p.trim() + "\" as a port: strconv.ParseUint: parsing "
                            + io.kubeling.registry.validation.GoQuote.quote(p.trim()) + ": invalid syntax");
                }
            }
        }
        return ports;
    }

    /**
     * One forwarded connection: opened on the node's kubelet thread, where the pod's servers live;
     * what the client sends before that is kept and handed over in order.
     */
    private final class Forwarded implements StreamTarget.PortConnection {
        private final Pod pod;
        private final List<byte[]> early = new ArrayList<>();
        private PortServers.Connection connection;
        private boolean clientClosed;
        private boolean resolved;

        Forwarded(Pod pod, int port, Consumer<byte[]> toClient, Consumer<String> onError, Runnable onClose) {
            this.pod = pod;
            boolean scheduled = kubelets.withPod(pod.getSpec().getNodeName(), pod.getMetadata().getUid(), worker -> {
                PortServers.Connection opened = worker == null || worker.podIP == null ? null
                        : servers.connect(worker, port, toClient, onClose);
                List<byte[]> pending;
                boolean closed;
                synchronized (this) {
                    resolved = true;
                    connection = opened;
                    pending = List.copyOf(early);
                    early.clear();
                    closed = clientClosed;
                }
                if (opened == null) {
                    onError.accept(refused(pod, port));
                    return;
                }
                pending.forEach(opened::received);
                if (closed) {
                    opened.clientClosed();
                }
            });
            if (!scheduled) {
                onError.accept(refused(pod, port));
            }
        }

        @Override
        public void send(byte[] bytes) {
            PortServers.Connection c;
            synchronized (this) {
                if (!resolved) {
                    early.add(bytes);
                    return;
                }
                c = connection;
            }
            if (c != null) {
                onKubelet(() -> c.received(bytes));
            }
        }

        @Override
        public void close() {
            PortServers.Connection c;
            synchronized (this) {
                clientClosed = true;
                c = connection;
            }
            if (c != null) {
                onKubelet(c::clientClosed);
            }
        }

        private void onKubelet(Runnable task) {
            kubelets.withPod(pod.getSpec().getNodeName(), pod.getMetadata().getUid(), worker -> task.run());
        }
    }

    /** The kubelet's answer when nothing listens on the port, naming the pod's sandbox as containerd does. */
    private static String refused(Pod pod, int port) {
        String sandbox = ImageName.sha256(pod.getMetadata().getUid());
        return "error forwarding port " + port + " to pod " + sandbox + ", uid : failed to execute portforward in "
                + "network namespace \"/var/run/netns/cni-" + pod.getMetadata().getUid() + "\": failed to connect to "
                + "localhost:" + port + " inside namespace \"" + sandbox + "\", IPv4: dial tcp4 127.0.0.1:" + port
                + ": connect: connection refused IPv6 dial tcp6 [::1]:" + port + ": connect: connection refused ";
    }
}
