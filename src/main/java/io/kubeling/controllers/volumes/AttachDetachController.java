package io.kubeling.controllers.volumes;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.stereotype.Component;

import io.fabric8.kubernetes.api.model.AttachedVolume;
import io.fabric8.kubernetes.api.model.CSIPersistentVolumeSource;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.PersistentVolume;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.storage.VolumeAttachment;
import io.fabric8.kubernetes.api.model.storage.VolumeAttachmentSource;
import io.fabric8.kubernetes.api.model.storage.VolumeAttachmentSpec;
import io.fabric8.kubernetes.api.model.storage.VolumeAttachmentStatus;
import io.kubeling.controllers.Change;
import io.kubeling.controllers.ChangeFeed;
import io.kubeling.controllers.ControllerKit;
import io.kubeling.controllers.EventRecorder;
import io.kubeling.controllers.Managers;
import io.kubeling.controllers.QueuedController;
import io.kubeling.registry.StatusException;
import io.kubeling.registry.WriteOptions;

/**
 * kube's attach/detach controller for CSI volumes, with each driver's external-attacher simulated: a pod on a node
 * with a claim bound to a CSI volume gets the volume attached there (a VolumeAttachment {@code csi-<sha256>}, marked
 * attached, and {@code SuccessfulAttachVolume} on the pod), unless the driver's CSIDriver says it needs no attaching;
 * the Node's {@code status.volumesAttached} lists what is attached, which the kubelet waits for before it starts the
 * pod. Once no pod on that node uses a volume, it is detached (dropped from the Node's list, then its attachment
 * deleted) when the kubelet no longer reports it in {@code status.volumesInUse}, or after kube's six minutes of
 * waiting for that. One key per node: its wanted and its actual state.
 */
@Component
public class AttachDetachController extends QueuedController {

    static final String COMPONENT = "attachdetach-controller";
    /** Who this controller writes as. */
    static final WriteOptions WRITER = Managers.controller(COMPONENT);
    /** The key that has every node with pods or attachments synced, for changes that may concern any of them. */
    private static final String EVERY_NODE = "*";
    /** kube's maxWaitForUnmountDuration: how long a detach waits for the kubelet to stop using the volume. */
    static final Duration MAX_WAIT_FOR_UNMOUNT = Duration.ofMinutes(6);

    /** When each attachment no pod wants any more was first found still in use, by its name. */
    private final Map<String, Instant> detachRequested = new ConcurrentHashMap<>();

    public AttachDetachController(ControllerKit kit) {
        super(COMPONENT, kit);
    }

    @Override
    protected List<ChangeFeed.Subscription> subscribe() {
        return List.of(feed.subscribe(Pod.class, this::onPod),
                feed.subscribe(PersistentVolumeClaim.class, change -> queue.add(EVERY_NODE)),
                feed.subscribe(VolumeAttachment.class, this::onAttachment),
                feed.subscribe(Node.class, this::onNode));
    }

    @Override
    protected void queueExisting() {
        queue.add(EVERY_NODE);
    }

    private void queueAllNodes() {
        registry.store(Pod.class).peekAll().stream().map(p -> p.getSpec() == null ? null : p.getSpec().getNodeName())
                .filter(n -> n != null && !n.isEmpty()).distinct().forEach(queue::add);
        registry.store(VolumeAttachment.class).peekAll().forEach(va -> queue.add(va.getSpec().getNodeName()));
    }

    private void onPod(Change<Pod> change) {
        Pod pod = change.object();
        if (pod.getSpec() != null && pod.getSpec().getNodeName() != null && !Claims.of(pod).isEmpty()) {
            queue.add(pod.getSpec().getNodeName());
        }
    }

    private void onAttachment(Change<VolumeAttachment> change) {
        if (change.object().getSpec() != null && change.object().getSpec().getNodeName() != null) {
            queue.add(change.object().getSpec().getNodeName());
        }
    }

    /** A node's volumes in use changed: a detach may wait no longer. */
    private void onNode(Change<Node> change) {
        if (!change.deleted() && change.previous() != null
                && !volumesInUse(change.object()).equals(volumesInUse(change.previous()))) {
            queue.add(change.object().getMetadata().getName());
        }
    }

    private static Set<String> volumesInUse(Node node) {
        return node.getStatus() == null ? Set.of() : Set.copyOf(node.getStatus().getVolumesInUse());
    }

    /** One attachment the node should have: the volume, its driver and handle, and the pods that use it there. */
    private record Wanted(PersistentVolume pv, CSIPersistentVolumeSource csi, List<Pod> pods) {
    }

