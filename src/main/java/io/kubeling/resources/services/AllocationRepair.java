package io.kubeling.resources.services;

import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

import io.fabric8.kubernetes.api.model.Service;
import io.kubeling.registry.ListOptions;
import io.kubeling.registry.Registry;

/**
 * Rebuilds the stored IP and port ranges from the services themselves on every start, before the server
 * takes requests, as kube's repair controllers do: an allocation left behind by a write that never
 * finished is freed, and a range setting changed since the last start takes effect.
 */
@Component
class AllocationRepair implements SmartLifecycle {

    private final Registry registry;
    private final ServiceAllocator allocator;
    private volatile boolean running;

    AllocationRepair(Registry registry, ServiceAllocator allocator) {
        this.registry = registry;
        this.allocator = allocator;
    }

    @Override
    public void start() {
        allocator.repair(registry.store(Service.class).list(null, ListOptions.ALL).items());
        running = true;
    }

    @Override
    public void stop() {
        running = false;
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Before the web server, whose phase is DEFAULT_PHASE - 2048. */
    @Override
    public int getPhase() {
        return -1000;
    }
}
