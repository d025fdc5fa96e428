package io.kubeling.rbac;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeProjection;
import io.kubeling.registry.Admission;
import io.kubeling.registry.AdmissionRequest;
import io.kubeling.registry.Authorizer;
import io.kubeling.registry.Errors;
import io.kubeling.registry.StatusException;

/**
 * kube's NodeRestriction admission plugin (plugin/pkg/admission/noderestriction), on with the Node authorizer: a
 * kubelet creates only mirror pods bound to itself that reference nothing else, deletes and updates the status of
 * only the pods bound to it, writes only its own Node (not its taints) and its own Lease, and only the status of
 * claims; each refusal is kube's 403 and words. The label limits on a node's own Node are not checked.
 */
@Component
class NodeRestriction implements Admission {

    static final String MIRROR = "kubernetes.io/config.mirror";

    private final Supplier<Authorizer> authorizer;

    @Autowired
    NodeRestriction(ObjectProvider<Authorizer> authorizer) {
        this((Supplier<Authorizer>) () -> authorizer.getIfAvailable(() -> Authorizer.ALWAYS_ALLOW));
    }

    NodeRestriction(Supplier<Authorizer> authorizer) {
        this.authorizer = authorizer;
    }

    @Override
    public void validate(AdmissionRequest<?> request) {
        Optional<String> identity = NodeAuthorizer.nodeName(request.user());
        if (identity.isEmpty() || !(authorizer.get() instanceof RbacAuthorizer rbac) || !rbac.authorizesNodes()) {
            return;
        }
        String node = identity.get();
        if (node.isEmpty()) {
            throw forbidden(request, "could not determine node from user \"" + request.user().name() + "\"");
        }
        String group = request.resource().group();
        String resource = request.resource().plural();
        String sub = Objects.requireNonNullElse(request.subresource(), "");
        if (group.isEmpty() && resource.equals("pods")) {
            switch (sub) {
                case "" -> pod(node, request);
                case "status" -> podStatus(node, request);
                case "eviction" -> {
                }
                default -> throw forbidden(request, "unexpected pod subresource \"" + sub
                        + "\", only 'status' and 'eviction' are allowed");
            }
        } else if (group.isEmpty() && resource.equals("nodes")) {
            nodeObject(node, request);
        } else if (group.isEmpty() && resource.equals("persistentvolumeclaims")) {
            if (!sub.equals("status")) {
                throw forbidden(request, "may only update PVC status");
            }
        } else if (group.equals("coordination.k8s.io") && resource.equals("leases")) {
            if (!Objects.equals(request.namespace(), NodeAuthorizer.LEASE_NAMESPACE)) {
                throw forbidden(request, "can only access leases in the \"" + NodeAuthorizer.LEASE_NAMESPACE
                        + "\" system namespace");
            }
            if (!node.equals(request.name())) {
                throw forbidden(request, "can only access node lease with the same name as the requesting node");
            }
        } else if (group.equals("storage.k8s.io") && resource.equals("csinodes") && !node.equals(request.name())) {
            throw forbidden(request, "can only access CSINode with the same name as the requesting node");
        }
    }

    private static void pod(String node, AdmissionRequest<?> request) {
        switch (request.operation()) {
            case CREATE -> podCreate(node, request, (Pod) request.object());
            case DELETE -> {
                Pod existing = (Pod) request.oldObject();
                if (!node.equals(existing.getSpec().getNodeName())) {
                    throw forbidden(request, "node \"" + node
                            + "\" can only delete pods with spec.nodeName set to itself");
                }
            }
            default -> throw forbidden(request, "unexpected operation \"" + request.operation() + "\", node \""
                    + node + "\" can only create and delete mirror pods");
        }
    }

