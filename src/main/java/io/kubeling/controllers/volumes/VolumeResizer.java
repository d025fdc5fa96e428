package io.kubeling.controllers.volumes;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.springframework.stereotype.Component;

import io.fabric8.kubernetes.api.model.PersistentVolume;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimCondition;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Quantity;
import io.kubeling.controllers.Change;
import io.kubeling.controllers.ChangeFeed;
import io.kubeling.controllers.ControllerKit;
import io.kubeling.controllers.EventRecorder;
import io.kubeling.controllers.QueuedController;
import io.kubeling.registry.ListOptions;
import io.kubeling.registry.ResourceStore;
import io.kubeling.registry.StatusException;
import io.kubeling.registry.WriteOptions;
import io.kubeling.registry.Timestamps;
import io.kubeling.resources.pods.Quantities;

/**
 * Volume expansion: kube-controller-manager's expand controller leaves every claim to an external resizer
 * ({@code ExternalExpanding}), and the simulated provisioner's volumes have one, in two halves: the external-resizer's
 * (the volume grows: {@code Resizing}, the volume's capacity, then {@code FileSystemResizePending} for a file system
 * or done for a block volume) and the kubelet's (a running pod's node grows the file system, and the claim's
 * capacity follows), with the conditions, allocated resources and events they write.
 */
@Component
public class VolumeResizer extends QueuedController {

    /**
     * The driver's external-resizer is deployed with rights of its own, which kube's bootstrap policy does not
     * hold: it writes as the admin, under the controller manager's field manager.
     */
    private static final WriteOptions RESIZER = new WriteOptions(false, "kube-controller-manager");

    static final String PENDING_MESSAGE = "Waiting for user to (re-)start a pod to finish file system resize of "
            + "volume on node.";
    private static final String CONTROLLER_IN_PROGRESS = "ControllerResizeInProgress";
    private static final String NODE_PENDING = "NodeResizePending";

    public VolumeResizer(ControllerKit kit) {
        super("external-resizer", kit);
    }

    @Override
    protected List<ChangeFeed.Subscription> subscribe() {
        return List.of(feed.subscribe(PersistentVolumeClaim.class, this::onClaim),
                feed.subscribe(Pod.class, this::onPod));
    }

    @Override
    protected void queueExisting() {
        claims().list(null, ListOptions.ALL).items().forEach(c -> queue.add(key(c.getMetadata().getNamespace(),
                c.getMetadata().getName())));
    }

    private void onClaim(Change<PersistentVolumeClaim> change) {
        if (!change.deleted()) {
            queue.add(key(change.object().getMetadata().getNamespace(), change.object().getMetadata().getName()));
        }
    }

    private void onPod(Change<Pod> change) {
        Pod pod = change.object();
        if (!change.deleted() && running(pod)) {
            Claims.of(pod).forEach(claim -> queue.add(key(pod.getMetadata().getNamespace(), claim)));
        }
    }

    @Override
    protected void sync(String key) {
        int slash = key.indexOf('/');
        String ns = key.substring(0, slash);
        String name = key.substring(slash + 1);
        PersistentVolumeClaim pvc = find(claims(), ns, name);
        if (pvc == null || pvc.getMetadata().getDeletionTimestamp() != null || pvc.getStatus() == null
                || !"Bound".equals(pvc.getStatus().getPhase()) || !Claims.bound(pvc)) {
            return;
        }
        String resizeStatus = pvc.getStatus().getAllocatedResourceStatuses() == null ? null
                : pvc.getStatus().getAllocatedResourceStatuses().get("storage");
        if (NODE_PENDING.equals(resizeStatus)) {
            expandOnNode(pvc);
            return;
        }
        Quantity requested = pvc.getSpec().getResources() == null || pvc.getSpec().getResources().getRequests() == null
                ? null : pvc.getSpec().getResources().getRequests().get("storage");
        BigDecimal wanted = Quantities.value(requested);
        BigDecimal capacity = pvc.getStatus().getCapacity() == null ? null
                : Quantities.value(pvc.getStatus().getCapacity().get("storage"));
        if (wanted == null || capacity == null || wanted.compareTo(capacity) <= 0) {
            return;
        }
        PersistentVolume pv = find(registry.store(PersistentVolume.class), null, pvc.getSpec().getVolumeName());
        if (pv == null) {
            return;
        }
        if (resizeStatus == null) {
            // kube-controller-manager's expand controller has no in-tree plugin for these volumes
            events.record(EventRecorder.reference(pvc), EventRecorder.NORMAL, "ExternalExpanding",
                    "waiting for an external controller to expand this PVC", "volume_expand", null);
        }
        if (resizable(pv)) {
            expandVolume(pvc, pv, requested);
        }
    }

    /** The volumes this resizer serves: those the simulated provisioner made. */
    private static boolean resizable(PersistentVolume pv) {
        Map<String, String> a = pv.getMetadata().getAnnotations();
        return a != null && DefaultStorageClass.PROVISIONER.equals(a.get(Claims.PROVISIONED_BY));
    }

