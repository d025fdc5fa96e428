package io.kubeling.registry;

import java.util.function.Consumer;

import io.fabric8.kubernetes.api.model.Status;

/** What a {@link StreamingEndpoint} connects a client to. */
public sealed interface StreamTarget {

    /**
     * A process in a container (exec, or the container's own process for attach), with the streams
     * the client asked for.
     */
    non-sealed interface Process extends StreamTarget {

        boolean stdin();

        boolean stdout();

        boolean stderr();

        boolean tty();

        /**
         * Starts the process; its output and its end go to {@code io}, called from any thread, in
         * order. Never blocks.
         */
        ProcessHandle start(ProcessOutput io);
    }

    /** The ports of a pod, each connection to one of them a byte stream both ways. */
    non-sealed interface Ports extends StreamTarget {

        /** The ports asked for in the query ({@code ports=80,443}), possibly none. */
        java.util.List<Integer> requested();

        /**
         * Opens a connection to a port of the pod; what the pod's side sends goes to {@code toClient},
         * and {@code onClose} runs once when the pod's side ends it. An error (nothing listening) is
         * reported through {@code onError} with the kubelet's message, and the connection ends.
         */
        PortConnection connect(int port, Consumer<byte[]> toClient, Consumer<String> onError, Runnable onClose);
    }

    /** Where a process writes; each call in order, from any thread. */
    interface ProcessOutput {

        void stdout(byte[] bytes);

        void stderr(byte[] bytes);

        /** The process ended: {@code Success}, a {@code NonZeroExitCode} failure, or another error. */
        void exit(Status status);
    }

    /** A running process, as the client drives it. */
    interface ProcessHandle {

        void stdin(byte[] bytes);

        /** The client closed its standard input. */
        void closeStdin();

        void resize(int width, int height);

        /** The client went away: the session ends, and an attached container goes on. */
        void cancel();
    }

    /** One connection to a pod's port, as the client drives it. */
    interface PortConnection {

        void send(byte[] bytes);

        /** The client closed its side. */
        void close();
    }
}