    private static void podCreate(String node, AdmissionRequest<?> request, Pod pod) {
        Map<String, String> annotations = pod.getMetadata().getAnnotations();
        if (annotations == null || !annotations.containsKey(MIRROR)) {
            throw forbidden(request, "pod does not have \"" + MIRROR + "\" annotation, node \"" + node
                    + "\" can only create mirror pods");
        }
        if (!node.equals(pod.getSpec().getNodeName())) {
            throw forbidden(request, "node \"" + node + "\" can only create pods with spec.nodeName set to itself");
        }
        var owners = PolicyRules.list(pod.getMetadata().getOwnerReferences());
        if (owners.size() > 1) {
            throw forbidden(request, "node \"" + node
                    + "\" can only create pods with a single owner reference set to itself");
        }
        if (owners.isEmpty()) {
            throw forbidden(request, "node \"" + node + "\" can only create pods with an owner reference set to itself");
        }
        OwnerReference owner = owners.get(0);
        if (!"v1".equals(owner.getApiVersion()) || !"Node".equals(owner.getKind()) || !node.equals(owner.getName())) {
            throw forbidden(request, "node \"" + node + "\" can only create pods with an owner reference set to itself");
        }
        if (!Boolean.TRUE.equals(owner.getController())) {
            throw forbidden(request, "node \"" + node
                    + "\" can only create pods with a controller owner reference set to itself");
        }
        if (Boolean.TRUE.equals(owner.getBlockOwnerDeletion())) {
            throw forbidden(request, "node \"" + node + "\" must not set blockOwnerDeletion on an owner reference");
        }
        String account = pod.getSpec().getServiceAccountName();
        if (account != null && !account.isEmpty()) {
            throw forbidden(request, "node \"" + node + "\" can not create pods that reference a service account");
        }
        if (!NodeGraph.names(pod, true).isEmpty()) {
            throw forbidden(request, "node \"" + node + "\" can not create pods that reference secrets");
        }
        if (!NodeGraph.names(pod, false).isEmpty()) {
            throw forbidden(request, "node \"" + node + "\" can not create pods that reference configmaps");
        }
        for (Volume v : PolicyRules.list(pod.getSpec().getVolumes())) {
            if (v.getProjected() != null) {
                for (VolumeProjection p : PolicyRules.list(v.getProjected().getSources())) {
                    if (p.getClusterTrustBundle() != null) {
                        throw forbidden(request, "node \"" + node
                                + "\" can not create pods that reference clustertrustbundles");
                    }
                }
            }
        }
        for (Volume v : PolicyRules.list(pod.getSpec().getVolumes())) {
            if (v.getPersistentVolumeClaim() != null) {
                throw forbidden(request, "node \"" + node
                        + "\" can not create pods that reference persistentvolumeclaims");
            }
        }
    }

    private static void podStatus(String node, AdmissionRequest<?> request) {
        if (request.operation() != Operation.UPDATE) {
            throw forbidden(request, "unexpected operation \"" + request.operation() + "\"");
        }
        Pod old = (Pod) request.oldObject();
        if (!node.equals(old.getSpec().getNodeName())) {
            throw forbidden(request, "node \"" + node
                    + "\" can only update pod status for pods with spec.nodeName set to itself");
        }
        Pod updated = (Pod) request.object();
        if (!Objects.equals(labels(old), labels(updated))) {
            throw forbidden(request, "node \"" + node + "\" cannot update labels through pod status");
        }
    }

    private static Map<String, String> labels(HasMetadata object) {
        Map<String, String> labels = object.getMetadata().getLabels();
        return labels == null ? Map.of() : labels;
    }

    private static void nodeObject(String node, AdmissionRequest<?> request) {
        String requested = request.name();
        if (!node.equals(requested)) {
            throw forbidden(request, "node \"" + node + "\" is not allowed to modify node \"" + requested + "\"");
        }
        if (request.operation() == Operation.CREATE) {
            Node created = (Node) request.object();
            if (created.getSpec() != null && created.getSpec().getConfigSource() != null) {
                throw forbidden(request, "node \"" + node
                        + "\" is not allowed to create pods with a non-nil configSource");
            }
        } else if (request.operation() == Operation.UPDATE) {
            Node updated = (Node) request.object();
            Node old = (Node) request.oldObject();
            if (!Objects.equals(taints(updated), taints(old))) {
                throw forbidden(request, "node \"" + node + "\" is not allowed to modify taints");
            }
        }
    }

    private static java.util.List<io.fabric8.kubernetes.api.model.Taint> taints(Node node) {
        return node.getSpec() == null ? java.util.List.of() : PolicyRules.list(node.getSpec().getTaints());
    }

    /** admission.NewForbidden: the object's 403 with the plugin's reason. */
    private static StatusException forbidden(AdmissionRequest<?> request, String why) {
        return Errors.forbidden(request.resource().groupResource(), request.name(), why);
    }
}
