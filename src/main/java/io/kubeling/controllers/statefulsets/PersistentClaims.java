package io.kubeling.controllers.statefulsets;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.kubeling.registry.WriteOptions;
import io.kubeling.controllers.EventRecorder;
import io.kubeling.controllers.Managers;
import io.kubeling.registry.Registry;
import io.kubeling.registry.ResourceStore;
import io.kubeling.registry.StatusException;
import tools.jackson.databind.json.JsonMapper;

/**
 * The claims of a StatefulSet's volumeClaimTemplates, {@code <template>-<set>-<ordinal>}, made before each pod, and
 * owned as persistentVolumeClaimRetentionPolicy says: by the set when it is deleted with {@code whenDeleted: Delete},
 * by a pod scaled away with {@code whenScaled: Delete}, so that the garbage collector removes them with it. Claims
 * are only made while the registry serves PersistentVolumeClaims.
 */
final class PersistentClaims {

    /** Who this controller writes as. */
    static final WriteOptions WRITER = Managers.controller("statefulset-controller");

    private static final String DELETE = "Delete";

    private final Registry registry;
    private final JsonMapper mapper;
    private final EventRecorder events;

    PersistentClaims(Registry registry, JsonMapper mapper, EventRecorder events) {
        this.registry = registry;
        this.mapper = mapper;
        this.events = events;
    }

    @SuppressWarnings("unchecked")
    private Optional<ResourceStore<PersistentVolumeClaim>> store() {
        return registry.find("", "v1", "persistentvolumeclaims")
                .filter(s -> s.definition().type() == PersistentVolumeClaim.class)
                .map(s -> (ResourceStore<PersistentVolumeClaim>) s);
    }

    private static List<PersistentVolumeClaim> templates(StatefulSet set) {
        return set.getSpec().getVolumeClaimTemplates() == null ? List.of() : set.getSpec().getVolumeClaimTemplates();
    }

    /** Creates the pod's claims that do not exist yet; false when one could not be made. */
    boolean ensure(StatefulSet set, int ordinal) {
        if (templates(set).isEmpty()) {
            return true;
        }
        Optional<ResourceStore<PersistentVolumeClaim>> found = store();
        if (found.isEmpty()) {
            return true;
        }
        ResourceStore<PersistentVolumeClaim> claims = found.get();
        String ns = set.getMetadata().getNamespace();
        String pod = StatefulPods.podName(set, ordinal);
        for (PersistentVolumeClaim template : templates(set)) {
            String name = StatefulPods.claimName(set, template, ordinal);
            if (exists(claims, ns, name)) {
                continue;
            }
            try {
                claims.create(ns, claimFor(set, template, name), WRITER);
                events.record(EventRecorder.reference(set), EventRecorder.NORMAL, "SuccessfulCreate",
                        "create Claim " + name + " Pod " + pod + " in StatefulSet " + set.getMetadata().getName()
                                + " success", StatefulSetController.COMPONENT, null);
            } catch (StatusException e) {
                if (e.code() == 409) {
                    continue;
                }
                events.record(EventRecorder.reference(set), EventRecorder.WARNING, "FailedCreate",
                        "create Claim " + name + " for Pod " + pod + " in StatefulSet " + set.getMetadata().getName()
                                + " failed error: " + e.getMessage(), StatefulSetController.COMPONENT, null);
                return false;
            }
        }
        return true;
    }

    private PersistentVolumeClaim claimFor(StatefulSet set, PersistentVolumeClaim template, String name) {
        PersistentVolumeClaim claim = mapper.convertValue(template, PersistentVolumeClaim.class);
        ObjectMeta meta = claim.getMetadata() == null ? new ObjectMeta() : claim.getMetadata();
        meta.setName(name);
        meta.setNamespace(set.getMetadata().getNamespace());
        Map<String, String> labels = meta.getLabels() == null ? new HashMap<>() : new HashMap<>(meta.getLabels());
        if (set.getSpec().getSelector() != null && set.getSpec().getSelector().getMatchLabels() != null) {
            labels.putAll(set.getSpec().getSelector().getMatchLabels());
        }
        meta.setLabels(labels);
        if (DELETE.equals(set.getSpec().getPersistentVolumeClaimRetentionPolicy().getWhenDeleted())) {
            meta.setOwnerReferences(List.of(reference(set)));
        }
        claim.setMetadata(meta);
        claim.setStatus(null);
        return claim;
    }

    /** Before a pod is scaled away under {@code whenScaled: Delete}, its claims become the pod's dependents. */
    void releaseWithPod(StatefulSet set, HasMetadata pod, int ordinal) {
        if (templates(set).isEmpty()
                || !DELETE.equals(set.getSpec().getPersistentVolumeClaimRetentionPolicy().getWhenScaled())) {
            return;
        }
        Optional<ResourceStore<PersistentVolumeClaim>> found = store();
        if (found.isEmpty()) {
            return;
        }
        String ns = set.getMetadata().getNamespace();
        for (PersistentVolumeClaim template : templates(set)) {
            String name = StatefulPods.claimName(set, template, ordinal);
            try {
                found.get().update(ns, name, null, claim -> {
                    List<OwnerReference> refs = new ArrayList<>(claim.getMetadata().getOwnerReferences());
                    if (refs.stream().anyMatch(r -> Objects.equals(r.getUid(), pod.getMetadata().getUid()))) {
                        return null;
                    }
                    refs.add(reference(pod));
                    claim.getMetadata().setOwnerReferences(refs);
                    return claim;
                }, WRITER);
            } catch (StatusException e) {
                if (e.code() != 404) {
                    throw e;
                }
            }
        }
    }

    private static boolean exists(ResourceStore<PersistentVolumeClaim> claims, String ns, String name) {
        try {
            claims.get(ns, name);
            return true;
        } catch (StatusException e) {
            if (e.code() == 404) {
                return false;
            }
            throw e;
        }
    }

    private static OwnerReference reference(HasMetadata owner) {
        OwnerReference ref = new OwnerReference();
        ref.setApiVersion(owner.getApiVersion());
        ref.setKind(owner.getKind());
        ref.setName(owner.getMetadata().getName());
        ref.setUid(owner.getMetadata().getUid());
        return ref;
    }
}
