package io.kubeling.controllers;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

import org.springframework.context.SmartLifecycle;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.kubeling.registry.ObjectCodec;
import io.kubeling.registry.Registry;

/**
 * A controller in client-go's shape: it follows changes through the {@link ChangeFeed}, queues
 * keys on a {@link WorkQueue} and syncs one key at a time, with a {@link Timer} for deadlines.
 * Restartable, since test contexts stop and start their beans.
 */
public abstract class QueuedController implements SmartLifecycle {

    protected final WorkQueue queue;
    protected final Timer timer;
    protected final Registry registry;
    protected final ChangeFeed feed;
    protected final EventRecorder events;
    protected final ObjectCodec codec;
    protected final Clock clock;
    private final List<ChangeFeed.Subscription> subscriptions = new ArrayList<>();
    private volatile boolean running;

    protected QueuedController(String name, ControllerKit kit) {
        this.queue = new WorkQueue(name, this::sync, kit.time());
        this.timer = new Timer(name + "-timer", kit.time());
        this.registry = kit.registry();
        this.feed = kit.feed();
        this.events = kit.events();
        this.codec = kit.codec();
        this.clock = kit.clock();
    }

    /** Brings the object a key names to its desired state. */
    protected abstract void sync(String key);

    /** Subscribes to the changes the controller follows. */
    protected abstract List<ChangeFeed.Subscription> subscribe();

    /** Queues every object that exists, so that nothing changed while stopped is missed. */
    protected abstract void queueExisting();

    /** The key of a namespaced object: {@code namespace/name}. */
    protected static String key(String ns, String name) {
        return ns + "/" + name;
    }

    /** Queues each object under its key. */
    protected void queueEach(List<? extends HasMetadata> objects) {
        for (HasMetadata object : objects) {
            queue.add(key(object.getMetadata().getNamespace(), object.getMetadata().getName()));
        }
    }

    @Override
    public final synchronized void start() {
        queue.start();
        timer.start();
        subscriptions.addAll(subscribe());
        running = true;
        queueExisting();
    }

    @Override
    public final synchronized void stop() {
        running = false;
        subscriptions.forEach(ChangeFeed.Subscription::close);
        subscriptions.clear();
        timer.stop();
        queue.stop();
    }

    @Override
    public final boolean isRunning() {
        return running;
    }
}
