package io.kubeling;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.boot.autoconfigure.context.LifecycleProperties;
import org.springframework.context.Lifecycle;
import org.springframework.context.support.DefaultLifecycleProcessor;

import io.kubeling.controllers.LeaderElection;
import io.kubeling.controllers.Managers;
import io.kubeling.storage.LogStore;

/**
 * The context's lifecycle processor: on a database that several replicas share, the simulation's
 * components are not started with the context but by leader election, on the one replica holding their
 * Lease, as kube's scheduler and controller manager run one active instance each: the scheduler under
 * {@code kube-scheduler}, every other controller, the kubelets and the service allocations' repair under
 * {@code kube-controller-manager}. On H2 nothing changes: every component starts with the context.
 */
final class ElectedComponents extends DefaultLifecycleProcessor {

    static final String SCHEDULER_LEASE = "kube-scheduler";
    static final String CONTROLLER_MANAGER_LEASE = "kube-controller-manager";
    private static final String CONTROLLERS = "io.kubeling.controllers.";
    private static final String SCHEDULER = "io.kubeling.controllers.scheduler.";
    // kube runs it in every apiserver; here it rewrites the allocations whole, so it runs once per cluster
    private static final String ALLOCATION_REPAIR = "io.kubeling.resources.services.AllocationRepair";

    private final LogStore store;
    private final LeaderElection election;
    private Map<String, Lifecycle> elected;

    ElectedComponents(LogStore store, LeaderElection election, LifecycleProperties properties) {
        this.store = store;
        this.election = election;
        setTimeoutPerShutdownPhase(properties.getTimeoutPerShutdownPhase().toMillis());
    }

    @Override
    protected synchronized Map<String, Lifecycle> getLifecycleBeans() {
        Map<String, Lifecycle> all = super.getLifecycleBeans();
        if (!store.shared()) {
            return all;
        }
        if (elected == null) {
            elected = new LinkedHashMap<>();
            List<Lifecycle> scheduler = new ArrayList<>();
            List<Lifecycle> controllers = new ArrayList<>();
            all.forEach((name, bean) -> {
                String type = bean.getClass().getName();
                if (type.startsWith(SCHEDULER)) {
                    scheduler.add(bean);
                } else if (type.startsWith(CONTROLLERS) || type.startsWith(ALLOCATION_REPAIR)) {
                    controllers.add(bean);
                } else {
                    return;
                }
                elected.put(name, bean);
            });
            election.campaign(SCHEDULER_LEASE, Managers.SCHEDULER, scheduler);
            election.campaign(CONTROLLER_MANAGER_LEASE, Managers.CONTROLLER_MANAGER, controllers);
        }
        Map<String, Lifecycle> rest = new LinkedHashMap<>(all);
        rest.keySet().removeAll(elected.keySet());
        return rest;
    }

    @Override
    public void onRefresh() {
        super.onRefresh();
        if (store.shared()) {
            election.start();
        }
    }

    @Override
    public void start() {
        super.start();
        if (store.shared()) {
            election.start();
        }
    }

    @Override
    public void stop() {
        election.stop();
        super.stop();
    }

    @Override
    public void onClose() {
        election.stop();
        super.onClose();
    }

    /** The leader election's real clock, apart from the simulation's. */
    static Clock realClock() {
        return Clock.systemUTC();
    }
}