    @Override
    protected void sync(String node) {
        if (node.equals(EVERY_NODE)) {
            queueAllNodes();
            return;
        }
        Map<String, Wanted> wanted = new HashMap<>();
        for (Pod pod : registry.store(Pod.class).peekAll()) {
            if (!node.equals(pod.getSpec().getNodeName()) || !Claims.active(pod)) {
                continue;
            }
            for (String claimName : Claims.of(pod)) {
                PersistentVolume pv = CsiVolumes.boundTo(registry, pod.getMetadata().getNamespace(), claimName);
                if (pv == null || !CsiVolumes.attachRequired(registry, pv.getSpec().getCsi().getDriver())) {
                    continue;
                }
                String name = attachmentName(pv.getSpec().getCsi().getVolumeHandle(), pv.getSpec().getCsi().getDriver(),
                        node);
                wanted.computeIfAbsent(name, n -> new Wanted(pv, pv.getSpec().getCsi(), new java.util.ArrayList<>()))
                        .pods().add(pod);
            }
        }
        wanted.forEach((name, w) -> attach(name, node, w));
        Node current = nodeNamed(node);
        Set<String> inUse = current == null ? Set.of() : volumesInUse(current);
        Set<String> attached = new TreeSet<>();
        List<VolumeAttachment> detach = new ArrayList<>();
        for (VolumeAttachment va : registry.store(VolumeAttachment.class).peekAll()) {
            String name = va.getMetadata().getName();
            if (!node.equals(va.getSpec().getNodeName()) || va.getMetadata().getDeletionTimestamp() != null
                    || !name.startsWith("csi-")) {
                continue;
            }
            String unique = uniqueName(va);
            if (wanted.containsKey(name)) {
                detachRequested.remove(name);
            } else if (unique == null || !inUse.contains(unique) || waitedLongEnough(node, name)) {
                detach.add(va);
                continue;
            }
            if (unique != null && va.getStatus() != null && Boolean.TRUE.equals(va.getStatus().getAttached())) {
                attached.add(unique);
            }
        }
        // as kube's reconciler: the node stops reporting a volume as attached before it is detached
        reportAttached(current, attached);
        for (VolumeAttachment va : detach) {
            detachRequested.remove(va.getMetadata().getName());
            try {
                registry.store(VolumeAttachment.class).delete(null, va.getMetadata().getName(),
                        Managers.deleting(WRITER));
            } catch (StatusException e) {
                if (e.code() != 404) {
                    throw e;
                }
            }
        }
    }

    /** Whether a detach of a volume still in use has waited its time; if not, the node is synced again then. */
    private boolean waitedLongEnough(String node, String attachment) {
        Instant now = clock.instant();
        Instant since = detachRequested.computeIfAbsent(attachment, a -> now);
        Duration left = MAX_WAIT_FOR_UNMOUNT.minus(Duration.between(since, now));
        if (left.isNegative() || left.isZero()) {
            return true;
        }
        queue.addAfter(node, left);
        return false;
    }

    private Node nodeNamed(String node) {
        try {
            return registry.store(Node.class).peek(null, node);
        } catch (StatusException e) {
            if (e.code() == 404) {
                return null;
            }
            throw e;
        }
    }

    /** Writes the node's {@code status.volumesAttached} when it differs: each volume by its unique name, no path. */
    private void reportAttached(Node current, Set<String> attached) {
        if (current == null || names(current).equals(attached)) {
            return;
        }
        List<AttachedVolume> list = attached.stream().map(name -> new AttachedVolume("", name)).toList();
        try {
            registry.store(Node.class).update(null, current.getMetadata().getName(), "status", n -> {
                if (n.getStatus() == null) {
                    n.setStatus(new io.fabric8.kubernetes.api.model.NodeStatus());
                }
                n.getStatus().setVolumesAttached(new ArrayList<>(list));
                return n;
            }, WRITER);
        } catch (StatusException e) {
            if (e.code() != 404) {
                throw e;
            }
        }
    }

    private static Set<String> names(Node node) {
        Set<String> names = new TreeSet<>();
        if (node.getStatus() != null) {
            node.getStatus().getVolumesAttached().forEach(v -> names.add(v.getName()));
        }
        return names;
    }

    /** The unique name of an attachment's volume, from its PersistentVolume; null when that is gone. */
    private String uniqueName(VolumeAttachment va) {
        String pvName = va.getSpec().getSource() == null ? null : va.getSpec().getSource().getPersistentVolumeName();
        if (pvName == null) {
            return null;
        }
        try {
            PersistentVolume pv = registry.store(PersistentVolume.class).peek(null, pvName);
            CSIPersistentVolumeSource csi = pv.getSpec() == null ? null : pv.getSpec().getCsi();
            return csi == null ? null : CsiVolumes.uniqueName(csi.getDriver(), csi.getVolumeHandle());
        } catch (StatusException e) {
            if (e.code() == 404) {
                return null;
            }
            throw e;
        }
    }

    /** The VolumeAttachment, then its attached status as the driver's external-attacher reports it. */
    private void attach(String name, String node, Wanted w) {
        VolumeAttachment va;
        try {
            va = registry.store(VolumeAttachment.class).get(null, name);
        } catch (StatusException e) {
            if (e.code() != 404) {
                throw e;
            }
            VolumeAttachment created = new VolumeAttachment();
            ObjectMeta meta = new ObjectMeta();
            meta.setName(name);
            created.setMetadata(meta);
            VolumeAttachmentSource source = new VolumeAttachmentSource();
            source.setPersistentVolumeName(w.pv().getMetadata().getName());
            created.setSpec(new VolumeAttachmentSpec(w.csi().getDriver(), node, source));
            va = registry.store(VolumeAttachment.class).create(null, created, WRITER);
        }
        if (va.getStatus() != null && Boolean.TRUE.equals(va.getStatus().getAttached())) {
            return;
        }
        registry.store(VolumeAttachment.class).update(null, name, "status", v -> {
            VolumeAttachmentStatus status = new VolumeAttachmentStatus();
            status.setAttached(true);
            v.setStatus(status);
            return v;
        }, new io.kubeling.registry.WriteOptions(false, "csi-attacher"));
        String message = "AttachVolume.Attach succeeded for volume \"" + w.pv().getMetadata().getName() + "\" ";
        for (Pod pod : w.pods()) {
            events.record(EventRecorder.reference(pod), EventRecorder.NORMAL, "SuccessfulAttachVolume", message,
                    COMPONENT, null);
        }
    }

    /** kube's getAttachmentName: {@code csi-} and the SHA-256 of the volume handle, the driver and the node. */
    static String attachmentName(String handle, String driver, String node) {
        try {
            byte[] sum = MessageDigest.getInstance("SHA-256")
                    .digest((handle + driver + node).getBytes(StandardCharsets.UTF_8));
            return "csi-" + HexFormat.of().formatHex(sum);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
