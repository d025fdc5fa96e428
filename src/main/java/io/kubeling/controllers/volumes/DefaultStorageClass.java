package io.kubeling.controllers.volumes;

import java.util.Map;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;

import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.storage.StorageClass;
import io.kubeling.registry.Registry;
import io.kubeling.registry.ResourceStore;
import io.kubeling.registry.StatusException;
import io.kubeling.registry.WriteOptions;

/**
 * The {@code standard} StorageClass a local cluster (kind, minikube) comes with: the default class, provisioned by
 * the simulated provisioner, created on every start when no class has that name.
 */
@Component
public class DefaultStorageClass implements ApplicationRunner {

    /** The class comes with the cluster as its installer's manifests do (kind's), written as the admin. */
    private static final WriteOptions INSTALLER = new WriteOptions(false, "kube-controller-manager");

    public static final String NAME = "standard";
    public static final String PROVISIONER = "kubeling.io/hostpath";

    private final Registry registry;

    DefaultStorageClass(Registry registry) {
        this.registry = registry;
    }

    @Override
    public void run(ApplicationArguments args) {
        ensure(registry);
    }

    public static void ensure(Registry registry) {
        ResourceStore<StorageClass> store = registry.store(StorageClass.class);
        try {
            store.get(null, NAME);
        } catch (StatusException missing) {
            if (missing.code() != 404) {
                throw missing;
            }
            StorageClass sc = new StorageClass();
            ObjectMeta meta = new ObjectMeta();
            meta.setName(NAME);
            meta.setAnnotations(Map.of(Claims.DEFAULT_CLASS, "true"));
            sc.setMetadata(meta);
            sc.setProvisioner(PROVISIONER);
            sc.setReclaimPolicy("Delete");
            sc.setVolumeBindingMode("Immediate");
            try {
                store.create(null, sc, INSTALLER);
            } catch (StatusException raced) {
                if (raced.code() != 409) {
                    throw raced;
                }
            }
        }
    }
}