    /** The external-resizer's part: mark the claim, grow the volume, then hand the file system to the node. */
    private void expandVolume(PersistentVolumeClaim pvc, PersistentVolume pv, Quantity size) {
        String pvName = pv.getMetadata().getName();
        String component = "external-resizer " + DefaultStorageClass.PROVISIONER;
        String now = Timestamps.format(clock.instant());
        PersistentVolumeClaim marked = status(pvc, s -> {
            s.setConditions(new ArrayList<>(List.of(condition("Resizing", null, now))));
            s.setAllocatedResources(with(s.getAllocatedResources(), size));
            s.setAllocatedResourceStatuses(withStatus(s.getAllocatedResourceStatuses(), CONTROLLER_IN_PROGRESS));
        });
        if (marked == null) {
            return;
        }
        events.record(EventRecorder.reference(marked), EventRecorder.NORMAL, "Resizing",
                "External resizer is resizing volume " + pvName, component, null);
        registry.store(PersistentVolume.class).update(null, pvName, null, v -> {
            Map<String, Quantity> capacity = new HashMap<>(v.getSpec().getCapacity() == null ? Map.of()
                    : v.getSpec().getCapacity());
            capacity.put("storage", size);
            v.getSpec().setCapacity(capacity);
            return v;
        }, RESIZER);
        if ("Block".equals(pvc.getSpec().getVolumeMode())) {
            PersistentVolumeClaim done = status(marked, s -> finish(s, size));
            if (done != null) {
                events.record(EventRecorder.reference(done), EventRecorder.NORMAL, "VolumeResizeSuccessful",
                        "Resize volume succeeded", component, null);
            }
            return;
        }
        PersistentVolumeClaim pending = status(marked, s -> {
            s.setConditions(new ArrayList<>(List.of(condition("FileSystemResizePending", PENDING_MESSAGE, now))));
            s.setAllocatedResourceStatuses(withStatus(s.getAllocatedResourceStatuses(), NODE_PENDING));
        });
        if (pending != null) {
            events.record(EventRecorder.reference(pending), EventRecorder.NORMAL, "FileSystemResizeRequired",
                    "Require file system resize of volume on node", component, null);
        }
    }

    /** The kubelet's part: a node where a pod runs with the claim mounted grows its file system. */
    private void expandOnNode(PersistentVolumeClaim pvc) {
        String ns = pvc.getMetadata().getNamespace();
        Pod user = registry.store(Pod.class).list(ns, ListOptions.ALL).items().stream()
                .filter(VolumeResizer::running)
                .filter(p -> Claims.of(p).contains(pvc.getMetadata().getName()))
                .findFirst().orElse(null);
        if (user == null) {
            return;
        }
        Quantity size = pvc.getStatus().getAllocatedResources() == null ? null
                : pvc.getStatus().getAllocatedResources().get("storage");
        if (size == null) {
            return;
        }
        PersistentVolumeClaim done = status(pvc, s -> finish(s, size));
        if (done == null) {
            return;
        }
        String node = user.getSpec().getNodeName();
        String message = "MountVolume.NodeExpandVolume succeeded for volume \"" + pvc.getSpec().getVolumeName()
                + "\" " + node;
        events.record(EventRecorder.reference(user), EventRecorder.NORMAL, "FileSystemResizeSuccessful", message,
                "kubelet", node);
        events.record(EventRecorder.reference(done), EventRecorder.NORMAL, "FileSystemResizeSuccessful", message,
                "kubelet", node);
    }

    /** MarkFSResizeFinished and the resizer's own: the capacity is the new size, no resize condition or status. */
    private static void finish(PersistentVolumeClaimStatus s, Quantity size) {
        Map<String, Quantity> capacity = new HashMap<>(s.getCapacity() == null ? Map.of() : s.getCapacity());
        capacity.put("storage", size);
        s.setCapacity(capacity);
        if (s.getConditions() != null) {
            s.setConditions(new ArrayList<>(s.getConditions().stream()
                    .filter(c -> !"Resizing".equals(c.getType()) && !"FileSystemResizePending".equals(c.getType()))
                    .toList()));
        }
        if (s.getAllocatedResourceStatuses() != null) {
            Map<String, String> statuses = new HashMap<>(s.getAllocatedResourceStatuses());
            statuses.remove("storage");
            s.setAllocatedResourceStatuses(statuses.isEmpty() ? null : statuses);
        }
    }

    private static PersistentVolumeClaimCondition condition(String type, String message, String now) {
        PersistentVolumeClaimCondition c = new PersistentVolumeClaimCondition();
        c.setType(type);
        c.setStatus("True");
        c.setMessage(message);
        c.setLastTransitionTime(now);
        return c;
    }

    private static Map<String, Quantity> with(Map<String, Quantity> map, Quantity size) {
        Map<String, Quantity> copy = new HashMap<>(map == null ? Map.of() : map);
        copy.put("storage", size);
        return copy;
    }

    private static Map<String, String> withStatus(Map<String, String> map, String status) {
        Map<String, String> copy = new HashMap<>(map == null ? Map.of() : map);
        copy.put("storage", status);
        return copy;
    }

    private static boolean running(Pod pod) {
        return pod.getSpec() != null && pod.getSpec().getNodeName() != null && pod.getStatus() != null
                && "Running".equals(pod.getStatus().getPhase()) && pod.getMetadata().getDeletionTimestamp() == null;
    }

    /** Writes the claim's status from the version read, so a claim changed meanwhile is synced again instead. */
    private PersistentVolumeClaim status(PersistentVolumeClaim pvc, java.util.function.Consumer<PersistentVolumeClaimStatus> change) {
        try {
            return claims().update(pvc.getMetadata().getNamespace(), pvc.getMetadata().getName(), "status", c -> {
                if (!Objects.equals(c.getMetadata().getResourceVersion(), pvc.getMetadata().getResourceVersion())) {
                    return null;
                }
                PersistentVolumeClaimStatus s = c.getStatus() == null ? new PersistentVolumeClaimStatus() : c.getStatus();
                change.accept(s);
                c.setStatus(s);
                return c;
            }, RESIZER).object();
        } catch (StatusException e) {
            if (e.code() == 404) {
                return null;
            }
            throw e;
        }
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

    private ResourceStore<PersistentVolumeClaim> claims() {
        return registry.store(PersistentVolumeClaim.class);
    }
}
