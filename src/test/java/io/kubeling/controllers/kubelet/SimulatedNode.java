package io.kubeling.controllers.kubelet;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.Set;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodStatus;
import io.fabric8.kubernetes.api.model.Secret;
import io.kubeling.controllers.SimulatedTime;
import io.kubeling.controllers.kubelet.shell.ShellHost;
import io.kubeling.support.ManualClock;

/**
 * One simulated kubelet on a hand-driven clock, with a fake cluster behind it: what it writes is
 * recorded, and {@link #advance} runs what falls due.
 */
final class SimulatedNode {

    final ManualClock clock = new ManualClock(Instant.parse("2026-01-01T00:00:00Z"));
    final ManualTimers timers = new ManualTimers(clock);
    final FakePort port = new FakePort();
    final ContainerLogs logs = new ContainerLogs(1 << 20);
    final NodeKubelet kubelet;

    SimulatedNode(double scale, List<String> privateRegistries) {
        kubelet = new NodeKubelet("node-a", "172.18.0.2", "10.244.1.0/24", port, timers,
                new SimulatedTime(clock, scale), logs, privateRegistries);
    }

    SimulatedNode() {
        this(1.0, List.of("registry.example.com"));
    }

    /** Hands the kubelet a pod (stamping a uid), as the API's watch would. */
    Pod run(Pod pod) {
        if (pod.getMetadata().getUid() == null) {
            pod.getMetadata().setUid(java.util.UUID.randomUUID().toString());
        }
        if (pod.getMetadata().getNamespace() == null) {
            pod.getMetadata().setNamespace("ns");
        }
        pod.getSpec().setNodeName("node-a");
        port.pods.put(pod.getMetadata().getUid(), pod);
        kubelet.podChanged(pod);
        timers.runDue();
        return pod;
    }

    /** Marks the pod as being deleted with a grace period, as the API does. */
    void delete(Pod pod, long graceSeconds) {
        pod.getMetadata().setDeletionTimestamp(clock.instant().plusSeconds(graceSeconds).toString());
        pod.getMetadata().setDeletionGracePeriodSeconds(graceSeconds);
        kubelet.podChanged(pod);
        timers.runDue();
    }

    void advance(Duration d) {
        timers.advance(d);
    }

    PodStatus status(Pod pod) {
        List<PodStatus> list = port.statuses.get(pod.getMetadata().getUid());
        return list == null ? null : list.get(list.size() - 1);
    }

    /** Every status written for the pod, in order. */
    List<PodStatus> statuses(Pod pod) {
        return port.statuses.getOrDefault(pod.getMetadata().getUid(), List.of());
    }

    List<String> events(Pod pod) {
        return port.events.getOrDefault(pod.getMetadata().getUid(), List.of());
    }

    String log(Pod pod, String container) {
        var status = status(pod);
        String id = null;
        for (var cs : status.getContainerStatuses()) {
            if (cs.getName().equals(container)) {
                id = cs.getContainerID();
            }
        }
        for (var cs : status.getInitContainerStatuses()) {
            if (cs.getName().equals(container)) {
                id = cs.getContainerID();
            }
        }
        StringBuilder out = new StringBuilder();
        for (var line : logs.find(id).snapshot().lines()) {
            out.append(line.text()).append('\n');
        }
        return out.toString();
    }

    /** Timers run by hand: each task at its due time on the fake clock, in order. */
    static final class ManualTimers implements Timers {
        private final ManualClock clock;
        private final PriorityQueue<Entry> queue = new PriorityQueue<>();
        private long sequence;

        ManualTimers(ManualClock clock) {
            this.clock = clock;
        }

        private record Entry(Instant at, long seq, Runnable task, boolean[] cancelled) implements Comparable<Entry> {
            @Override
            public int compareTo(Entry o) {
                int c = at.compareTo(o.at);
                return c != 0 ? c : Long.compare(seq, o.seq);
            }
        }

