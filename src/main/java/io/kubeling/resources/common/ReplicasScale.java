package io.kubeling.resources.common;

import java.util.ArrayList;
import java.util.List;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.autoscaling.v1.Scale;
import io.fabric8.kubernetes.api.model.autoscaling.v1.ScaleSpec;
import io.fabric8.kubernetes.api.model.autoscaling.v1.ScaleStatus;
import io.kubeling.registry.Errors;
import io.kubeling.registry.GroupResource;
import io.kubeling.registry.ObjectCodec;
import io.kubeling.registry.Registry;
import io.kubeling.registry.ResourceStore;
import io.kubeling.registry.SubresourceCall;
import io.kubeling.registry.SubresourceEndpoint;
import io.kubeling.registry.SubresourceReply;
import io.kubeling.registry.validation.FieldError;

/**
 * The {@code scale} subresource of a resource with replicas, as kube's ScaleREST: an autoscaling/v1
 * Scale read from the object, and written back as a change of its {@code spec.replicas} through the
 * object's own rules (a Scale naming a resourceVersion must name the object's current one).
 */
public abstract class ReplicasScale<T extends HasMetadata> implements SubresourceEndpoint {

    private final Registry registry;
    private final ObjectCodec codec;
    private final Class<T> type;
    private final GroupResource resource;

    protected ReplicasScale(Registry registry, ObjectCodec codec, Class<T> type, GroupResource resource) {
        this.registry = registry;
        this.codec = codec;
        this.type = type;
        this.resource = resource;
    }

    protected abstract Integer replicas(T object);

    protected abstract void setReplicas(T object, int replicas);

    protected abstract LabelSelector selector(T object);

    protected abstract Integer statusReplicas(T object);

    @Override
    public GroupResource resource() {
        return resource;
    }

    @Override
    public String subresource() {
        return "scale";
    }

    @Override
    public KindRef kind() {
        return new KindRef("autoscaling", "v1", "Scale");
    }

    @Override
    public List<String> verbs() {
        return List.of("get", "patch", "update");
    }

    @Override
    public SubresourceReply get(SubresourceCall call) {
        return SubresourceReply.ok(scaleOf(store().get(call.namespace(), call.name())));
    }

    @Override
    public SubresourceReply update(SubresourceCall call) {
        Scale scale = call.body() == null ? new Scale() : codec.decodeBody(call.body(), Scale.class, "Scale", "v1");
        ResourceStore<T> store = store();
        T current = store.get(call.namespace(), call.name());
        int replicas = scale.getSpec() == null || scale.getSpec().getReplicas() == null ? 0
                : scale.getSpec().getReplicas();
        List<FieldError> errs = new ArrayList<>();
        if (replicas < 0) {
            errs.add(FieldError.invalid("spec.replicas", (long) replicas, "must be greater than or equal to 0"));
        }
        if (!errs.isEmpty()) {
            throw Errors.invalid("Scale.autoscaling", "Scale", "autoscaling", call.name(), errs);
        }
        String version = scale.getMetadata() == null ? null : scale.getMetadata().getResourceVersion();
        T updated = store.update(call.namespace(), call.name(), null, object -> {
            setReplicas(object, replicas);
            object.getMetadata().setResourceVersion(version == null || version.isEmpty() ? null : version);
            return object;
        }, call.options()).object();
        return SubresourceReply.ok(scaleOf(updated == null ? current : updated));
    }

    private Scale scaleOf(T object) {
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
        scale.setSpec(new ScaleSpec(replicas(object)));
        Integer status = statusReplicas(object);
        scale.setStatus(new ScaleStatus(status == null ? 0 : status,
                SelectorText.rendered(selector(object)).orElse("")));
        return scale;
    }

    private ResourceStore<T> store() {
        return registry.store(type);
    }
}
