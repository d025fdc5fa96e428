package io.kubeling.controllers.volumes;

import java.util.ArrayList;
import java.util.List;

import org.springframework.stereotype.Component;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PersistentVolume;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Pod;
import io.kubeling.controllers.Change;
import io.kubeling.controllers.ChangeFeed;
import io.kubeling.controllers.ControllerKit;
import io.kubeling.controllers.Managers;
import io.kubeling.controllers.QueuedController;
import io.kubeling.registry.ListOptions;
import io.kubeling.registry.ResourceStore;
import io.kubeling.registry.StatusException;
import io.kubeling.registry.WriteOptions;

/**
 * kube's pvc-protection and pv-protection controllers: a claim being deleted keeps its finalizer while a pod that
 * has not finished uses it; a volume being deleted keeps its own while it is Bound.
 */
@Component
public class ProtectionController extends QueuedController {

    private static final String CLAIM = "claim:";
    private static final String VOLUME = "volume:";

    /** kube runs the two as separate controllers, each with its own service account. */
    static final WriteOptions CLAIMS = Managers.controller("pvc-protection-controller");
    static final WriteOptions VOLUMES = Managers.controller("pv-protection-controller");

    public ProtectionController(ControllerKit kit) {
        super("pvc-protection-controller", kit);
    }

    @Override
    protected List<ChangeFeed.Subscription> subscribe() {
        return List.of(feed.subscribe(PersistentVolumeClaim.class, this::onClaim),
                feed.subscribe(PersistentVolume.class, this::onVolume), feed.subscribe(Pod.class, this::onPod));
    }

    @Override
    protected void queueExisting() {
        registry.store(PersistentVolumeClaim.class).list(null, ListOptions.ALL).items().stream()
                .filter(c -> c.getMetadata().getDeletionTimestamp() != null)
                .forEach(c -> queue.add(CLAIM + key(c.getMetadata().getNamespace(), c.getMetadata().getName())));
        registry.store(PersistentVolume.class).list(null, ListOptions.ALL).items().stream()
                .filter(v -> v.getMetadata().getDeletionTimestamp() != null)
                .forEach(v -> queue.add(VOLUME + v.getMetadata().getName()));
    }

    private void onClaim(Change<PersistentVolumeClaim> change) {
        PersistentVolumeClaim pvc = change.object();
        if (!change.deleted() && pvc.getMetadata().getDeletionTimestamp() != null) {
            queue.add(CLAIM + key(pvc.getMetadata().getNamespace(), pvc.getMetadata().getName()));
        }
    }

    private void onVolume(Change<PersistentVolume> change) {
        if (!change.deleted() && change.object().getMetadata().getDeletionTimestamp() != null) {
            queue.add(VOLUME + change.object().getMetadata().getName());
        }
    }

    private void onPod(Change<Pod> change) {
        Pod pod = change.object();
        if (change.deleted() || !Claims.active(pod)) {
            for (String claim : Claims.of(pod)) {
                queue.add(CLAIM + key(pod.getMetadata().getNamespace(), claim));
            }
        }
    }

    @Override
    protected void sync(String key) {
        if (key.startsWith(VOLUME)) {
            String name = key.substring(VOLUME.length());
            PersistentVolume pv = find(registry.store(PersistentVolume.class), null, name);
            if (pv != null && pv.getMetadata().getDeletionTimestamp() != null
                    && (pv.getStatus() == null || !"Bound".equals(pv.getStatus().getPhase()))) {
                release(registry.store(PersistentVolume.class), null, name, Claims.PV_PROTECTION, VOLUMES);
            }
            return;
        }
        String rest = key.substring(CLAIM.length());
        int slash = rest.indexOf('/');
        String ns = rest.substring(0, slash);
        String name = rest.substring(slash + 1);
        PersistentVolumeClaim pvc = find(registry.store(PersistentVolumeClaim.class), ns, name);
        if (pvc == null || pvc.getMetadata().getDeletionTimestamp() == null) {
            return;
        }
        boolean used = registry.store(Pod.class).list(ns, ListOptions.ALL).items().stream()
                .anyMatch(p -> Claims.active(p) && Claims.of(p).contains(name));
        if (!used) {
            release(registry.store(PersistentVolumeClaim.class), ns, name, Claims.PVC_PROTECTION, CLAIMS);
        }
    }

    private static <T extends HasMetadata> void release(ResourceStore<T> store, String ns, String name,
            String finalizer, WriteOptions writer) {
        try {
            store.update(ns, name, null, o -> {
                List<String> finalizers = o.getMetadata().getFinalizers() == null ? new ArrayList<>()
                        : new ArrayList<>(o.getMetadata().getFinalizers());
                if (!finalizers.remove(finalizer)) {
                    return null;
                }
                o.getMetadata().setFinalizers(finalizers);
                return o;
            }, writer);
        } catch (StatusException e) {
            if (e.code() != 404) {
                throw e;
            }
        }
    }

    private static <T extends HasMetadata> T find(ResourceStore<T> store, String ns, String name) {
        try {
            return store.get(ns, name);
        } catch (StatusException e) {
            if (e.code() == 404) {
                return null;
            }
            throw e;
        }
    }

}
