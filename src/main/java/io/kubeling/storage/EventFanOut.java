package io.kubeling.storage;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import io.kubeling.config.KubelingProperties;

/**
 * The one path from a committed write to everyone who listens: controllers (every event) and
 * watches (the events under their key prefix). Called in revision order by the single writer,
 * after commit; listeners must hand the event off without blocking.
 */
@Component
public class EventFanOut {

    private static final Logger log = LoggerFactory.getLogger(EventFanOut.class);

    private final CopyOnWriteArrayList<StorageListener> listeners = new CopyOnWriteArrayList<>();
    private final Map<String, Set<StorageListener>> byPrefix = new ConcurrentHashMap<>();
    private final EventHistory history;

    EventFanOut(KubelingProperties properties) {
        this.history = new EventHistory(properties.history().memoryWindow());
    }

    /** Every event, for controllers. */
    public void subscribe(StorageListener listener) {
        listeners.add(listener);
    }

    public void unsubscribe(StorageListener listener) {
        listeners.remove(listener);
    }

    void subscribe(String prefix, StorageListener listener) {
        byPrefix.computeIfAbsent(prefix, p -> ConcurrentHashMap.newKeySet()).add(listener);
    }

    void unsubscribe(String prefix, StorageListener listener) {
        byPrefix.computeIfPresent(prefix, (p, set) -> {
            set.remove(listener);
            return set.isEmpty() ? null : set;
        });
    }

    EventHistory history() {
        return history;
    }

    void publish(StorageEvent event) {
        history.append(event);
        for (Map.Entry<String, Set<StorageListener>> entry : byPrefix.entrySet()) {
            if (event.key().startsWith(entry.getKey())) {
                for (StorageListener listener : entry.getValue()) {
                    deliver(listener, event);
                }
            }
        }
        for (StorageListener listener : listeners) {
            deliver(listener, event);
        }
    }

    private static void deliver(StorageListener listener, StorageEvent event) {
        try {
            listener.onEvent(event);
        } catch (RuntimeException e) {
            log.warn("storage listener failed on revision {}", event.revision(), e);
        }
    }
}
