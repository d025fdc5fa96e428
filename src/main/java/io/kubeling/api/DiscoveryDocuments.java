package io.kubeling.api;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;


import org.springframework.stereotype.Component;

import io.kubeling.registry.KubeVersions;
import io.kubeling.registry.ReadOnlyResource;
import io.kubeling.registry.ReadOnlyResources;
import io.kubeling.registry.Registry;
import io.kubeling.registry.ResourceDefinition;
import io.kubeling.registry.SubresourceEndpoint;
import io.kubeling.registry.SubresourceEndpoint.KindRef;
import io.kubeling.registry.SubresourceEndpoints;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The discovery documents kubectl reads before anything else, built from what the registry
 * serves: APIVersions, APIGroupList, APIResourceList, and the aggregated APIGroupDiscoveryList.
 */
@Component
class DiscoveryDocuments {

    static final List<String> READ_VERBS = List.of("get", "list");
    static final List<String> VERBS = List.of("create", "delete", "deletecollection", "get", "list", "patch",
            "update", "watch");

    private final Registry registry;
    private final SubresourceEndpoints endpoints;
    private final JsonMapper json;
    private final ReadOnlyResources readOnly;

    DiscoveryDocuments(Registry registry, SubresourceEndpoints endpoints, Codecs codecs, ReadOnlyResources readOnly) {
        this.registry = registry;
        this.readOnly = readOnly;
        this.endpoints = endpoints;
        this.json = codecs.json();
    }

    /** Group versions served, the core group ("") first. */
    Map<String, List<ResourceDefinition<?>>> byGroupVersion() {
        Map<String, List<ResourceDefinition<?>>> out = new TreeMap<>();
        for (ResourceDefinition<?> def : registry.definitions()) {
            out.computeIfAbsent(def.group().isEmpty() ? "" : def.apiVersion(), k -> new ArrayList<>()).add(def);
        }
        return out;
    }

    ObjectNode apiVersions(String serverAddress) {
        ObjectNode node = json.createObjectNode();
        node.put("kind", "APIVersions");
        node.putArray("versions").add("v1");
        node.putArray("serverAddressByClientCIDRs").addObject().put("clientCIDR", "0.0.0.0/0")
                .put("serverAddress", serverAddress);
        return node;
    }

    ObjectNode groupList() {
        ObjectNode node = json.createObjectNode();
        node.put("kind", "APIGroupList");
        node.put("apiVersion", "v1");
        ArrayNode groups = node.putArray("groups");
        Map<String, List<String>> versions = new LinkedHashMap<>();
        // the aggregated APIServices' groups (metrics.k8s.io) come after the built-in ones, by their lower priority
        java.util.Set<String> served = new java.util.LinkedHashSet<>(byGroupVersion().keySet());
        readOnly.all().stream().filter(r -> !r.aggregated()).forEach(r -> served.add(r.apiVersion()));
        readOnly.all().stream().filter(ReadOnlyResource::aggregated).forEach(r -> served.add(r.apiVersion()));
        for (String gv : served) {
            // the core group ("" for stored resources, v1 for computed ones, as the bindings) is /api's
            if (gv.contains("/")) {
                versions.computeIfAbsent(gv.substring(0, gv.indexOf('/')), g -> new ArrayList<>())
                        .add(gv.substring(gv.indexOf('/') + 1));
            }
        }
        for (Map.Entry<String, List<String>> group : versions.entrySet()) {
            // kube lists a group's versions by priority, the preferred first (v1, v1beta1, v1alpha1)
            group.getValue().sort(KubeVersions.PRIORITY);
            ObjectNode g = groups.addObject();
            g.put("name", group.getKey());
            ArrayNode vs = g.putArray("versions");
            for (String v : group.getValue()) {
                vs.addObject().put("groupVersion", group.getKey() + "/" + v).put("version", v);
            }
            g.putObject("preferredVersion").put("groupVersion", group.getKey() + "/" + group.getValue().get(0))
                    .put("version", group.getValue().get(0));
        }
        return node;
    }

    /** The APIGroup document of one group, as the group list lists it, or null when it is not served. */
    ObjectNode group(String name) {
        for (JsonNode g : groupList().path("groups")) {
            if (g.path("name").asString("").equals(name)) {
                ObjectNode node = json.createObjectNode();
                node.put("kind", "APIGroup");
                node.put("apiVersion", "v1");
                node.setAll((ObjectNode) g);
                return node;
            }
        }
        return null;
    }

