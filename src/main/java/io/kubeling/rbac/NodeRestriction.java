package io.kubeling.rbac;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.Supplier;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;
import org.springframework.util.function.SingletonSupplier;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodResourceClaimStatus;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeProjection;
import io.kubeling.registry.Admission;
import io.kubeling.registry.AdmissionRequest;
import io.kubeling.registry.Authorizer;
import io.kubeling.registry.Errors;
import io.kubeling.registry.GroupResource;
import io.kubeling.registry.KubeletLabels;
import io.kubeling.registry.Registry;
import io.kubeling.registry.StatusException;
import io.kubeling.registry.SubresourceCall;
import tools.jackson.databind.JsonNode;

/**
 * kube's NodeRestriction admission plugin (plugin/pkg/admission/noderestriction), on with the Node authorizer: a
 * kubelet creates only mirror pods bound to itself that reference nothing else, deletes and updates the status of
 * only the pods bound to it, writes only its own Node (not its taints) and its own Lease, and only the status of
 * claims, and sets on its Node only the labels a kubelet may set itself; each refusal is kube's 403 and words.
 */
@Component
class NodeRestriction implements Admission {

    static final String MIRROR = "kubernetes.io/config.mirror";


    private final Supplier<Authorizer> authorizer;
    /** The registry, to read a mirror pod's node (its owner by uid too) and an evicted or token-bound pod. */
    private final Supplier<Registry> registry;

    @Autowired
    NodeRestriction(ObjectProvider<Authorizer> authorizer, ObjectProvider<Registry> registry) {
        // found when first needed and kept: a bean lookup for every write a kubelet makes cost more than the check
        this(authorizer(SingletonSupplier.of(authorizer::getIfAvailable)), SingletonSupplier.of(registry::getObject));
    }

    private static Supplier<Authorizer> authorizer(SingletonSupplier<Authorizer> found) {
        return () -> {
            Authorizer bean = found.get();
            return bean == null ? Authorizer.ALWAYS_ALLOW : bean;
        };
    }

    NodeRestriction(Supplier<Authorizer> authorizer, Supplier<Registry> registry) {
        this.authorizer = authorizer;
        this.registry = registry;
    }

    /** The node a kubelet's user names, when the Node authorizer is on: empty for every other user. */
    private Optional<String> restricted(io.kubeling.registry.UserInfo user) {
        Optional<String> identity = NodeAuthorizer.nodeName(user);
        if (identity.isEmpty() || !(authorizer.get() instanceof RbacAuthorizer rbac) || !rbac.authorizesNodes()) {
            return Optional.empty();
        }
        return identity;
    }

