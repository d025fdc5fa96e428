package io.kubeling.controllers.services;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

import io.fabric8.kubernetes.api.model.LoadBalancerIngress;
import io.fabric8.kubernetes.api.model.LoadBalancerStatus;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceStatus;
import io.kubeling.registry.WriteOptions;
import io.kubeling.controllers.Managers;
import io.kubeling.config.ServiceNetworkProperties;
import io.kubeling.controllers.ChangeFeed;
import io.kubeling.controllers.WorkQueue;
import io.kubeling.registry.ListOptions;
import io.kubeling.registry.Registry;
import io.kubeling.registry.ResourceStore;
import io.kubeling.registry.StatusException;

/**
 * A simulated load balancer, as MetalLB would run one: every LoadBalancer service of the default class
 * gets an address from the configured pool in {@code status.loadBalancer.ingress}, through services/status.
 * No traffic reaches it.
 */
@Component
class LoadBalancerController implements SmartLifecycle {

    /** Who this controller writes as. */
    static final WriteOptions WRITER = Managers.controller("service-controller");

    private final Registry registry;
    private final ChangeFeed feed;
    private final AddressPool pool;
    private final WorkQueue queue = new WorkQueue("load-balancer-controller", this::sync);
    private volatile ChangeFeed.Subscription subscription;

    LoadBalancerController(Registry registry, ChangeFeed feed, ServiceNetworkProperties properties) {
        this.registry = registry;
        this.feed = feed;
        this.pool = new AddressPool(properties.loadBalancerPool());
    }

    @Override
    public void start() {
        queue.start();
        subscription = feed.subscribe(Service.class, change -> {
            if (!change.deleted() && wantsAddress(change.object())) {
                queue.add(key(change.object()));
            }
        });
        for (Service service : services().list(null, ListOptions.ALL).items()) {
            if (wantsAddress(service)) {
                queue.add(key(service));
            }
        }
    }

    @Override
    public void stop() {
        if (subscription != null) {
            subscription.close();
            subscription = null;
        }
        queue.stop();
    }

    @Override
    public boolean isRunning() {
        return queue.isRunning();
    }

    private static boolean wantsAddress(Service service) {
        if (service.getSpec() == null || !"LoadBalancer".equals(service.getSpec().getType())
                || service.getSpec().getLoadBalancerClass() != null
                || service.getMetadata().getDeletionTimestamp() != null) {
            return false;
        }
        return ingress(service).isEmpty();
    }

    private void sync(String key) {
        String[] parts = key.split("/", 2);
        Service service;
        try {
            service = services().get(parts[0], parts[1]);
        } catch (StatusException e) {
            if (e.code() == 404) {
                return;
            }
            throw e;
        }
        if (!wantsAddress(service)) {
            return;
        }
        Set<String> used = new HashSet<>();
        for (Service other : services().list(null, ListOptions.ALL).items()) {
            for (LoadBalancerIngress ingress : ingress(other)) {
                if (ingress.getIp() != null) {
                    used.add(ingress.getIp());
                }
            }
        }
        String address = pool.firstFree(used);
        if (address == null) {
            return;
        }
        services().update(parts[0], parts[1], "status", current -> {
            if (!wantsAddress(current)) {
                return current;
            }
            if (current.getStatus() == null) {
                current.setStatus(new ServiceStatus());
            }
            LoadBalancerIngress ingress = new LoadBalancerIngress();
            ingress.setIp(address);
            ingress.setIpMode("VIP");
            current.getStatus().setLoadBalancer(new LoadBalancerStatus(List.of(ingress)));
            return current;
        }, WRITER);
    }

    private static List<LoadBalancerIngress> ingress(Service service) {
        if (service.getStatus() == null || service.getStatus().getLoadBalancer() == null
                || service.getStatus().getLoadBalancer().getIngress() == null) {
            return List.of();
        }
        return service.getStatus().getLoadBalancer().getIngress();
    }

    private ResourceStore<Service> services() {
        return registry.store(Service.class);
    }

    private static String key(Service service) {
        return service.getMetadata().getNamespace() + "/" + service.getMetadata().getName();
    }
}
