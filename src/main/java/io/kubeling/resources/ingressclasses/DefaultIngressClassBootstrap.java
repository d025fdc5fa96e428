package io.kubeling.resources.ingressclasses;

import java.util.Map;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;

import io.fabric8.kubernetes.api.model.networking.v1.IngressClass;
import io.fabric8.kubernetes.api.model.networking.v1.IngressClassBuilder;
import io.kubeling.registry.Registry;
import io.kubeling.registry.ResourceStore;
import io.kubeling.registry.StatusException;
import io.kubeling.registry.WriteOptions;

/**
 * The ingress class of the simulated ingress controller, as minikube's ingress addon installs it: {@code nginx},
 * handled by {@code k8s.io/ingress-nginx} and marked the default class. Created on start when missing.
 */
@Component
public class DefaultIngressClassBootstrap implements ApplicationRunner {

    public static final String NAME = "nginx";
    public static final String CONTROLLER = "k8s.io/ingress-nginx";

    private final Registry registry;

    public DefaultIngressClassBootstrap(Registry registry) {
        this.registry = registry;
    }

    @Override
    public void run(ApplicationArguments args) {
        ensure();
    }

    public void ensure() {
        ResourceStore<IngressClass> store = registry.store(IngressClass.class);
        try {
            store.get(null, NAME);
        } catch (StatusException missing) {
            if (missing.code() != 404) {
                throw missing;
            }
            IngressClass nginx = new IngressClassBuilder().withNewMetadata().withName(NAME)
                    .withLabels(Map.of("app.kubernetes.io/component", "controller"))
                    .withAnnotations(Map.of("ingressclass.kubernetes.io/is-default-class", "true")).endMetadata()
                    .withNewSpec().withController(CONTROLLER).endSpec().build();
            try {
                store.create(null, nginx, WriteOptions.DEFAULT);
            } catch (StatusException raced) {
                if (raced.code() != 409) {
                    throw raced;
                }
            }
        }
    }
}
