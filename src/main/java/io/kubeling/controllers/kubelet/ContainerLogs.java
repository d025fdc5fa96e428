package io.kubeling.controllers.kubelet;

import java.time.Instant;
import java.util.ArrayList;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.stereotype.Component;

import io.kubeling.config.KubeletProperties;

/**
 * The output of every container instance the kubelets run, by container ID, as the runtime keeps
 * log files: bounded per instance (the oldest lines go first), readable while it is written.
 */
@Component
public class ContainerLogs {

    private final Map<String, Instance> byContainerId = new ConcurrentHashMap<>();
    private final Map<String, List<String>> byPodUid = new ConcurrentHashMap<>();
    private final int limitBytes;

    @org.springframework.beans.factory.annotation.Autowired
    ContainerLogs(KubeletProperties properties) {
        this(properties.logBytesPerContainer());
    }

    ContainerLogs(int limitBytes) {
        this.limitBytes = limitBytes;
    }

    /** Opens the log of a new container instance of a pod. */
    Instance open(String podUid, String containerId) {
        Instance instance = new Instance(limitBytes);
        byContainerId.put(containerId, instance);
        byPodUid.computeIfAbsent(podUid, k -> java.util.Collections.synchronizedList(new ArrayList<>()))
                .add(containerId);
        return instance;
    }

    /** The log of a container instance, or null when none is kept. */
    public Instance find(String containerId) {
        return containerId == null ? null : byContainerId.get(containerId);
    }

    /** Forgets the instances of a pod that no longer exists. */
    void dropPod(String podUid) {
        List<String> ids = byPodUid.remove(podUid);
        if (ids != null) {
            synchronized (ids) {
                for (String id : ids) {
                    Instance instance = byContainerId.remove(id);
                    if (instance != null) {
                        instance.end();
                    }
                }
            }
        }
    }

    /** One line of output and when it was written. */
    public record Line(Instant time, String text) {
    }

    /** The log of one container instance: complete lines, and whether the instance has ended. */
    public static final class Instance {

        private final int limitBytes;
        private final Deque<Line> lines = new ArrayDeque<>();
        private final StringBuilder partial = new StringBuilder();
        private long bytes;
        private long written;
        private boolean ended;
        private Instant lastWrite = Instant.EPOCH;

        Instance(int limitBytes) {
            this.limitBytes = limitBytes;
        }

        /** Appends output; a line counts once its newline arrives. */
        synchronized void write(String text, Instant at) {
            if (ended) {
                return;
            }
            partial.append(text);
            lastWrite = at;
            int nl;
            while ((nl = partial.indexOf("\n")) >= 0) {
                add(new Line(at, partial.substring(0, nl)));
                partial.delete(0, nl + 1);
            }
        }

        private void add(Line line) {
            lines.addLast(line);
            bytes += line.text().length() + 1;
            written++;
            while (bytes > limitBytes && lines.size() > 1) {
                bytes -= lines.removeFirst().text().length() + 1;
            }
            notifyAll();
        }

        /** Ends the instance; an unterminated last line is kept as it is. */
        synchronized void end() {
            if (!ended) {
                if (!partial.isEmpty()) {
                    add(new Line(lastWrite, partial.toString()));
                    partial.setLength(0);
                }
                ended = true;
                notifyAll();
            }
        }

        public synchronized boolean ended() {
            return ended;
        }

        /** The lines kept, and the count of lines ever written (so a follower knows what is new). */
        public synchronized Snapshot snapshot() {
            return new Snapshot(List.copyOf(lines), written, ended);
        }

        /** Waits up to {@code millis} for lines beyond {@code seen} or the end. */
        public synchronized Snapshot await(long seen, long millis) throws InterruptedException {
            if (written == seen && !ended) {
                wait(millis);
            }
            return snapshot();
        }
    }

    /** Lines kept at one moment; {@code written} counts every line ever written. */
    public record Snapshot(List<Line> lines, long written, boolean ended) {
    }
}
