package io.kubeling.resources.namespaces;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.kubeling.registry.Registry;
import io.kubeling.registry.ResourceStore;
import io.kubeling.registry.StatusException;
import io.kubeling.registry.WriteOptions;

/**
 * Creates the namespaces every cluster has, on every start, if they are missing; a replica starting beside another
 * may find one made meanwhile, as kube-apiserver's system namespaces controller ignores AlreadyExists.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class SystemNamespaces implements ApplicationRunner {

    private final Registry registry;

    SystemNamespaces(Registry registry) {
        this.registry = registry;
    }

    @Override
    public void run(ApplicationArguments args) {
        ensure();
    }

    void ensure() {
        ResourceStore<Namespace> store = registry.store(Namespace.class);
        for (String name : new String[] {"default", "kube-system", "kube-public", "kube-node-lease"}) {
            try {
                store.get(null, name);
            } catch (StatusException missing) {
                if (missing.code() != 404) {
                    throw missing;
                }
                Namespace ns = new Namespace();
                ObjectMeta meta = new ObjectMeta();
                meta.setName(name);
                ns.setMetadata(meta);
                try {
                    store.create(null, ns, WriteOptions.DEFAULT);
                } catch (StatusException raced) {
                    // the bootstrap policy's hook, which runs meanwhile, makes the namespaces of its Roles
                    if (raced.code() != 409) {
                        throw raced;
                    }
                }
            }
        }
    }
}
