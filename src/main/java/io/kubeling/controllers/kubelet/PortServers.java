package io.kubeling.controllers.kubelet;

import java.util.function.Consumer;

/**
 * The servers listening in a pod's network namespace, as port-forward reaches them. Called on the
 * kubelet's thread.
 */
interface PortServers {

    /**
     * Opens a connection to {@code port} of the pod; what the server sends goes to {@code toClient}
     * and {@code onClose} runs when it ends the connection. Null when nothing listens there.
     */
    Connection connect(PodWorker worker, int port, Consumer<byte[]> toClient, Runnable onClose);

    /** One accepted connection, as its client drives it. */
    interface Connection {

        void received(byte[] bytes);

        /** The client closed its side. */
        void clientClosed();
    }
}
