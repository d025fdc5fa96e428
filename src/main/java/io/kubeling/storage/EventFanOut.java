package io.kubeling.storage;

import java.util.concurrent.CopyOnWriteArrayList;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The one path from a committed write to everyone who listens. Called in revision order by the
 * single writer; listeners must hand the event off without blocking.
 */
@Component
public class EventFanOut {

    private static final Logger log = LoggerFactory.getLogger(EventFanOut.class);

    private final CopyOnWriteArrayList<StorageListener> listeners = new CopyOnWriteArrayList<>();

    public void subscribe(StorageListener listener) {
        listeners.add(listener);
    }

    public void unsubscribe(StorageListener listener) {
        listeners.remove(listener);
    }

    void publish(StorageEvent event) {
        for (StorageListener listener : listeners) {
            try {
                listener.onEvent(event);
            } catch (RuntimeException e) {
                log.warn("storage listener failed on revision {}", event.revision(), e);
            }
        }
    }
}
