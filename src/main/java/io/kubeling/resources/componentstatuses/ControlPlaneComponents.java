package io.kubeling.resources.componentstatuses;

import java.util.List;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;

import io.fabric8.kubernetes.api.model.ComponentCondition;
import io.fabric8.kubernetes.api.model.ComponentStatus;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.kubeling.registry.Registry;
import io.kubeling.registry.ResourceStore;
import io.kubeling.registry.StatusException;
import io.kubeling.registry.WriteOptions;

/**
 * The components a 1.32 kube-apiserver reports on, each healthy as the simulated ones always are: written on start
 * when missing, since clients cannot write them.
 */
@Component
class ControlPlaneComponents implements ApplicationRunner {

    static final List<String> NAMES = List.of("scheduler", "controller-manager", "etcd-0");

    private final Registry registry;

    ControlPlaneComponents(Registry registry) {
        this.registry = registry;
    }

    @Override
    public void run(ApplicationArguments args) {
        ResourceStore<ComponentStatus> store = registry.store(ComponentStatus.class);
        for (String name : NAMES) {
            try {
                store.get(null, name);
            } catch (StatusException missing) {
                if (missing.code() != 404) {
                    throw missing;
                }
                ComponentStatus cs = new ComponentStatus();
                ObjectMeta meta = new ObjectMeta();
                meta.setName(name);
                cs.setMetadata(meta);
                cs.setConditions(List.of(new ComponentCondition(null, "ok", "True", "Healthy")));
                try {
                    store.create(null, cs, new WriteOptions(false, "kube-apiserver"));
                } catch (StatusException raced) {
                    if (raced.code() != 409) {
                        throw raced;
                    }
                }
            }
        }
    }
}
