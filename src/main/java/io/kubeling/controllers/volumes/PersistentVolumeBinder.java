package io.kubeling.controllers.volumes;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.UnaryOperator;

import org.springframework.stereotype.Component;

import io.fabric8.kubernetes.api.model.HostPathVolumeSource;
import io.fabric8.kubernetes.api.model.NodeSelectorRequirement;
import io.fabric8.kubernetes.api.model.NodeSelectorTerm;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ObjectReference;
import io.fabric8.kubernetes.api.model.PersistentVolume;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimStatus;
import io.fabric8.kubernetes.api.model.PersistentVolumeSpec;
import io.fabric8.kubernetes.api.model.PersistentVolumeStatus;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.VolumeNodeAffinity;
import io.fabric8.kubernetes.api.model.storage.StorageClass;
import io.kubeling.registry.WriteOptions;
import io.kubeling.controllers.Change;
import io.kubeling.controllers.ChangeFeed;
import io.kubeling.controllers.ControllerKit;
import io.kubeling.controllers.EventRecorder;
import io.kubeling.controllers.Managers;
import io.kubeling.controllers.QueuedController;
import io.kubeling.registry.ListOptions;
import io.kubeling.registry.ResourceStore;
import io.kubeling.registry.StatusException;
import io.kubeling.resources.common.LabelSelectors;
import io.kubeling.resources.pods.Quantities;

/**
 * kube's PersistentVolume controller with a simulated provisioner: binds each claim to the smallest available
 * volume of its class, access modes, size and selector, provisions one for classes of the simulated provisioner
 * (at once for {@code Immediate}, once the scheduler picked a node for {@code WaitForFirstConsumer}), keeps the
 * Pending, Available, Bound and Released phases, and reclaims released volumes as their policy says.
 */
@Component
public class PersistentVolumeBinder extends QueuedController {

    /** Who this controller writes as. */
    static final WriteOptions WRITER = Managers.controller("persistent-volume-binder");

    static final String COMPONENT = "persistentvolume-controller";
    private static final String CLAIM = "claim:";
    private static final String VOLUME = "volume:";

    public PersistentVolumeBinder(ControllerKit kit) {
        super(COMPONENT, kit);
    }

    @Override
    protected List<ChangeFeed.Subscription> subscribe() {
        return List.of(feed.subscribe(PersistentVolumeClaim.class, this::onClaim),
                feed.subscribe(PersistentVolume.class, this::onVolume),
                feed.subscribe(StorageClass.class, this::onClass));
    }

    @Override
    protected void queueExisting() {
        claims().list(null, ListOptions.ALL).items().forEach(this::queueClaim);
        volumes().list(null, ListOptions.ALL).items().forEach(v -> queue.add(VOLUME + v.getMetadata().getName()));
    }

    private void onClaim(Change<PersistentVolumeClaim> change) {
        PersistentVolumeClaim pvc = change.object();
        queueClaim(pvc);
        if (Claims.bound(pvc)) {
            queue.add(VOLUME + pvc.getSpec().getVolumeName());
        }
        if (change.deleted()) {
            // its volume is released
            for (PersistentVolume pv : volumes().list(null, ListOptions.ALL).items()) {
                ObjectReference ref = pv.getSpec().getClaimRef();
                if (ref != null && Objects.equals(ref.getUid(), pvc.getMetadata().getUid())) {
                    queue.add(VOLUME + pv.getMetadata().getName());
                }
            }
        }
    }

    private void onVolume(Change<PersistentVolume> change) {
        PersistentVolume pv = change.object();
        if (!change.deleted()) {
            queue.add(VOLUME + pv.getMetadata().getName());
        }
        ObjectReference ref = pv.getSpec() == null ? null : pv.getSpec().getClaimRef();
        if (ref != null) {
            queue.add(CLAIM + ref.getNamespace() + "/" + ref.getName());
        } else if (!change.deleted()) {
            // a new volume may suit a waiting claim
            claims().list(null, ListOptions.ALL).items().stream().filter(c -> !Claims.bound(c)).forEach(this::queueClaim);
        }
    }

