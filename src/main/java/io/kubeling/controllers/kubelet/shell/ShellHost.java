package io.kubeling.controllers.kubelet.shell;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/** What a simulated shell sees of its container and the cluster. */
public interface ShellHost {

    /** Writes text to the container's output. */
    void write(String text);

    /** Runs {@code next} once {@code delay} of simulated time has passed (scaled by the host). */
    void after(Duration delay, Runnable next);

    /** The cluster DNS answer for a name, if it resolves: a Service in the pod's namespace or a qualified one. */
    Optional<Resolved> resolve(String name);

    /** Whether a connection to {@code host:port} would be accepted: a Service with a ready endpoint. */
    boolean connects(String host, int port);

    Instant now();

    /** A resolved name: its fully qualified form and address. */
    record Resolved(String fqdn, String address) {
    }
}
