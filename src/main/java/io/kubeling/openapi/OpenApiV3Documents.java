package io.kubeling.openapi;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import io.kubeling.config.KubelingProperties;
import io.kubeling.registry.ReadOnlyResource;
import io.kubeling.registry.Registry;
import io.kubeling.registry.ResourceDefinition;
import io.kubeling.registry.SubresourceEndpoints;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The OpenAPI v3 documents kube-apiserver serves under /openapi/v3, built from what the registry serves: one per group version ({@code api/v1}, {@code apis/apps/v1}), one per discovery path
 * ({@code api}, {@code apis}, {@code apis/apps}, {@code version}), and the index naming each with its hash.
 */
public class OpenApiV3Documents {

    /** One serialized document and the hash clients cache it under. */
    public record Document(byte[] json, String hash) {
    }

    private final Map<String, Document> documents = new TreeMap<>();
    private final Map<List<ResourceDefinition<?>>, ObjectNode> byDefinitions = new java.util.HashMap<>();
    private final Document index;

    /**
     * {@code earlier} holds the group version documents of an earlier build by the definitions they were built
     * from: a group version whose resources did not change is not built again.
     */
    OpenApiV3Documents(Registry registry, List<ReadOnlyResource> computed, SubresourceEndpoints endpoints,
            KubelingProperties properties, Map<List<ResourceDefinition<?>>, ObjectNode> earlier) {
        JsonMapper json = JsonMapper.builder().build();
        DocumentBuilder builder = new DocumentBuilder(properties.kubernetesVersion());
        Map<String, List<ResourceDefinition<?>>> byGroupVersion = new TreeMap<>();
        Map<String, List<ReadOnlyResource>> computedByGroupVersion = new TreeMap<>();
        for (ResourceDefinition<?> def : registry.definitions()) {
            byGroupVersion.computeIfAbsent(path(def.group(), def.version()), p -> new ArrayList<>()).add(def);
        }
        for (ReadOnlyResource resource : computed) {
            String path = path(resource.group(), resource.version());
            byGroupVersion.computeIfAbsent(path, p -> new ArrayList<>());
            computedByGroupVersion.computeIfAbsent(path, p -> new ArrayList<>()).add(resource);
        }
        Map<String, ObjectNode> built = new TreeMap<>();
        built.put("api", builder.coreVersions());
        built.put("apis", builder.groups());
        built.put("version", builder.version());
        for (Map.Entry<String, List<ResourceDefinition<?>>> e : byGroupVersion.entrySet()) {
            List<ResourceDefinition<?>> defs = e.getValue();
            List<ReadOnlyResource> others = computedByGroupVersion.getOrDefault(e.getKey(), List.of());
            // only a group version of stored resources alone is keyed by its definitions and reused
            boolean reusable = others.isEmpty() && defs.stream().noneMatch(ResourceDefinition::isCustom);
            ObjectNode doc = reusable ? earlier.get(defs) : null;
            if (doc == null) {
                String group = defs.isEmpty() ? others.get(0).group() : defs.get(0).group();
                String version = defs.isEmpty() ? others.get(0).version() : defs.get(0).version();
                doc = builder.groupVersion(group, version, defs, others, endpoints);
            }
            if (reusable) {
                byDefinitions.put(defs, doc);
            }
            built.put(e.getKey(), doc);
            String group = e.getKey().startsWith("apis/") ? e.getKey().substring(5, e.getKey().lastIndexOf('/')) : "";
            if (!group.isEmpty()) {
                built.computeIfAbsent("apis/" + group, g -> builder.group(group));
            }
        }
        ObjectNode indexNode = json.createObjectNode();
        ObjectNode paths = indexNode.putObject("paths");
        for (Map.Entry<String, ObjectNode> e : built.entrySet()) {
            byte[] bytes = json.writeValueAsBytes(e.getValue());
            Document doc = new Document(bytes, hash(bytes));
            documents.put(e.getKey(), doc);
            paths.putObject(e.getKey()).put("serverRelativeURL", url(e.getKey(), doc.hash()));
        }
        byte[] indexBytes = json.writeValueAsBytes(indexNode);
        this.index = new Document(indexBytes, hash(indexBytes));
    }

    private static String path(String group, String version) {
        return group.isEmpty() ? "api/" + version : "apis/" + group + "/" + version;
    }

    /** The group version documents by the definitions they were built from. */
    Map<List<ResourceDefinition<?>>, ObjectNode> byDefinitions() {
        return byDefinitions;
    }

    /** The index: every document's path and its URL with the current hash. */
    public Document index() {
        return index;
    }

    /** The document at {@code path} ({@code api/v1}, {@code apis/apps/v1}), if there is one. */
    public Optional<Document> find(String path) {
        return Optional.ofNullable(documents.get(path));
    }

    /** Every document but the index, by path. */
    Map<String, Document> all() {
        return Collections.unmodifiableMap(documents);
    }

    /** The URL of a document under its current hash. */
    public static String url(String path, String hash) {
        return "/openapi/v3/" + path + "?hash=" + hash;
    }

    /** kube's ETag and hash: SHA-512 of the JSON, in upper-case hex. */
    static String hash(byte[] bytes) {
        try {
            return HexFormat.of().withUpperCase().formatHex(MessageDigest.getInstance("SHA-512").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