    private void onClass(Change<StorageClass> change) {
        if (!change.deleted()) {
            claims().list(null, ListOptions.ALL).items().stream().filter(c -> !Claims.bound(c)).forEach(this::queueClaim);
        }
    }

    private void queueClaim(PersistentVolumeClaim pvc) {
        queue.add(CLAIM + pvc.getMetadata().getNamespace() + "/" + pvc.getMetadata().getName());
    }

    @Override
    protected void sync(String key) {
        if (key.startsWith(CLAIM)) {
            String rest = key.substring(CLAIM.length());
            int slash = rest.indexOf('/');
            syncClaim(rest.substring(0, slash), rest.substring(slash + 1));
        } else {
            syncVolume(key.substring(VOLUME.length()));
        }
    }

    // ---- claims

    private void syncClaim(String ns, String name) {
        PersistentVolumeClaim pvc = find(claims(), ns, name);
        if (pvc == null || pvc.getMetadata().getDeletionTimestamp() != null) {
            return;
        }
        if (Claims.bound(pvc)) {
            syncBoundClaim(pvc);
            return;
        }
        PersistentVolume match = findVolume(pvc);
        if (match != null) {
            bind(match, pvc);
            return;
        }
        String className = Claims.className(pvc);
        if (className.isEmpty()) {
            event(pvc, EventRecorder.NORMAL, "FailedBinding",
                    "no persistent volumes available for this claim and no storage class is set");
            return;
        }
        StorageClass sc = find(registry.store(StorageClass.class), null, className);
        if (sc == null) {
            event(pvc, EventRecorder.WARNING, "ProvisioningFailed",
                    "storageclass.storage.k8s.io \"" + className + "\" not found");
            return;
        }
        Map<String, String> annotations = annotations(pvc);
        if ("WaitForFirstConsumer".equals(sc.getVolumeBindingMode()) && !annotations.containsKey(Claims.SELECTED_NODE)) {
            event(pvc, EventRecorder.NORMAL, "WaitForFirstConsumer",
                    "waiting for first consumer to be created before binding");
            return;
        }
        if (!sc.getProvisioner().equals(annotations.get(Claims.PROVISIONER))) {
            claims().update(ns, name, null, c -> {
                Map<String, String> a = new HashMap<>(annotations(c));
                a.put(Claims.PROVISIONER, sc.getProvisioner());
                a.put(Claims.BETA_PROVISIONER, sc.getProvisioner());
                c.getMetadata().setAnnotations(a);
                return c;
            }, WRITER);
            return;
        }
        if (!DefaultStorageClass.PROVISIONER.equals(sc.getProvisioner())) {
            event(pvc, EventRecorder.NORMAL, "ExternalProvisioning", "Waiting for a volume to be created either by the "
                    + "external provisioner '" + sc.getProvisioner() + "' or manually by the system administrator. If "
                    + "volume creation is delayed, please verify that the provisioner is running and correctly "
                    + "registered.");
            return;
        }
        provision(pvc, sc);
    }

    private void syncBoundClaim(PersistentVolumeClaim pvc) {
        PersistentVolume pv = find(volumes(), null, pvc.getSpec().getVolumeName());
        if (pv == null) {
            if (!"Lost".equals(phase(pvc))) {
                event(pvc, EventRecorder.WARNING, "ClaimLost",
                        "Bound claim has lost reference to PersistentVolume. Data on the volume is lost!");
                setClaimStatus(pvc, "Lost", null);
            }
            return;
        }
        ObjectReference ref = pv.getSpec().getClaimRef();
        if (ref == null) {
            bind(pv, pvc);
        } else if (refersTo(ref, pvc)) {
            if (ref.getUid() == null || !"Bound".equals(phase(pvc))) {
                bind(pv, pvc);
            }
        } else {
            event(pvc, EventRecorder.WARNING, "FailedBinding", "volume \"" + pv.getMetadata().getName()
                    + "\" already bound to a different claim.");
        }
    }

