package io.kubeling.controllers.volumes;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import org.springframework.stereotype.Component;

import io.fabric8.kubernetes.api.model.CSIPersistentVolumeSource;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.PersistentVolume;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.storage.CSIDriver;
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
 * once no pod on that node uses it, the attachment is deleted. One key per node: its wanted and its actual state.
 */
@Component
public class AttachDetachController extends QueuedController {

    static final String COMPONENT = "attachdetach-controller";
    /** Who this controller writes as. */
    static final WriteOptions WRITER = Managers.controller(COMPONENT);
    /** The key that has every node with pods or attachments synced, for changes that may concern any of them. */
    private static final String EVERY_NODE = "*";

    public AttachDetachController(ControllerKit kit) {
        super(COMPONENT, kit);
    }

    @Override
    protected List<ChangeFeed.Subscription> subscribe() {
        return List.of(feed.subscribe(Pod.class, this::onPod),
                feed.subscribe(PersistentVolumeClaim.class, change -> queue.add(EVERY_NODE)),
                feed.subscribe(VolumeAttachment.class, this::onAttachment));
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
                PersistentVolume pv = csiVolume(pod.getMetadata().getNamespace(), claimName);
                if (pv == null || !attachRequired(pv.getSpec().getCsi().getDriver())) {
                    continue;
                }
                String name = attachmentName(pv.getSpec().getCsi().getVolumeHandle(), pv.getSpec().getCsi().getDriver(),
                        node);
                wanted.computeIfAbsent(name, n -> new Wanted(pv, pv.getSpec().getCsi(), new java.util.ArrayList<>()))
                        .pods().add(pod);
            }
        }
        wanted.forEach((name, w) -> attach(name, node, w));
        for (VolumeAttachment va : registry.store(VolumeAttachment.class).peekAll()) {
            if (node.equals(va.getSpec().getNodeName()) && !wanted.containsKey(va.getMetadata().getName())
                    && va.getMetadata().getDeletionTimestamp() == null && va.getMetadata().getName().startsWith("csi-")) {
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

    /** The bound volume of the claim when it is a CSI one, else null. */
    private PersistentVolume csiVolume(String namespace, String claimName) {
        try {
            PersistentVolumeClaim pvc = registry.store(PersistentVolumeClaim.class).peek(namespace, claimName);
            if (!Claims.bound(pvc)) {
                return null;
            }
            PersistentVolume pv = registry.store(PersistentVolume.class).peek(null, pvc.getSpec().getVolumeName());
            return pv.getSpec() != null && pv.getSpec().getCsi() != null ? pv : null;
        } catch (StatusException e) {
            if (e.code() == 404) {
                return null;
            }
            throw e;
        }
    }

    /** As kube's CSI plugin: attaching is needed unless the driver's CSIDriver says {@code attachRequired: false}. */
    private boolean attachRequired(String driver) {
        try {
            CSIDriver csiDriver = registry.store(CSIDriver.class).peek(null, driver);
            return csiDriver.getSpec() == null || !Boolean.FALSE.equals(csiDriver.getSpec().getAttachRequired());
        } catch (StatusException e) {
            if (e.code() == 404) {
                return true;
            }
            throw e;
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