        @Override
        public Timer schedule(Duration delay, Runnable task) {
            boolean[] cancelled = new boolean[1];
            queue.add(new Entry(clock.instant().plus(delay), sequence++, task, cancelled));
            return () -> cancelled[0] = true;
        }

        void runDue() {
            advance(Duration.ZERO);
        }

        void advance(Duration d) {
            Instant until = clock.instant().plus(d);
            while (!queue.isEmpty() && !queue.peek().at().isAfter(until)) {
                Entry e = queue.poll();
                clock.set(e.at());
                if (!e.cancelled()[0]) {
                    e.task().run();
                }
            }
            clock.set(until);
        }
    }

    /** The cluster as the kubelet sees it: statuses and events written, services and secrets read. */
    static final class FakePort implements KubeletPort {
        final Map<String, Pod> pods = new HashMap<>();
        final Map<String, List<PodStatus>> statuses = new HashMap<>();
        final Map<String, List<String>> events = new HashMap<>();
        /** Each event's field path and reason, in order. */
        final List<String> fieldPaths = new ArrayList<>();
        final List<String> deleted = new ArrayList<>();
        final Set<String> services = new HashSet<>();
        final Map<String, Secret> secrets = new HashMap<>();
        final Map<String, io.fabric8.kubernetes.api.model.ConfigMap> configMaps = new HashMap<>();
        /** The PersistentVolume each claim ({@code namespace/name}) is bound to. */
        final Map<String, String> boundVolumes = new HashMap<>();
        final List<io.fabric8.kubernetes.api.model.Service> serviceObjects = new ArrayList<>();
        /** The token the TokenRequest API gives each service account ({@code namespace/name}). */
        final Map<String, String> tokens = new HashMap<>();

        @Override
        public Optional<String> serviceAccountToken(Pod pod, String audience, Long expirationSeconds) {
            return Optional.ofNullable(tokens.get(pod.getMetadata().getNamespace() + "/"
                    + pod.getSpec().getServiceAccountName()));
        }

        @Override
        public List<io.fabric8.kubernetes.api.model.Service> services(String namespace) {
            return serviceObjects.stream().filter(s -> namespace.equals(s.getMetadata().getNamespace())).toList();
        }

        @Override
        public Optional<io.fabric8.kubernetes.api.model.Service> service(String namespace, String name) {
            return serviceObjects.stream().filter(s -> namespace.equals(s.getMetadata().getNamespace())
                    && name.equals(s.getMetadata().getName())).findFirst();
        }

        @Override
        public Optional<io.fabric8.kubernetes.api.model.ConfigMap> configMap(String namespace, String name) {
            return Optional.ofNullable(configMaps.get(namespace + "/" + name));
        }

        @Override
        public Optional<String> boundVolume(String namespace, String claim) {
            return Optional.ofNullable(boundVolumes.get(namespace + "/" + claim));
        }

        @Override
        public void updateStatus(Pod pod, PodStatus status) {
            statuses.computeIfAbsent(pod.getMetadata().getUid(), k -> new ArrayList<>()).add(status);
            pod.setStatus(status);
        }

        @Override
        public void event(Pod pod, String fieldPath, String type, String reason, String message) {
            events.computeIfAbsent(pod.getMetadata().getUid(), k -> new ArrayList<>())
                    .add(type + " " + reason + " " + message);
            fieldPaths.add(fieldPath + " " + reason);
        }

        @Override
        public void deletePod(Pod pod) {
            deleted.add(pod.getMetadata().getName());
        }

        @Override
        public Optional<Secret> secret(String namespace, String name) {
            return Optional.ofNullable(secrets.get(namespace + "/" + name));
        }

        @Override
        public Optional<ShellHost.Resolved> resolve(String namespace, String name) {
            var target = RegistryKubeletPort.ServiceName.of(name, namespace);
            return target != null && services.contains(target.namespace() + "/" + target.name())
                    ? Optional.of(new ShellHost.Resolved(target.fqdn(), "10.96.0.10")) : Optional.empty();
        }

        @Override
        public boolean connects(String namespace, String host, int port) {
            return resolve(namespace, host).isPresent();
        }
    }
}