    /** A volume pre-bound to the claim, else the smallest available one that satisfies it. */
    private PersistentVolume findVolume(PersistentVolumeClaim pvc) {
        BigDecimal wanted = Quantities.value(requests(pvc).get("storage"));
        String className = Claims.className(pvc);
        List<String> modes = pvc.getSpec().getAccessModes() == null ? List.of() : pvc.getSpec().getAccessModes();
        PersistentVolume best = null;
        BigDecimal bestSize = null;
        for (PersistentVolume pv : volumes().list(null, ListOptions.ALL).items()) {
            PersistentVolumeSpec spec = pv.getSpec();
            if (pv.getMetadata().getDeletionTimestamp() != null) {
                continue;
            }
            ObjectReference ref = spec.getClaimRef();
            boolean preBound = ref != null && refersTo(ref, pvc);
            if (ref != null && !preBound) {
                continue;
            }
            if (!preBound && !"Available".equals(phase(pv))) {
                continue;
            }
            String pvClass = io.kubeling.resources.persistentvolumes.PersistentVolumeTable.storageClass(pv);
            BigDecimal size = spec.getCapacity() == null ? null : Quantities.value(spec.getCapacity().get("storage"));
            boolean fits = className.equals(pvClass)
                    && (spec.getAccessModes() != null && spec.getAccessModes().containsAll(modes))
                    && Objects.equals(mode(spec.getVolumeMode()), mode(pvc.getSpec().getVolumeMode()))
                    && size != null && (wanted == null || size.compareTo(wanted) >= 0)
                    && (pvc.getSpec().getSelector() == null
                            || LabelSelectors.matches(pvc.getSpec().getSelector(), pv.getMetadata().getLabels()));
            if (!fits) {
                continue;
            }
            if (preBound) {
                return pv;
            }
            if (best == null || size.compareTo(bestSize) < 0) {
                best = pv;
                bestSize = size;
            }
        }
        return best;
    }

    private static String mode(String volumeMode) {
        return volumeMode == null ? "Filesystem" : volumeMode;
    }

    private void provision(PersistentVolumeClaim pvc, StorageClass sc) {
        String source = sc.getProvisioner() + "_kubeling";
        String pvName = "pvc-" + pvc.getMetadata().getUid();
        String claim = pvc.getMetadata().getNamespace() + "/" + pvc.getMetadata().getName();
        events.record(EventRecorder.reference(pvc), EventRecorder.NORMAL, "Provisioning",
                "External provisioner is provisioning volume for claim \"" + claim + "\"", source, null);
        PersistentVolume pv = new PersistentVolume();
        ObjectMeta meta = new ObjectMeta();
        meta.setName(pvName);
        meta.setAnnotations(new HashMap<>(Map.of(Claims.PROVISIONED_BY, sc.getProvisioner())));
        pv.setMetadata(meta);
        PersistentVolumeSpec spec = new PersistentVolumeSpec();
        spec.setCapacity(new HashMap<>(Map.of("storage", requests(pvc).get("storage"))));
        spec.setAccessModes(new ArrayList<>(pvc.getSpec().getAccessModes()));
        spec.setPersistentVolumeReclaimPolicy(sc.getReclaimPolicy());
        spec.setStorageClassName(sc.getMetadata().getName());
        spec.setVolumeMode(pvc.getSpec().getVolumeMode());
        spec.setMountOptions(sc.getMountOptions());
        spec.setClaimRef(reference(pvc));
        spec.setHostPath(new HostPathVolumeSource("/var/lib/kubeling/volumes/" + pvName, "DirectoryOrCreate"));
        String node = annotations(pvc).get(Claims.SELECTED_NODE);
        if (node != null) {
            NodeSelectorTerm term = new NodeSelectorTerm();
            term.setMatchExpressions(List.of(new NodeSelectorRequirement("kubernetes.io/hostname", "In", List.of(node))));
            VolumeNodeAffinity affinity = new VolumeNodeAffinity();
            affinity.setRequired(new io.fabric8.kubernetes.api.model.NodeSelector(List.of(term)));
            spec.setNodeAffinity(affinity);
        }
        pv.setSpec(spec);
        try {
            volumes().create(null, pv, WRITER);
        } catch (StatusException e) {
            if (e.code() != 409) {
                events.record(EventRecorder.reference(pvc), EventRecorder.WARNING, "ProvisioningFailed",
                        "failed to provision volume with StorageClass \"" + sc.getMetadata().getName() + "\": "
                                + e.getMessage(), source, null);
                return;
            }
        }
        events.record(EventRecorder.reference(pvc), EventRecorder.NORMAL, "ProvisioningSucceeded",
                "Successfully provisioned volume " + pvName, source, null);
    }

