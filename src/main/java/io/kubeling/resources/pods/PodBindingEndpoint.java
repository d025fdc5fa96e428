package io.kubeling.resources.pods;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.stereotype.Component;

import io.fabric8.kubernetes.api.model.Binding;
import io.fabric8.kubernetes.api.model.ObjectReference;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodStatus;
import io.kubeling.registry.Errors;
import io.kubeling.registry.GroupResource;
import io.kubeling.registry.ObjectCodec;
import io.kubeling.registry.Registry;
import io.kubeling.registry.ShallowCopy;
import io.kubeling.registry.StatusException;
import io.kubeling.registry.SubresourceCall;
import io.kubeling.registry.SubresourceEndpoint;
import io.kubeling.registry.SubresourceReply;
import io.kubeling.registry.WriteOptions;
import io.kubeling.registry.validation.FieldError;

/**
 * {@code POST pods/{name}/binding}, as kube's BindingREST: assigns an unbound pod to a node,
 * copies the binding's annotations, marks it PodScheduled, and answers 201 with a Success Status.
 */
@Component
class PodBindingEndpoint implements SubresourceEndpoint {

    private static final GroupResource PODS = new GroupResource("", "pods");
    private static final GroupResource BINDING = new GroupResource("", "pods/binding");

    private final Registry registry;
    private final ObjectCodec codec;
    private final Clock clock;

    PodBindingEndpoint(Registry registry, ObjectCodec codec, Clock clock) {
        this.registry = registry;
        this.codec = codec;
        this.clock = clock;
    }

    @Override
    public GroupResource resource() {
        return PODS;
    }

    @Override
    public String subresource() {
        return "binding";
    }

    @Override
    public KindRef kind() {
        return new KindRef("", "v1", "Binding");
    }

    @Override
    public List<String> verbs() {
        return List.of("create");
    }

    @Override
    public SubresourceReply create(SubresourceCall call) {
        Binding binding = codec.decodeBody(call.body(), Binding.class, "Binding", "v1");
        String name = call.bodyName(binding.getMetadata(), "Binding");
        bind(call.namespace(), name, binding, call.options());
        return SubresourceReply.created(PodSubresourceReplies.success(201));
    }

    /** BindingREST's Create once the name is known, shared with the top-level {@code bindings} resource. */
    void bind(String namespace, String name, Binding binding, WriteOptions options) {
        String given = binding.getMetadata().getNamespace();
        if (given != null && !given.isEmpty() && !given.equals(namespace)) {
            throw Errors.badRequest("the namespace of the provided object does not match the namespace sent on the request");
        }
        ObjectReference target = binding.getTarget() == null ? new ObjectReference() : binding.getTarget();
        String node = target.getName();
        if (target.getKind() != null && !target.getKind().isEmpty() && !target.getKind().equals("Node")) {
            throw invalid(name, FieldError.notSupported("target.kind", target.getKind(), List.of("Node", "<empty>")));
        }
        if (node == null || node.isEmpty()) {
            throw invalid(name, FieldError.required("target.name", ""));
        }
        String uid = binding.getMetadata().getUid();
        String resourceVersion = binding.getMetadata().getResourceVersion();
        Map<String, String> annotations = binding.getMetadata().getAnnotations();
        registry.store(Pod.class).updateUnder(namespace, name, PodBindingStrategy.INSTANCE, pod -> {
            if (uid != null && !uid.isEmpty() && !uid.equals(pod.getMetadata().getUid())) {
                throw conflict(name, "Precondition failed: UID in precondition: " + uid + ", UID in object meta: "
                        + pod.getMetadata().getUid());
            }
            if (resourceVersion != null && !resourceVersion.isEmpty()
                    && !resourceVersion.equals(pod.getMetadata().getResourceVersion())) {
                throw Errors.staleResourceVersion(PODS, name);
            }
            if (pod.getMetadata().getDeletionTimestamp() != null) {
                throw conflict(name, "pod " + name + " is being deleted, cannot be assigned to a host");
            }
            String current = pod.getSpec().getNodeName();
            if (current != null && !current.isEmpty()) {
                throw conflict(name, "pod " + name + " is already assigned to node \"" + current + "\"");
            }
            if (pod.getSpec().getSchedulingGates() != null && !pod.getSpec().getSchedulingGates().isEmpty()) {
                throw conflict(name, "pod " + name + " has non-empty .spec.schedulingGates");
            }
            // the pod is a shallow copy of the stored one: parts are replaced, not edited
            PodSpec spec = ShallowCopy.of(pod.getSpec());
            spec.setNodeName(node);
            pod.setSpec(spec);
            if (annotations != null && !annotations.isEmpty()) {
                Map<String, String> merged = pod.getMetadata().getAnnotations() == null ? new LinkedHashMap<>()
                        : new LinkedHashMap<>(pod.getMetadata().getAnnotations());
                merged.putAll(annotations);
                pod.getMetadata().setAnnotations(merged);
            }
            PodStatus status = pod.getStatus() == null ? new PodStatus() : ShallowCopy.of(pod.getStatus());
            PodConditions.update(status, PodConditions.of("PodScheduled", "True", null, null), clock.instant());
            pod.setStatus(status);
            // the binding writes regardless of the version the pod was read at
            pod.getMetadata().setResourceVersion(null);
            return pod;
        }, options);
    }

    private static StatusException conflict(String name, String why) {
        return Errors.conflict(BINDING, name, why);
    }

    private static StatusException invalid(String name, FieldError error) {
        return Errors.invalid("Binding", "Binding", "", name, List.of(error));
    }
}
