package io.kubeling.resources.common;

import java.util.ArrayList;
import java.util.List;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.autoscaling.v1.Scale;
import io.kubeling.registry.Errors;
import io.kubeling.registry.GroupResource;
import io.kubeling.registry.ObjectCodec;
import io.kubeling.registry.Registry;
import io.kubeling.registry.ResourceStore;
import io.kubeling.registry.SubresourceCall;
import io.kubeling.registry.SubresourceReply;
import io.kubeling.registry.validation.FieldError;

/**
 * The {@code scale} subresource of a resource with replicas, as kube's ScaleREST: an autoscaling/v1
 * Scale read from the object, and written back as a change of its {@code spec.replicas} through the
 * object's own rules (a Scale naming a resourceVersion must name the object's current one).
 */
public abstract class ReplicasScale<T extends HasMetadata> extends ScaleSubresource {

    private final Registry registry;
    private final Class<T> type;

    protected ReplicasScale(Registry registry, ObjectCodec codec, Class<T> type, GroupResource resource) {
        super(resource, codec);
        this.registry = registry;
        this.type = type;
    }

    protected abstract Integer replicas(T object);

    protected abstract void setReplicas(T object, int replicas);

    protected abstract LabelSelector selector(T object);

    protected abstract Integer statusReplicas(T object);

    @Override
    public SubresourceReply get(SubresourceCall call) {
        return SubresourceReply.ok(scaleOf(store().get(call.namespace(), call.name())));
    }

    @Override
    public SubresourceReply update(SubresourceCall call) {
        Scale scale = requested(call);
        ResourceStore<T> store = store();
        T current = store.get(call.namespace(), call.name());
        int replicas = replicas(scale);
        List<FieldError> errs = new ArrayList<>();
        if (replicas < 0) {
            errs.add(FieldError.invalid("spec.replicas", (long) replicas, "must be greater than or equal to 0"));
        }
        if (!errs.isEmpty()) {
            throw Errors.invalid("Scale.autoscaling", "Scale", "autoscaling", call.name(), errs);
        }
        String version = resourceVersion(scale);
        T updated = store.update(call.namespace(), call.name(), null, object -> {
            setReplicas(object, replicas);
            object.getMetadata().setResourceVersion(version);
            return object;
        }, call.options()).object();
        return SubresourceReply.ok(scaleOf(updated == null ? current : updated));
    }

    private Scale scaleOf(T object) {
        Integer status = statusReplicas(object);
        return scaleOf(object, replicas(object), status == null ? 0 : status,
                SelectorText.rendered(selector(object)).orElse(""));
    }

    private ResourceStore<T> store() {
        return registry.store(type);
    }
}
