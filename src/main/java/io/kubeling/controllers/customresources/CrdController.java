package io.kubeling.controllers.customresources;

import java.time.Clock;

import org.springframework.context.SmartLifecycle;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.kubeling.controllers.Change;
import io.kubeling.controllers.ChangeFeed;
import io.kubeling.controllers.WorkQueue;
import io.kubeling.registry.ListOptions;
import io.kubeling.registry.Registry;
import io.kubeling.registry.ResourceStore;
import io.kubeling.registry.StatusException;

/**
 * One of the API server's own controllers of CRDs, keyed by CRD name. They run on real time, not the
 * simulation's: kube-apiserver establishes and cleans up CRDs whatever the simulated clock does.
 */
abstract class CrdController implements SmartLifecycle {

    protected final Registry registry;
    protected final Clock clock;
    protected final WorkQueue queue;
    private final ChangeFeed feed;
    private volatile ChangeFeed.Subscription subscription;

    CrdController(String name, Registry registry, ChangeFeed feed, Clock clock) {
        this.registry = registry;
        this.feed = feed;
        this.clock = clock;
        this.queue = new WorkQueue(name, this::sync);
    }

    /** Brings the CRD of that name where the controller wants it. */
    protected abstract void sync(String name);

    /** Queues what a change of a CRD calls for. */
    protected abstract void changed(Change<CustomResourceDefinition> change);

    /** Whether an existing CRD needs a sync when the controller starts. */
    protected abstract boolean needsSync(CustomResourceDefinition crd);

    @Override
    public void start() {
        queue.start();
        subscription = feed.subscribe(CustomResourceDefinition.class, this::changed);
        for (CustomResourceDefinition crd : store().list(null, ListOptions.ALL).items()) {
            if (needsSync(crd)) {
                queue.add(crd.getMetadata().getName());
            }
        }
    }

    @Override
    public void stop() {
        if (subscription != null) {
            subscription.close();
        }
        queue.stop();
    }

    @Override
    public boolean isRunning() {
        return queue.isRunning();
    }

    protected ResourceStore<CustomResourceDefinition> store() {
        return registry.store(CustomResourceDefinition.class);
    }

    /** The CRD of that name, or null once it is gone. */
    protected CustomResourceDefinition current(String name) {
        try {
            return store().get(null, name);
        } catch (StatusException e) {
            if (e.code() == 404) {
                return null;
            }
            throw e;
        }
    }
}
