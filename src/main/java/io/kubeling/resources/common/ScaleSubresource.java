package io.kubeling.resources.common;

import java.util.List;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.autoscaling.v1.Scale;
import io.fabric8.kubernetes.api.model.autoscaling.v1.ScaleSpec;
import io.fabric8.kubernetes.api.model.autoscaling.v1.ScaleStatus;
import io.kubeling.registry.GroupResource;
import io.kubeling.registry.ObjectCodec;
import io.kubeling.registry.SubresourceCall;
import io.kubeling.registry.SubresourceEndpoint;

/**
 * What every {@code scale} subresource shares, built-in or custom: it is served as an autoscaling/v1 Scale
 * with get, patch and update, read from a body and answered with the object's identity.
 */
public abstract class ScaleSubresource implements SubresourceEndpoint {

    private final GroupResource resource;
    private final ObjectCodec codec;

    protected ScaleSubresource(GroupResource resource, ObjectCodec codec) {
        this.resource = resource;
        this.codec = codec;
    }

    @Override
    public final GroupResource resource() {
        return resource;
    }

    @Override
    public final String subresource() {
        return "scale";
    }

    @Override
    public final KindRef kind() {
        return new KindRef("autoscaling", "v1", "Scale");
    }

    @Override
    public final List<String> verbs() {
        return List.of("get", "patch", "update");
    }

    /** The Scale a write sends; an empty body asks for 0 replicas, as kube decodes it. */
    protected final Scale requested(SubresourceCall call) {
        return call.body() == null ? new Scale() : codec.decodeBody(call.body(), Scale.class, "Scale", "v1");
    }

    protected static int replicas(Scale scale) {
        return scale.getSpec() == null || scale.getSpec().getReplicas() == null ? 0 : scale.getSpec().getReplicas();
    }

    /** The resourceVersion a Scale names, which the write must match, or null for none. */
    protected static String resourceVersion(Scale scale) {
        String rv = scale.getMetadata() == null ? null : scale.getMetadata().getResourceVersion();
        return rv == null || rv.isEmpty() ? null : rv;
    }

    /** The Scale of {@code object}: its identity, and the replicas and selector it reports. */
    protected static Scale scaleOf(HasMetadata object, Integer specReplicas, int statusReplicas, String selector) {
        Scale scale = new Scale();
        scale.setApiVersion("autoscaling/v1");
        scale.setKind("Scale");
        ObjectMeta meta = new ObjectMeta();
        meta.setName(object.getMetadata().getName());
        meta.setNamespace(object.getMetadata().getNamespace());
        meta.setUid(object.getMetadata().getUid());
        meta.setResourceVersion(object.getMetadata().getResourceVersion());
        meta.setCreationTimestamp(object.getMetadata().getCreationTimestamp());
        scale.setMetadata(meta);
        scale.setSpec(new ScaleSpec(specReplicas));
        scale.setStatus(new ScaleStatus(statusReplicas, selector));
        return scale;
    }
}
