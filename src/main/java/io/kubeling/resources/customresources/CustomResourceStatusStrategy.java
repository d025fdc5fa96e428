package io.kubeling.resources.customresources;

import java.util.List;
import java.util.Map;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.ManagedFieldsEntry;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.kubeling.registry.Strategy;
import io.kubeling.registry.validation.FieldError;

/** A custom resource's /status, as kube's statusStrategy: the old object with the new status, nothing else. */
class CustomResourceStatusStrategy implements Strategy<GenericKubernetesResource> {

    private final VersionSchema schema;

    CustomResourceStatusStrategy(VersionSchema schema) {
        this.schema = schema;
    }

    @Override
    public void prepareForUpdate(GenericKubernetesResource object, GenericKubernetesResource old) {
        Object status = object.getAdditionalProperties().get("status");
        List<ManagedFieldsEntry> managed = object.getMetadata().getManagedFields();
        String version = object.getMetadata().getResourceVersion();
        Map<String, Object> content = JsonPaths.JSON.convertValue(old.getAdditionalProperties(), Map.class);
        if (status == null) {
            content.remove("status");
        } else {
            content.put("status", status);
        }
        object.setAdditionalProperties(content);
        ObjectMeta meta = JsonPaths.JSON.convertValue(old.getMetadata(), ObjectMeta.class);
        meta.setManagedFields(managed);
        meta.setResourceVersion(version);
        object.setMetadata(meta);
    }

    @Override
    public List<FieldError> validateUpdate(GenericKubernetesResource object, GenericKubernetesResource old) {
        return schema.validate(object, old);
    }

    @Override
    public List<String> prune(GenericKubernetesResource object) {
        return schema.prune(object);
    }
}
