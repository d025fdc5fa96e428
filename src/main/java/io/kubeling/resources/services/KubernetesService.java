package io.kubeling.resources.services;

import java.util.List;
import java.util.Map;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.ServiceSpec;
import io.kubeling.config.KubelingProperties;
import io.kubeling.registry.Registry;
import io.kubeling.registry.ResourceStore;
import io.kubeling.registry.StatusException;
import io.kubeling.registry.WriteOptions;

/**
 * The {@code kubernetes} service in {@code default}, holding the first address of the service range, as
 * kube-apiserver's bootstrap controller keeps it: created on start when missing.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
class KubernetesService implements ApplicationRunner {

    static final String NAME = "kubernetes";
    static final String NAMESPACE = "default";

    private final Registry registry;
    private final ServiceAllocator allocator;
    private final Environment environment;
    private final KubelingProperties properties;

    KubernetesService(Registry registry, ServiceAllocator allocator, Environment environment,
            KubelingProperties properties) {
        this.registry = registry;
        this.allocator = allocator;
        this.environment = environment;
        this.properties = properties;
    }

    @Override
    public void run(ApplicationArguments args) {
        ResourceStore<Service> store = registry.store(Service.class);
        try {
            store.get(NAMESPACE, NAME);
        } catch (StatusException missing) {
            if (missing.code() != 404) {
                throw missing;
            }
            try {
                store.create(NAMESPACE, service(), WriteOptions.DEFAULT);
            } catch (StatusException e) {
                // a replica starting at the same time made it first: its name (409) or its address (422) is taken
                if (e.code() != 409 && !madeMeanwhile(store)) {
                    throw e;
                }
            }
        }
    }

    private static boolean madeMeanwhile(ResourceStore<Service> store) {
        try {
            store.get(NAMESPACE, NAME);
            return true;
        } catch (StatusException e) {
            return false;
        }
    }

    private Service service() {
        ServicePort https = new ServicePort();
        https.setName("https");
        https.setPort(443);
        https.setProtocol("TCP");
        https.setTargetPort(new IntOrString(serverPort()));
        ServiceSpec spec = new ServiceSpec();
        spec.setType(ServiceTypes.CLUSTER_IP);
        spec.setClusterIP(allocator.firstAddress());
        spec.setPorts(List.of(https));
        spec.setSessionAffinity("None");
        ObjectMeta meta = new ObjectMeta();
        meta.setName(NAME);
        meta.setNamespace(NAMESPACE);
        meta.setLabels(Map.of("component", "apiserver", "provider", "kubernetes"));
        Service service = new Service();
        service.setMetadata(meta);
        service.setSpec(spec);
        return service;
    }

    /** The port the server really listens on (a test server's is random). */
    int serverPort() {
        return environment.getProperty("local.server.port", Integer.class, properties.port());
    }
}