    @Override
    public void validate(AdmissionRequest<?> request) {
        Optional<String> identity = restricted(request.user());
        if (identity.isEmpty()) {
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
                case "" -> pod(node, request, name -> registry.get().store(Node.class).peek(null, name));
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
            if (request.operation() == Operation.UPDATE) {
                claimStatus(node, request);
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

    private static void pod(String node, AdmissionRequest<?> request, Function<String, Node> nodes) {
        switch (request.operation()) {
            case CREATE -> podCreate(node, request, (Pod) request.object(), nodes);
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

    private static void podCreate(String node, AdmissionRequest<?> request, Pod pod, Function<String, Node> nodes) {
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
        Node self = nodes.apply(node);
        if (self == null) {
            throw Errors.notFound(new io.kubeling.registry.GroupResource("", "nodes"), node);
        }
        if (!Objects.equals(owner.getUid(), self.getMetadata().getUid())) {
            // kube's words, the owner's uid called the expected one
            throw forbidden(request, "node " + node + " UID mismatch: expected " + owner.getUid() + " got "
                    + self.getMetadata().getUid());
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
        if (!sameClaimStatuses(claimStatuses(old), claimStatuses(updated))) {
            throw forbidden(request, "node \"" + node + "\" cannot update resource claim statues");
        }
    }

    private static List<PodResourceClaimStatus> claimStatuses(Pod pod) {
        return pod.getStatus() == null ? List.of() : PolicyRules.list(pod.getStatus().getResourceClaimStatuses());
    }

    /** resourceClaimStatusesEqual: the same claims, in order, under the same names. */
    private static boolean sameClaimStatuses(List<PodResourceClaimStatus> a, List<PodResourceClaimStatus> b) {
        if (a.size() != b.size()) {
            return false;
        }
        for (int i = 0; i < a.size(); i++) {
            if (!Objects.equals(a.get(i).getName(), b.get(i).getName())
                    || !Objects.equals(a.get(i).getResourceClaimName(), b.get(i).getResourceClaimName())) {
                return false;
            }
        }
        return true;
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
            Set<String> forbidden = forbiddenLabels(modifiedLabels(labels(created), Map.of()));
            if (!forbidden.isEmpty()) {
                throw forbidden(request, "node \"" + node + "\" is not allowed to set the following labels: "
                        + String.join(", ", forbidden));
            }
        } else if (request.operation() == Operation.UPDATE) {
            Node updated = (Node) request.object();
            Node old = (Node) request.oldObject();
            var source = updated.getSpec() == null ? null : updated.getSpec().getConfigSource();
            if (source != null && !source.equals(old.getSpec() == null ? null : old.getSpec().getConfigSource())) {
                throw forbidden(request, "node \"" + node
                        + "\" is not allowed to update configSource to a new non-nil configSource");
            }
            if (!Objects.equals(taints(updated), taints(old))) {
                throw forbidden(request, "node \"" + node + "\" is not allowed to modify taints");
            }
            Set<String> forbidden = forbiddenLabels(modifiedLabels(labels(updated), labels(old)));
            if (!forbidden.isEmpty()) {
                // kube's words, without the node's name
                throw forbidden(request, "is not allowed to modify labels: " + String.join(", ", forbidden));
            }
        }
    }

    /** getModifiedLabels: the keys added, removed or changed, sorted as kube's set lists them. */
    private static Set<String> modifiedLabels(Map<String, String> now, Map<String, String> before) {
        Set<String> modified = new TreeSet<>();
        now.forEach((k, v) -> {
            if (!v.equals(before.get(k))) {
                modified.add(k);
            }
        });
        before.forEach((k, v) -> {
            if (!v.equals(now.get(k))) {
                modified.add(k);
            }
        });
        return modified;
    }

    /** getForbiddenLabels: node-restriction.kubernetes.io labels, and kubernetes.io or k8s.io ones not kubelet's. */
    static Set<String> forbiddenLabels(Set<String> modified) {
        Set<String> forbidden = new TreeSet<>();
        for (String label : modified) {
            if (!KubeletLabels.settable(label)) {
                forbidden.add(label);
            }
        }
        return forbidden;
    }

    private static java.util.List<io.fabric8.kubernetes.api.model.Taint> taints(Node node) {
        return node.getSpec() == null ? java.util.List.of() : PolicyRules.list(node.getSpec().getTaints());
    }

    /**
     * admitPodEviction and admitServiceAccount: a kubelet evicts only the pods bound to itself, and asks only for
     * tokens bound to a pod of its own, named by uid.
     */
    @Override
    public void validateSubresource(GroupResource resource, String subresource, SubresourceCall call) {
        Optional<String> identity = call.options() == null ? Optional.empty() : restricted(call.options().user());
        if (identity.isEmpty()) {
            return;
        }
        String node = identity.get();
        if (node.isEmpty()) {
            throw Errors.forbidden(resource, call.name(), "could not determine node from user \""
                    + call.options().user().name() + "\"");
        }
        if (resource.group().isEmpty() && resource.resource().equals("pods") && subresource.equals("eviction")) {
            Pod pod = registry.get().store(Pod.class).get(call.namespace(), call.name());
            if (!node.equals(pod.getSpec().getNodeName())) {
                throw Errors.forbidden(resource, call.name(), "node " + node
                        + " can only evict pods with spec.nodeName set to itself");
            }
        } else if (resource.group().isEmpty() && resource.resource().equals("serviceaccounts")
                && subresource.equals("token")) {
            tokenRequest(node, resource, call);
        }
    }

    private void tokenRequest(String node, GroupResource resource, SubresourceCall call) {
        JsonNode ref = call.body() == null ? null : call.body().path("spec").path("boundObjectRef");
        String name = ref == null ? "" : ref.path("name").asString("");
        if (ref == null || !"v1".equals(ref.path("apiVersion").asString("")) || !"Pod".equals(ref.path("kind")
                .asString("")) || name.isEmpty()) {
            throw Errors.forbidden(resource, call.name(), "node requested token not bound to a pod");
        }
        String uid = ref.path("uid").asString("");
        if (uid.isEmpty()) {
            throw Errors.forbidden(resource, call.name(), "node requested token with a pod binding without a uid");
        }
        Pod pod = registry.get().store(Pod.class).get(call.namespace(), name);
        if (!uid.equals(pod.getMetadata().getUid())) {
            throw Errors.forbidden(resource, call.name(), "the UID in the bound object reference (" + uid
                    + ") does not match the UID in record. The object might have been deleted and then recreated");
        }
        if (!node.equals(pod.getSpec().getNodeName())) {
            throw Errors.forbidden(resource, call.name(),
                    "node requested token bound to a pod scheduled on a different node");
        }
    }

    /**
     * admitPVCStatus: a kubelet changes a claim's status capacity and conditions only (resizing a volume), nothing
     * of its metadata, spec or the rest of its status. kube's message ends with a Go diff of the two claims; this
     * one names the parts that differ.
     */
    private static void claimStatus(String node, AdmissionRequest<?> request) {
        PersistentVolumeClaim before = beyondResize((PersistentVolumeClaim) request.oldObject());
        PersistentVolumeClaim after = beyondResize((PersistentVolumeClaim) request.object());
        List<String> changed = new java.util.ArrayList<>();
        if (!Objects.equals(before.getMetadata(), after.getMetadata())) {
            changed.add("metadata");
        }
        if (!Objects.equals(before.getSpec(), after.getSpec())) {
            changed.add("spec");
        }
        if (!Objects.equals(before.getStatus(), after.getStatus())) {
            changed.add("status");
        }
        if (!changed.isEmpty()) {
            throw forbidden(request, "node \"" + node + "\" is not allowed to update fields other than "
                    + "status.capacity and status.conditions: " + String.join(", ", changed) + " differ");
        }
    }

    /** A copy without what a kubelet may change, and what the server keeps (resourceVersion, managed fields). */
    private static PersistentVolumeClaim beyondResize(PersistentVolumeClaim claim) {
        PersistentVolumeClaim copy = new io.fabric8.kubernetes.api.model.PersistentVolumeClaimBuilder(claim).build();
        copy.getMetadata().setResourceVersion(null);
        copy.getMetadata().setManagedFields(null);
        if (copy.getStatus() != null) {
            copy.getStatus().setCapacity(null);
            copy.getStatus().setConditions(null);
            // RecoverVolumeExpansionFailure, on by default since 1.32
            copy.getStatus().setAllocatedResources(null);
            copy.getStatus().setAllocatedResourceStatuses(null);
        }
        return copy;
    }

    /** admission.NewForbidden: the object's 403 with the plugin's reason. */
    private static StatusException forbidden(AdmissionRequest<?> request, String why) {
        return Errors.forbidden(request.resource().groupResource(), request.name(), why);
    }
}
