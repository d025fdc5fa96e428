package io.kubeling.controllers.controlplane;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

import io.kubeling.config.ControlPlaneProperties;
import io.kubeling.config.KubelingProperties;
import io.kubeling.config.SimulationProperties;
import io.kubeling.registry.ObjectCodec;
import io.kubeling.registry.Registry;
import io.kubeling.resources.services.ServiceAllocator;

/** Installs the cluster add-ons at start, after the system namespaces and the {@code kubernetes} Service. */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 20)
class ClusterAddonsAtStart implements ApplicationRunner {

    private final ClusterAddons addons;
    private final boolean enabled;

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
    public void run(ApplicationArguments args) {
        if (enabled) {
            addons.ensure();
        }
    }
}
