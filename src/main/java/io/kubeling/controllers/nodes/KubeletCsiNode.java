package io.kubeling.controllers.nodes;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.storage.CSINode;
import io.fabric8.kubernetes.api.model.storage.CSINodeSpec;
import io.kubeling.controllers.Managers;
import io.kubeling.registry.Registry;
import io.kubeling.registry.ResourceStore;
import io.kubeling.registry.StatusException;

/**
 * The CSINode a kubelet's CSI plugin makes for its node as it starts (kube's nodeinfomanager): named after the
 * node, owned by it, with no drivers, and the in-tree plugins whose volumes a 1.32 kubelet hands to CSI drivers in
 * {@code storage.alpha.kubernetes.io/migrated-plugins}.
 */
final class KubeletCsiNode {

    static final String MIGRATED_PLUGINS = "storage.alpha.kubernetes.io/migrated-plugins";
    /** kube 1.32's migrated plugins, Portworx's gate on by default, in the sorted order kube joins them. */
    static final String MIGRATED = "kubernetes.io/aws-ebs,kubernetes.io/azure-disk,kubernetes.io/azure-file,"
            + "kubernetes.io/cinder,kubernetes.io/gce-pd,kubernetes.io/portworx-volume,kubernetes.io/vsphere-volume";

    private KubeletCsiNode() {
    }

    /** Creates the node's CSINode if it has none, or sets its annotation back, as the kubelet does on start. */
    static void ensure(Registry registry, Node node) {
        String name = node.getMetadata().getName();
        ResourceStore<CSINode> csiNodes = registry.store(CSINode.class);
        CSINode current;
        try {
            current = csiNodes.peek(null, name);
        } catch (StatusException e) {
            if (e.code() != 404) {
                throw e;
            }
            csiNodes.create(null, created(node), Managers.kubelet(name));
            return;
        }
        Map<String, String> annotations = current.getMetadata().getAnnotations();
        boolean annotated = annotations != null && MIGRATED.equals(annotations.get(MIGRATED_PLUGINS));
        // a Node registered again has a new uid: the CSINode follows it rather than be collected with the old one
        boolean owned = current.getMetadata().getOwnerReferences().stream()
                .anyMatch(o -> node.getMetadata().getUid().equals(o.getUid()));
        if (annotated && owned) {
            return;
        }
        try {
            update(csiNodes, node, owned);
        } catch (StatusException e) {
            if (e.code() != 404) {
                throw e;
            }
            // collected meanwhile with the Node it belonged to
            csiNodes.create(null, created(node), Managers.kubelet(name));
        }
    }

    private static void update(ResourceStore<CSINode> csiNodes, Node node, boolean owned) {
        csiNodes.update(null, node.getMetadata().getName(), null, c -> {
            Map<String, String> next = c.getMetadata().getAnnotations() == null ? new HashMap<>()
                    : new HashMap<>(c.getMetadata().getAnnotations());
            next.put(MIGRATED_PLUGINS, MIGRATED);
            c.getMetadata().setAnnotations(next);
            if (!owned) {
                c.getMetadata().setOwnerReferences(new ArrayList<>(List.of(owner(node))));
            }
            return c;
        }, Managers.kubelet(node.getMetadata().getName()));
    }

    private static CSINode created(Node node) {
        ObjectMeta meta = new ObjectMeta();
        meta.setName(node.getMetadata().getName());
        meta.setAnnotations(new HashMap<>(Map.of(MIGRATED_PLUGINS, MIGRATED)));
        meta.setOwnerReferences(new ArrayList<>(List.of(owner(node))));
        CSINode csiNode = new CSINode();
        csiNode.setMetadata(meta);
        CSINodeSpec spec = new CSINodeSpec();
        spec.setDrivers(new ArrayList<>());
        csiNode.setSpec(spec);
        return csiNode;
    }

    private static OwnerReference owner(Node node) {
        OwnerReference owner = new OwnerReference();
        owner.setApiVersion("v1");
        owner.setKind("Node");
        owner.setName(node.getMetadata().getName());
        owner.setUid(node.getMetadata().getUid());
        return owner;
    }
}
