package io.kubeling.controllers.kubelet;

import java.time.Duration;
import java.time.Instant;

/**
 * kube's restart back-off for one container: the first exit restarts at once, later ones wait 10 s,
 * doubling to 5 minutes; ten minutes without a restart start it over.
 */
final class Backoff {

    static final Duration INITIAL = Duration.ofSeconds(10);
    static final Duration MAX = Duration.ofMinutes(5);
    static final Duration RESET = MAX.multipliedBy(2);

    private Duration current;
    private Instant lastUpdate;

    /**
     * How long (in simulated time) to wait before restarting after an exit at {@code finishedAt};
     * {@code resetAfter} is the real time that ten simulated minutes take.
     */
    Duration delayAfter(Instant finishedAt, Duration resetAfter) {
        if (current == null || Duration.between(lastUpdate, finishedAt).compareTo(resetAfter) > 0) {
            current = INITIAL;
            lastUpdate = finishedAt;
            return Duration.ZERO;
        }
        return current;
    }

    /** The wait the next delayed restart would be given, for the CrashLoopBackOff message. */
    Duration current() {
        return current == null ? INITIAL : current;
    }

    /** Records a restart after a back-off, doubling the next one. */
    void restarted(Instant at) {
        if (current != null) {
            current = current.multipliedBy(2).compareTo(MAX) > 0 ? MAX : current.multipliedBy(2);
        }
        lastUpdate = at;
    }
}
