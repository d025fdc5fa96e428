package io.kubeling.resources.priorityclasses;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

import io.fabric8.kubernetes.api.model.scheduling.v1.PriorityClass;
import io.kubeling.registry.Registry;
import io.kubeling.registry.ResourceStore;
import io.kubeling.registry.StatusException;
import io.kubeling.registry.WriteOptions;

/** kube's scheduling/bootstrap-system-priority-classes hook: creates the system classes on start when missing. */
@Component
// before the add-ons, whose pods name the system classes
@Order(Ordered.HIGHEST_PRECEDENCE + 15)
public class SystemPriorityClassBootstrap implements ApplicationRunner {

    private final Registry registry;

    public SystemPriorityClassBootstrap(Registry registry) {
        this.registry = registry;
    }

    @Override
    public void run(ApplicationArguments args) {
        ensure();
    }

    public void ensure() {
        ResourceStore<PriorityClass> store = registry.store(PriorityClass.class);
        for (PriorityClass system : SystemPriorityClasses.ALL) {
            try {
                store.get(null, system.getMetadata().getName());
            } catch (StatusException missing) {
                if (missing.code() != 404) {
                    throw missing;
                }
                PriorityClass copy = new io.fabric8.kubernetes.api.model.scheduling.v1.PriorityClassBuilder(system)
                        .build();
                try {
                    store.create(null, copy, WriteOptions.DEFAULT);
                } catch (StatusException raced) {
                    if (raced.code() != 409) {
                        throw raced;
                    }
                }
            }
        }
    }
}
