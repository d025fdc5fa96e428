package io.kubeling.storage;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one path from a committed write to everyone who listens: controllers (every event) and
 * watches (the events under their key prefix). Writers hand each committed event over in revision
 * order; one dispatcher thread delivers them in that order, so no writer waits on a listener.
 * Listeners must hand the event off without blocking.
 */
final class EventFanOut {

    private static final Logger log = LoggerFactory.getLogger(EventFanOut.class);
    private static final int BATCH = 256;

    private final CopyOnWriteArrayList<StorageListener> listeners = new CopyOnWriteArrayList<>();
    /** Watches by their prefix: those ending at a '/' looked up from the key, any others tried one by one. */
    private final Map<String, Map<StorageListener, Long>> byPrefix = new ConcurrentHashMap<>();
    private final Map<String, Map<StorageListener, Long>> otherPrefixes = new ConcurrentHashMap<>();
    private final EventHistory history;
    private final LinkedBlockingQueue<StorageEvent> pending = new LinkedBlockingQueue<>();
    private final Thread dispatcher;
    private volatile long dispatched;
    private volatile boolean running = true;

    EventFanOut(int historyWindow, long historyBytes) {
        this.history = new EventHistory(historyWindow, historyBytes);
        this.dispatcher = new Thread(this::dispatch, "storage-event-dispatcher");
        dispatcher.setDaemon(true);
    }

    /** Every event, for controllers. */
    void subscribe(StorageListener listener) {
        listeners.add(listener);
    }

    void unsubscribe(StorageListener listener) {
        listeners.remove(listener);
    }

    /** The events under {@code prefix} after {@code afterRevision}; earlier ones still queued are skipped. */
    void subscribe(String prefix, long afterRevision, StorageListener listener) {
        watches(prefix).computeIfAbsent(prefix, p -> new ConcurrentHashMap<>()).put(listener, afterRevision);
    }

    void unsubscribe(String prefix, StorageListener listener) {
        watches(prefix).computeIfPresent(prefix, (p, subscribers) -> {
            subscribers.remove(listener);
            return subscribers.isEmpty() ? null : subscribers;
        });
    }

    private Map<String, Map<StorageListener, Long>> watches(String prefix) {
        return prefix.endsWith("/") ? byPrefix : otherPrefixes;
    }

    EventHistory history() {
        return history;
    }

    /** Starts delivering, from the revision the store opens at: nothing before it is ever published. */
    void startAt(long revision) {
        dispatched = revision;
        dispatcher.start();
    }

    /** The last revision every listener has been handed. */
    long dispatchedRevision() {
        return dispatched;
    }

    /** Called by the single writer, in revision order, right after commit. */
    void publish(StorageEvent event) {
        history.append(event);
        pending.add(event);
    }

    private void dispatch() {
        List<StorageEvent> batch = new ArrayList<>(BATCH);
        while (running) {
            try {
                StorageEvent first = pending.poll(1, TimeUnit.SECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                pending.drainTo(batch, BATCH - 1);
                for (StorageEvent event : batch) {
                    deliver(event);
                    dispatched = event.revision();
                }
                batch.clear();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private void deliver(StorageEvent event) {
        String key = event.key();
        if (!byPrefix.isEmpty()) {
            // look up each of the key's own prefixes, so that an event wakes only the watches it falls under
            // (its resource's, its namespace's), however many others are open
            for (int slash = key.indexOf('/'); slash >= 0; slash = key.indexOf('/', slash + 1)) {
                deliver(byPrefix.get(key.substring(0, slash + 1)), event);
            }
        }
        for (Map.Entry<String, Map<StorageListener, Long>> entry : otherPrefixes.entrySet()) {
            if (key.startsWith(entry.getKey())) {
                deliver(entry.getValue(), event);
            }
        }
        for (StorageListener listener : listeners) {
            deliver(listener, event);
        }
    }

    private static void deliver(Map<StorageListener, Long> subscribers, StorageEvent event) {
        if (subscribers == null) {
            return;
        }
        for (Map.Entry<StorageListener, Long> subscriber : subscribers.entrySet()) {
            if (event.revision() > subscriber.getValue()) {
                deliver(subscriber.getKey(), event);
            }
        }
    }

    private static void deliver(StorageListener listener, StorageEvent event) {
        try {
            listener.onEvent(event);
        } catch (RuntimeException e) {
            log.warn("storage listener failed on revision {}", event.revision(), e);
        }
    }

    void stop() {
        running = false;
        dispatcher.interrupt();
    }
}
