package io.kubeling.controllers.customresources;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.springframework.stereotype.Component;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionVersion;
import io.kubeling.controllers.Change;
import io.kubeling.controllers.ChangeFeed;
import io.kubeling.controllers.Managers;
import io.kubeling.registry.ListOptions;
import io.kubeling.registry.Registry;
import io.kubeling.registry.ResourceStore;
import io.kubeling.registry.StatusException;
import io.kubeling.registry.Timestamps;
import io.kubeling.resources.customresources.CrdConditions;

/**
 * Kube's CRD finalizer controller: a CRD being deleted turns Terminating, its instances are deleted (each as a
 * client's delete, so their own finalizers hold them), and once none is left the cleanup finalizer goes and the
 * CRD with it.
 */
@Component
class CrdFinalizerController extends CrdController {

    private static final Duration RECHECK = Duration.ofMillis(200);

    CrdFinalizerController(Registry registry, ChangeFeed feed, Clock clock) {
        super("crd-finalizer-controller", registry, feed, clock);
    }

    @Override
    protected void changed(Change<CustomResourceDefinition> change) {
        if (!change.deleted() && needsSync(change.object())) {
            queue.add(change.object().getMetadata().getName());
        }
    }

    @Override
    protected boolean needsSync(CustomResourceDefinition crd) {
        return crd.getMetadata().getDeletionTimestamp() != null;
    }

    @Override
    protected void sync(String name) {
        CustomResourceDefinition crd = current(name);
        if (crd == null) {
            return;
        }
        if (crd.getMetadata().getDeletionTimestamp() == null
                || !crd.getMetadata().getFinalizers().contains(CrdConditions.CLEANUP_FINALIZER)) {
            return;
        }
        setTerminating(name, "InstanceDeletionInProgress", "CustomResource deletion is in progress", null);
        ResourceStore<GenericKubernetesResource> instances = instances(crd);
        if (instances != null) {
            List<GenericKubernetesResource> left = instances.list(null, ListOptions.ALL).items();
            for (GenericKubernetesResource object : left) {
                try {
                    instances.delete(object.getMetadata().getNamespace(), object.getMetadata().getName(),
                            Managers.deleting(Managers.KUBE_APISERVER));
                } catch (StatusException e) {
                    if (e.code() != 404) {
                        throw e;
                    }
                }
            }
            if (!instances.list(null, ListOptions.ALL).items().isEmpty()) {
                queue.addAfter(name, RECHECK);
                return;
            }
        }
        setTerminating(name, "InstanceDeletionCompleted", "removed all instances", CrdConditions.CLEANUP_FINALIZER);
    }

    /** Sets the Terminating condition and, when {@code removing} is given, takes that finalizer off in the same write. */
    private void setTerminating(String name, String reason, String message, String removing) {
        String now = Timestamps.now(clock);
        String status = removing == null ? "True" : "False";
        try {
            store().update(null, name, "status", current -> {
                CrdConditions.set(current, CrdConditions.TERMINATING, status, reason, message, now);
                if (removing != null) {
                    List<String> finalizers = new ArrayList<>(current.getMetadata().getFinalizers());
                    finalizers.remove(removing);
                    current.getMetadata().setFinalizers(finalizers);
                }
                return current;
            }, Managers.KUBE_APISERVER);
        } catch (StatusException e) {
            if (e.code() != 404 && e.code() != 409) {
                throw e;
            }
        }
    }

    /**
     * The store of the CRD's instances through any version that is served: they share one set of keys. The storage
     * version comes first, as kube deletes through it, so that no instance needs converting (by a webhook that may
     * be gone) on its way out.
     */
    @SuppressWarnings("unchecked")
    private ResourceStore<GenericKubernetesResource> instances(CustomResourceDefinition crd) {
        if (crd.getStatus() == null || crd.getStatus().getAcceptedNames() == null) {
            return null;
        }
        String plural = crd.getStatus().getAcceptedNames().getPlural();
        List<CustomResourceDefinitionVersion> versions = new ArrayList<>(crd.getSpec().getVersions());
        versions.sort(java.util.Comparator.comparing(v -> !Boolean.TRUE.equals(v.getStorage())));
        for (CustomResourceDefinitionVersion v : versions) {
            var store = registry.find(crd.getSpec().getGroup(), v.getName(), plural);
            if (store.isPresent()) {
                return (ResourceStore<GenericKubernetesResource>) store.get();
            }
        }
        return null;
    }
}