    /** The APIResourceList of one group version, or null when it is not served. */
    ObjectNode resourceList(String groupVersion) {
        List<ResourceDefinition<?>> defs = byGroupVersion().get(groupVersion.equals("v1") ? "" : groupVersion);
        List<ReadOnlyResource> computed = readOnly(groupVersion);
        if (defs == null && computed.isEmpty()) {
            return null;
        }
        if (defs == null) {
            defs = List.of();
        }
        ObjectNode node = json.createObjectNode();
        node.put("kind", "APIResourceList");
        node.put("apiVersion", "v1");
        node.put("groupVersion", groupVersion);
        ArrayNode resources = node.putArray("resources");
        for (ResourceDefinition<?> def : sorted(defs)) {
            ObjectNode r = resources.addObject();
            r.put("name", def.plural());
            r.put("singularName", def.singular());
            r.put("namespaced", def.namespaced());
            r.put("kind", def.kind());
            strings(r.putArray("verbs"), def.strategy().readOnly() ? READ_VERBS : VERBS);
            if (!def.shortNames().isEmpty()) {
                strings(r.putArray("shortNames"), def.shortNames());
            }
            if (!def.categories().isEmpty()) {
                strings(r.putArray("categories"), def.categories());
            }
            for (Subresource sub : subresources(def)) {
                ObjectNode s = resources.addObject();
                s.put("name", def.plural() + "/" + sub.name());
                s.put("singularName", "");
                s.put("namespaced", def.namespaced());
                if (!sub.kind().group().equals(def.group()) || !sub.kind().version().equals(def.version())) {
                    s.put("group", sub.kind().group());
                    s.put("version", sub.kind().version());
                }
                s.put("kind", sub.kind().kind());
                strings(s.putArray("verbs"), sub.verbs());
            }
        }
        for (ReadOnlyResource r : computed) {
            ObjectNode entry = resources.addObject();
            entry.put("name", r.plural());
            entry.put("singularName", r.singular());
            entry.put("namespaced", r.namespaced());
            entry.put("kind", r.kind());
            strings(entry.putArray("verbs"), r.verbs());
        }
        byName(resources, "name");
        return node;
    }

    /** The read-only resources of a group version, by name. */
    private List<ReadOnlyResource> readOnly(String groupVersion) {
        return readOnly.all().stream().filter(r -> r.apiVersion().equals(groupVersion)).toList();
    }

    /** The aggregated discovery document (apidiscovery.k8s.io, v2 or v2beta1) of /api or /apis. */
    ObjectNode aggregated(boolean core, String version) {
        ObjectNode node = json.createObjectNode();
        node.put("kind", "APIGroupDiscoveryList");
        node.put("apiVersion", "apidiscovery.k8s.io/" + version);
        node.putObject("metadata");
        ArrayNode items = node.putArray("items");
        Map<String, List<ResourceDefinition<?>>> groups = new LinkedHashMap<>();
        for (Map.Entry<String, List<ResourceDefinition<?>>> e : byGroupVersion().entrySet()) {
            if (e.getKey().isEmpty() == core) {
                groups.computeIfAbsent(e.getKey().isEmpty() ? "" : e.getKey().substring(0, e.getKey().indexOf('/')),
                        g -> new ArrayList<>()).addAll(e.getValue());
            }
        }
        Map<String, Map<String, List<ReadOnlyResource>>> computed = new TreeMap<>();
        for (ReadOnlyResource r : readOnly.all()) {
            if (r.group().isEmpty() == core) {
                groups.computeIfAbsent(r.group(), g -> new ArrayList<>());
                computed.computeIfAbsent(r.group(), g -> new TreeMap<>(KubeVersions.PRIORITY))
                        .computeIfAbsent(r.version(), v -> new ArrayList<>()).add(r);
            }
        }
        for (Map.Entry<String, List<ResourceDefinition<?>>> group : groups.entrySet()) {
            ObjectNode item = items.addObject();
            ObjectNode meta = item.putObject("metadata");
            if (!group.getKey().isEmpty()) {
                meta.put("name", group.getKey());
            } else {
                meta.put("creationTimestamp", (String) null);
            }
            Map<String, List<ResourceDefinition<?>>> byVersion = new TreeMap<>(KubeVersions.PRIORITY);
            for (ResourceDefinition<?> def : group.getValue()) {
                byVersion.computeIfAbsent(def.version(), v -> new ArrayList<>()).add(def);
            }
            ArrayNode versionsNode = item.putArray("versions");
            Map<String, List<ReadOnlyResource>> readOnlyVersions = computed.getOrDefault(group.getKey(), Map.of());
            for (String v : readOnlyVersions.keySet()) {
                byVersion.computeIfAbsent(v, x -> new ArrayList<>());
            }
            for (Map.Entry<String, List<ResourceDefinition<?>>> served : byVersion.entrySet()) {
                addVersion(versionsNode, served.getKey(), served.getValue(),
                        readOnlyVersions.getOrDefault(served.getKey(), List.of()));
            }
        }
        return node;
    }

