package io.kubeling.controllers.controlplane;

import java.util.concurrent.CompletableFuture;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.stereotype.Component;

import io.kubeling.config.ControlPlaneProperties;
import io.kubeling.config.KubelingProperties;
import io.kubeling.config.SimulationProperties;
import io.kubeling.registry.ObjectCodec;
import io.kubeling.registry.Registry;
import io.kubeling.resources.services.ServiceAllocator;

/**
 * Installs the cluster add-ons once the server is ready, on a thread of their own, as kubeadm's addon phase applies
 * them after the control plane answers: neither {@code /readyz} nor the start waits for them or for the simulation
 * of their pods.
 */
@Component
public class ClusterAddonsAtStart implements ApplicationListener<ApplicationReadyEvent> {

    private static final Logger log = LoggerFactory.getLogger(ClusterAddonsAtStart.class);

    private final ClusterAddons addons;
    private final boolean enabled;
    private final CompletableFuture<Void> installed = new CompletableFuture<>();
    private boolean started;

    @Autowired
    ClusterAddonsAtStart(Registry registry, ObjectCodec codec, ServiceAllocator allocator,
            KubelingProperties kubeling, SimulationProperties simulation, ControlPlaneProperties controlPlane) {
        this(new ClusterAddons(registry, codec, allocator.dnsAddress(), allocator.firstAddress(),
                simulation.nodes().podCidr(), kubeling.kubernetesVersion()), controlPlane);
    }

    ClusterAddonsAtStart(ClusterAddons addons, ControlPlaneProperties controlPlane) {
        this.addons = addons;
        this.enabled = controlPlane.enabled();
    }

    @Override
    public void onApplicationEvent(ApplicationReadyEvent event) {
        install();
    }

    /** Starts the installation (once); the future completes when the add-ons are in place, or nothing is to do. */
    synchronized CompletableFuture<Void> install() {
        if (started) {
            return installed;
        }
        started = true;
        if (!enabled) {
            installed.complete(null);
            return installed;
        }
        Thread thread = new Thread(() -> {
            try {
                addons.ensure();
                installed.complete(null);
            } catch (RuntimeException | Error e) {
                log.error("the cluster add-ons could not be installed", e);
                installed.completeExceptionally(e);
            }
        }, "cluster-addons");
        thread.setDaemon(true);
        thread.start();
        return installed;
    }

    /** Completes when the add-ons are in place (or are not to be installed). */
    public CompletableFuture<Void> installed() {
        return installed;
    }
}
