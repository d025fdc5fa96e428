package io.kubeling.resources.customresources;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionVersion;
import io.kubeling.registry.CustomConversion;
import io.kubeling.resources.common.WebhookPoster;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The storage codec of one served version of a CRD, as kube's crdConversionRESTOptionsGetter builds it: objects
 * are stored in the storage version; a stored object read is pruned and defaulted by the schema of the version it
 * was stored in (so fields given a default after it was written read with it), then converted to the served
 * version, by the CRD's webhook or, with strategy None, by rewriting its apiVersion; the webhook's answer is pruned
 * by the schema of the version it was converted to.
 */
final class StoredVersions implements CustomConversion {

    private final String served;
    private final String storage;
    /** The schema of every version of the CRD, served or not, by apiVersion. */
    private final Map<String, VersionSchema> schemas;
    private final ConversionWebhook webhook;

    private StoredVersions(String served, String storage, Map<String, VersionSchema> schemas,
            ConversionWebhook webhook) {
        this.served = served;
        this.storage = storage;
        this.schemas = schemas;
        this.webhook = webhook;
    }

    /** The codec of each version of {@code crd}, sharing its schemas and webhook, by version name. */
    static Map<String, StoredVersions> of(CustomResourceDefinition crd, WebhookPoster poster) {
        String group = crd.getSpec().getGroup();
        Map<String, VersionSchema> schemas = new HashMap<>();
        String storage = null;
        for (CustomResourceDefinitionVersion v : crd.getSpec().getVersions()) {
            schemas.put(group + "/" + v.getName(), VersionSchemas.of(v));
            if (Boolean.TRUE.equals(v.getStorage())) {
                storage = group + "/" + v.getName();
            }
        }
        ConversionWebhook webhook = ConversionWebhook.of(crd.getSpec().getConversion(), poster);
        Map<String, StoredVersions> codecs = new LinkedHashMap<>();
        for (CustomResourceDefinitionVersion v : crd.getSpec().getVersions()) {
            String apiVersion = group + "/" + v.getName();
            codecs.put(v.getName(), new StoredVersions(apiVersion, storage == null ? apiVersion : storage,
                    Map.copyOf(schemas), webhook));
        }
        return codecs;
    }

    @Override
    public void fromStorage(GenericKubernetesResource object) {
        String stored = object.getApiVersion();
        VersionSchema schema = stored == null ? null : schemas.get(stored);
        if (schema != null) {
            schema.applyOnRead(object);
        }
        if (served.equals(stored)) {
            return;
        }
        if (webhook == null || stored == null) {
            object.setApiVersion(served);
            return;
        }
        ObjectNode converted = webhook.convert(JsonPaths.JSON.valueToTree(object), served);
        adopt(object, object.getMetadata(), converted);
        schemas.getOrDefault(served, VersionSchema.NONE).prune(object);
    }

    @Override
    public boolean repeatable() {
        return webhook == null;
    }

    @Override
    public GenericKubernetesResource toStorage(GenericKubernetesResource object) {
        if (storage.equals(object.getApiVersion())) {
            return object;
        }
        GenericKubernetesResource stored = new GenericKubernetesResource();
        stored.setKind(object.getKind());
        if (webhook == null) {
            stored.setApiVersion(storage);
            stored.setMetadata(object.getMetadata());
            stored.setAdditionalProperties(object.getAdditionalProperties());
            return stored;
        }
        ObjectNode converted = webhook.convert(JsonPaths.JSON.valueToTree(object), storage);
        adopt(stored, new ObjectMetaBuilder(object.getMetadata()).build(), converted);
        schemas.getOrDefault(storage, VersionSchema.NONE).prune(stored);
        return stored;
    }

    /** Takes a converted tree's content into {@code object}, with {@code meta} given its labels and annotations. */
    @SuppressWarnings("unchecked")
    private static void adopt(GenericKubernetesResource object, ObjectMeta meta, ObjectNode converted) {
        object.setApiVersion(converted.path("apiVersion").asString());
        JsonNode answered = converted.path("metadata");
        meta.setLabels(answered.has("labels") ? JsonPaths.JSON.convertValue(answered.get("labels"), Map.class) : null);
        meta.setAnnotations(answered.has("annotations")
                ? JsonPaths.JSON.convertValue(answered.get("annotations"), Map.class) : null);
        object.setMetadata(meta);
        Map<String, Object> content = JsonPaths.JSON.convertValue(converted, Map.class);
        content.remove("apiVersion");
        content.remove("kind");
        content.remove("metadata");
        object.setAdditionalProperties(content);
    }
}