    /** Binds both ways: the volume's claimRef and phase, then the claim's volume name and status. */
    private void bind(PersistentVolume pv, PersistentVolumeClaim pvc) {
        String pvName = pv.getMetadata().getName();
        boolean preset = pv.getSpec().getClaimRef() != null;
        PersistentVolume bound = update(volumes(), null, pvName, null, v -> {
            ObjectReference ref = v.getSpec().getClaimRef();
            if (ref != null && !refersTo(ref, pvc)) {
                return null;
            }
            v.getSpec().setClaimRef(reference(pvc));
            if (!preset) {
                Map<String, String> a = new HashMap<>(annotations(v));
                a.put(Claims.BOUND_BY_CONTROLLER, "yes");
                v.getMetadata().setAnnotations(a);
            }
            return v;
        });
        if (bound == null || !refersTo(bound.getSpec().getClaimRef(), pvc)) {
            return;
        }
        setVolumePhase(bound, "Bound");
        boolean claimPreset = Claims.bound(pvc);
        PersistentVolumeClaim claim = update(claims(), pvc.getMetadata().getNamespace(), pvc.getMetadata().getName(),
                null, c -> {
                    if (!Objects.equals(c.getMetadata().getUid(), pvc.getMetadata().getUid())) {
                        return null;
                    }
                    c.getSpec().setVolumeName(pvName);
                    Map<String, String> a = new HashMap<>(annotations(c));
                    a.put(Claims.BIND_COMPLETED, "yes");
                    if (!claimPreset) {
                        a.put(Claims.BOUND_BY_CONTROLLER, "yes");
                    }
                    c.getMetadata().setAnnotations(a);
                    return c;
                });
        if (claim != null) {
            setClaimStatus(claim, "Bound", bound);
        }
    }

    private void setClaimStatus(PersistentVolumeClaim pvc, String phase, PersistentVolume pv) {
        update(claims(), pvc.getMetadata().getNamespace(), pvc.getMetadata().getName(), "status", c -> {
            PersistentVolumeClaimStatus status = c.getStatus() == null ? new PersistentVolumeClaimStatus() : c.getStatus();
            status.setPhase(phase);
            if (pv != null) {
                status.setAccessModes(new ArrayList<>(pv.getSpec().getAccessModes()));
                status.setCapacity(new HashMap<>(pv.getSpec().getCapacity()));
            }
            c.setStatus(status);
            return c;
        });
    }

    // ---- volumes

    private void syncVolume(String name) {
        PersistentVolume pv = find(volumes(), null, name);
        if (pv == null || pv.getMetadata().getDeletionTimestamp() != null && !"Released".equals(phase(pv))
                && pv.getSpec().getClaimRef() == null) {
            return;
        }
        ObjectReference ref = pv.getSpec().getClaimRef();
        if (ref == null) {
            setVolumePhase(pv, "Available");
            return;
        }
        PersistentVolumeClaim pvc = find(claims(), ref.getNamespace(), ref.getName());
        boolean sameClaim = pvc != null && (ref.getUid() == null || ref.getUid().isEmpty()
                || ref.getUid().equals(pvc.getMetadata().getUid()));
        if (!sameClaim) {
            if (ref.getUid() == null || ref.getUid().isEmpty()) {
                // pre-bound by an administrator to a claim that does not exist yet
                setVolumePhase(pv, "Available");
                return;
            }
            release(pv);
            return;
        }
        if (pvc.getSpec().getVolumeName() != null && pvc.getSpec().getVolumeName().equals(name)) {
            setVolumePhase(pv, "Bound");
        } else {
            queueClaim(pvc);
        }
    }

