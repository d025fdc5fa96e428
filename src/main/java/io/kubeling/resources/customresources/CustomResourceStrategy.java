package io.kubeling.resources.customresources;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import com.jayway.jsonpath.JsonPath;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.kubeling.registry.Errors;
import io.kubeling.registry.Strategy;
import io.kubeling.registry.validation.FieldError;

/**
 * Kube's customResourceStrategy for one served version: status set only through /status when that subresource
 * is on, generation bumped on changes outside metadata (and status), the version's schema to prune, default and
 * validate, its selectable fields, and no creates while the CRD is terminating.
 */
class CustomResourceStrategy implements Strategy<GenericKubernetesResource> {

    private final VersionSchema schema;
    private final boolean statusSubresource;
    private final boolean terminating;
    private final Map<String, JsonPath> selectable;

    CustomResourceStrategy(VersionSchema schema, boolean statusSubresource, boolean terminating,
            List<String> selectableFields) {
        this.schema = schema;
        this.statusSubresource = statusSubresource;
        this.terminating = terminating;
        this.selectable = new LinkedHashMap<>();
        for (String path : selectableFields) {
            selectable.put(path.startsWith(".") ? path.substring(1) : path, JsonPaths.compile(path));
        }
    }

    /** The schema's defaults, which kube applies as it decodes the request (and again on reads). */
    @Override
    public void applyDefaults(GenericKubernetesResource object) {
        schema.applyDefaults(object);
    }

    @Override
    public void prepareForCreate(GenericKubernetesResource object) {
        if (terminating) {
            throw Errors.methodNotAllowed("create not allowed while custom resource definition is terminating");
        }
        if (statusSubresource) {
            object.getAdditionalProperties().remove("status");
        }
    }

    @Override
    public void prepareForUpdate(GenericKubernetesResource object, GenericKubernetesResource old) {
        if (statusSubresource) {
            Object status = old.getAdditionalProperties().get("status");
            if (status == null) {
                object.getAdditionalProperties().remove("status");
            } else {
                object.getAdditionalProperties().put("status", status);
            }
        }
    }

    @Override
    public List<FieldError> validate(GenericKubernetesResource object) {
        return schema.validate(object, null);
    }

    @Override
    public List<FieldError> validateUpdate(GenericKubernetesResource object, GenericKubernetesResource old) {
        return schema.validate(object, old);
    }

    @Override
    public boolean tracksGeneration() {
        return true;
    }

    @Override
    public boolean specChanged(GenericKubernetesResource object, GenericKubernetesResource old) {
        return !Objects.equals(content(object), content(old));
    }

    /** Everything but metadata (and status, when /status sets it): what a change of bumps the generation. */
    private Map<String, Object> content(GenericKubernetesResource object) {
        Map<String, Object> content = new HashMap<>(object.getAdditionalProperties());
        if (statusSubresource) {
            content.remove("status");
        }
        return content;
    }

    @Override
    public Map<String, String> selectableFields(GenericKubernetesResource object) {
        if (selectable.isEmpty()) {
            return Map.of();
        }
        Map<String, Object> tree = JsonPaths.tree(object);
        Map<String, String> fields = new HashMap<>();
        for (Map.Entry<String, JsonPath> e : selectable.entrySet()) {
            String value = JsonPaths.print(JsonPaths.first(e.getValue(), tree));
            fields.put(e.getKey(), value == null ? "" : value);
        }
        return fields;
    }

    /** The fields the schema does not know, dropped; the API layer reports them as fieldValidation asks. */
    @Override
    public List<String> prune(GenericKubernetesResource object) {
        return new ArrayList<>(schema.prune(object));
    }
}
