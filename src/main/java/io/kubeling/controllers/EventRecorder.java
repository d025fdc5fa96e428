package io.kubeling.controllers;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

import jakarta.annotation.PreDestroy;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.EventSource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ObjectReference;
import io.kubeling.registry.Registry;
import io.kubeling.registry.ResourceStore;
import io.kubeling.registry.StatusException;
import io.kubeling.registry.WriteOptions;
import io.kubeling.registry.Timestamps;

/**
 * Records core/v1 Events as client-go's event recorder does: one Event per distinct
 * (object, type, reason, message, source), named {@code <object>.<hex nanos>}; a repeat within ten
 * minutes bumps its {@code count} and {@code lastTimestamp} instead of making another. Like
 * client-go's broadcaster it writes in the background, in the order events were recorded, so a
 * controller never waits on its events. One writer costs the least: four side by side, sharing the
 * objects between them, made 3,000 pods on 1,000 nodes cost a quarter more of the server's CPU, and
 * each batch of what was recorded meanwhile written on eight threads at once, each object's events
 * on one, twice the event writers' CPU: each create cost more, and the commits got no fewer.
 */
@Component
public class EventRecorder {

    public static final String NORMAL = "Normal";
    public static final String WARNING = "Warning";

    private static final Logger log = LoggerFactory.getLogger(EventRecorder.class);
    private static final Duration AGGREGATION_WINDOW = Duration.ofMinutes(10);
    private static final int REMEMBERED = 4096;

    private final Registry registry;
    private final Clock clock;
    // touched by the writer thread only
    private final Map<String, Recorded> recent = new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Recorded> eldest) {
            return size() > REMEMBERED;
        }
    };

    private final ExecutorService writer = Executors.newSingleThreadExecutor(DaemonThreads.named("event-recorder"));

    EventRecorder(Registry registry, Clock clock) {
        this.registry = registry;
        this.clock = clock;
    }

    @PreDestroy
    void stop() throws InterruptedException {
        writer.shutdown();
        writer.awaitTermination(5, TimeUnit.SECONDS);
    }

    /** A reference to an object, as an Event's involvedObject. */
    public static ObjectReference reference(HasMetadata object) {
        ObjectReference ref = new ObjectReference();
        ref.setApiVersion(object.getApiVersion());
        ref.setKind(object.getKind());
        ref.setNamespace(object.getMetadata().getNamespace());
        ref.setName(object.getMetadata().getName());
        ref.setUid(object.getMetadata().getUid());
        ref.setResourceVersion(object.getMetadata().getResourceVersion());
        return ref;
    }

    /** A reference to one part of an object, such as a pod's {@code spec.containers{web}}. */
    public static ObjectReference reference(HasMetadata object, String fieldPath) {
        ObjectReference ref = reference(object);
        ref.setFieldPath(fieldPath);
        return ref;
    }

    /** Records an event of {@code component} (on {@code host}, or null) about {@code involved}. */
    public void record(ObjectReference involved, String type, String reason, String message, String component,
            String host) {
        Instant now = clock.instant();
        try {
            writer.execute(() -> write(involved, type, reason, message, component, host, now));
        } catch (RejectedExecutionException e) {
            log.debug("event {} for {} dropped: stopping", reason, involved.getName());
        }
    }

    private void write(ObjectReference involved, String type, String reason, String message, String component,
            String host, Instant now) {
        String namespace = involved.getNamespace() == null || involved.getNamespace().isEmpty() ? "default"
                : involved.getNamespace();
        String key = String.join("\u0000", namespace, String.valueOf(involved.getUid()), involved.getKind(),
                involved.getName(), String.valueOf(involved.getFieldPath()), type, reason, message, component,
                String.valueOf(host));
        ResourceStore<Event> store = registry.store(Event.class);
        try {
            Recorded previous = recent.get(key);
            if (previous != null && Duration.between(previous.last(), now).compareTo(AGGREGATION_WINDOW) < 0
                    && bump(store, namespace, previous.name(), now, Managers.forComponent(component, host))) {
                recent.put(key, new Recorded(previous.name(), now));
                return;
            }
            Event created = create(store, namespace, involved, type, reason, message, component, host, now);
            recent.put(key, new Recorded(created.getMetadata().getName(), now));
        } catch (RuntimeException e) {
            // An event that cannot be written (its namespace is going away) is dropped, as client-go drops it.
            log.debug("event {} {} for {} dropped: {}", reason, message, involved.getName(), e.getMessage());
        }
    }

    /**
     * Creates the event under kube's name, the object's and the time's nanoseconds; a name taken already (another
     * event at the same instant, as on a stopped simulated clock) moves on by a nanosecond.
     */
    private static Event create(ResourceStore<Event> store, String namespace, ObjectReference involved, String type,
            String reason, String message, String component, String host, Instant now) {
        for (int taken = 0;; taken++) {
            try {
                return store.create(namespace, newEvent(involved, namespace, type, reason, message, component, host,
                        now, taken), Managers.forComponent(component, host));
            } catch (StatusException e) {
                if (e.code() != 409 || taken >= 64) {
                    throw e;
                }
            }
        }
    }

    private static boolean bump(ResourceStore<Event> store, String namespace, String name, Instant now,
            WriteOptions manager) {
        try {
            store.update(namespace, name, null, current -> {
                current.setCount(current.getCount() == null ? 2 : current.getCount() + 1);
                current.setLastTimestamp(Timestamps.format(now));
                return current;
            }, manager);
            return true;
        } catch (StatusException e) {
            if (e.code() == 404) {
                return false;
            }
            throw e;
        }
    }

    private static Event newEvent(ObjectReference involved, String namespace, String type, String reason,
            String message, String component, String host, Instant now, int taken) {
        Event event = new Event();
        ObjectMeta meta = new ObjectMeta();
        long nanos = now.getEpochSecond() * 1_000_000_000L + now.getNano() + taken;
        meta.setName(involved.getName() + "." + Long.toHexString(nanos));
        meta.setNamespace(namespace);
        event.setMetadata(meta);
        event.setInvolvedObject(involved);
        event.setType(type);
        event.setReason(reason);
        event.setMessage(message);
        EventSource source = new EventSource();
        source.setComponent(component);
        source.setHost(host);
        event.setSource(source);
        event.setReportingComponent(component);
        event.setReportingInstance(host == null ? "" : host);
        event.setFirstTimestamp(Timestamps.format(now));
        event.setLastTimestamp(Timestamps.format(now));
        event.setCount(1);
        return event;
    }

    private record Recorded(String name, Instant last) {
    }
}