    /** The claim is gone: the volume is Released, then reclaimed as its policy says. */
    private void release(PersistentVolume pv) {
        PersistentVolume released = setVolumePhase(pv, "Released");
        String policy = pv.getSpec().getPersistentVolumeReclaimPolicy();
        String name = pv.getMetadata().getName();
        if ("Delete".equals(policy)) {
            try {
                volumes().delete(null, name, Managers.deleting(WRITER));
            } catch (StatusException e) {
                if (e.code() != 404) {
                    throw e;
                }
            }
        } else if ("Recycle".equals(policy) && released != null) {
            // the recycler scrubs the volume and offers it again
            PersistentVolume recycled = update(volumes(), null, name, null, v -> {
                v.getSpec().setClaimRef(null);
                return v;
            });
            if (recycled != null) {
                event(recycled, EventRecorder.NORMAL, "RecyclerPod", "Recycler pod: Successfully assigned "
                        + "default/recycler-for-" + name);
                setVolumePhase(recycled, "Available");
            }
        }
    }

    private PersistentVolume setVolumePhase(PersistentVolume pv, String phase) {
        if (phase.equals(phase(pv))) {
            return pv;
        }
        return update(volumes(), null, pv.getMetadata().getName(), "status", v -> {
            PersistentVolumeStatus status = v.getStatus() == null ? new PersistentVolumeStatus() : v.getStatus();
            if (phase.equals(status.getPhase())) {
                return null;
            }
            status.setPhase(phase);
            v.setStatus(status);
            return v;
        });
    }

    // ---- helpers

    private static ObjectReference reference(PersistentVolumeClaim pvc) {
        ObjectReference ref = new ObjectReference();
        ref.setKind("PersistentVolumeClaim");
        ref.setApiVersion("v1");
        ref.setNamespace(pvc.getMetadata().getNamespace());
        ref.setName(pvc.getMetadata().getName());
        ref.setUid(pvc.getMetadata().getUid());
        ref.setResourceVersion(pvc.getMetadata().getResourceVersion());
        return ref;
    }

    private static boolean refersTo(ObjectReference ref, PersistentVolumeClaim pvc) {
        return ref != null && Objects.equals(ref.getNamespace(), pvc.getMetadata().getNamespace())
                && Objects.equals(ref.getName(), pvc.getMetadata().getName())
                && (ref.getUid() == null || ref.getUid().isEmpty() || ref.getUid().equals(pvc.getMetadata().getUid()));
    }

    private static Map<String, Quantity> requests(PersistentVolumeClaim pvc) {
        return pvc.getSpec().getResources() == null || pvc.getSpec().getResources().getRequests() == null ? Map.of()
                : pvc.getSpec().getResources().getRequests();
    }

    private static Map<String, String> annotations(io.fabric8.kubernetes.api.model.HasMetadata o) {
        return o.getMetadata().getAnnotations() == null ? Map.of() : o.getMetadata().getAnnotations();
    }

    private static String phase(PersistentVolume pv) {
        return pv.getStatus() == null ? null : pv.getStatus().getPhase();
    }

    private static String phase(PersistentVolumeClaim pvc) {
        return pvc.getStatus() == null ? null : pvc.getStatus().getPhase();
    }

    private void event(io.fabric8.kubernetes.api.model.HasMetadata object, String type, String reason, String message) {
        events.record(EventRecorder.reference(object), type, reason, message, COMPONENT, null);
    }

    private static <T extends io.fabric8.kubernetes.api.model.HasMetadata> T find(ResourceStore<T> store, String ns,
            String name) {
        try {
            return store.get(ns, name);
        } catch (StatusException e) {
            if (e.code() == 404) {
                return null;
            }
            throw e;
        }
    }

    private static <T extends io.fabric8.kubernetes.api.model.HasMetadata> T update(ResourceStore<T> store, String ns,
            String name, String subresource, UnaryOperator<T> change) {
        try {
            return store.update(ns, name, subresource, change, WRITER).object();
        } catch (StatusException e) {
            if (e.code() == 404) {
                return null;
            }
            throw e;
        }
    }

    private ResourceStore<PersistentVolumeClaim> claims() {
        return registry.store(PersistentVolumeClaim.class);
    }

    private ResourceStore<PersistentVolume> volumes() {
        return registry.store(PersistentVolume.class);
    }
}