    /** One version of a group in the aggregated document, with its resources. */
    private void addVersion(ArrayNode versions, String version, List<ResourceDefinition<?>> defs,
            List<ReadOnlyResource> computed) {
        ObjectNode entry = versions.addObject();
        entry.put("version", version);
        ArrayNode resources = entry.putArray("resources");
        for (ResourceDefinition<?> def : sorted(defs)) {
            ObjectNode r = resources.addObject();
            r.put("resource", def.plural());
            r.putObject("responseKind").put("group", def.group()).put("version", def.version())
                    .put("kind", def.kind());
            r.put("scope", def.namespaced() ? "Namespaced" : "Cluster");
            r.put("singularResource", def.singular());
            strings(r.putArray("verbs"), def.strategy().readOnly() ? READ_VERBS : VERBS);
            if (!def.shortNames().isEmpty()) {
                strings(r.putArray("shortNames"), def.shortNames());
            }
            if (!def.categories().isEmpty()) {
                strings(r.putArray("categories"), def.categories());
            }
            List<Subresource> subresources = subresources(def);
            if (!subresources.isEmpty()) {
                ArrayNode subs = r.putArray("subresources");
                for (Subresource sub : subresources) {
                    ObjectNode s = subs.addObject();
                    s.put("subresource", sub.name());
                    s.putObject("responseKind").put("group", sub.kind().group())
                            .put("version", sub.kind().version()).put("kind", sub.kind().kind());
                    strings(s.putArray("verbs"), sub.verbs());
                }
            }
        }
        for (ReadOnlyResource ro : computed) {
            ObjectNode r = resources.addObject();
            r.put("resource", ro.plural());
            r.putObject("responseKind").put("group", ro.group()).put("version", ro.version()).put("kind", ro.kind());
            r.put("scope", ro.namespaced() ? "Namespaced" : "Cluster");
            r.put("singularResource", ro.singular());
            strings(r.putArray("verbs"), ro.verbs());
        }
        byName(resources, "resource");
        entry.put("freshness", "Current");
    }

    /** Kube lists a version's resources by name (a subresource right after its resource), computed ones among them. */
    private static void byName(ArrayNode resources, String field) {
        List<JsonNode> entries = new ArrayList<>();
        resources.forEach(entries::add);
        entries.sort(java.util.Comparator.comparing(e -> e.path(field).asString("")));
        resources.removeAll();
        entries.forEach(resources::add);
    }

    /** The subresources of a resource: the object under another strategy, and the endpoints of their own. */
    private List<Subresource> subresources(ResourceDefinition<?> def) {
        List<Subresource> out = new ArrayList<>();
        KindRef own = new KindRef(def.group(), def.version(), def.kind());
        for (String sub : def.subresources().keySet()) {
            out.add(new Subresource(sub, own, subresourceVerbs(sub)));
        }
        for (SubresourceEndpoint endpoint : endpoints.of(def.groupResource())) {
            out.add(new Subresource(endpoint.subresource(), endpoint.kind(), endpoint.verbs()));
        }
        out.sort((a, b) -> a.name().compareTo(b.name()));
        return out;
    }

    private record Subresource(String name, KindRef kind, List<String> verbs) {
    }

    private static List<String> subresourceVerbs(String subresource) {
        return subresource.equals("finalize") ? List.of("update") : List.of("get", "patch", "update");
    }

    private static List<ResourceDefinition<?>> sorted(List<ResourceDefinition<?>> defs) {
        List<ResourceDefinition<?>> out = new ArrayList<>(defs);
        out.sort((a, b) -> a.plural().compareTo(b.plural()));
        return out;
    }

    private static void strings(ArrayNode array, List<String> values) {
        values.forEach(array::add);
    }
}
