package io.kubeling.registry.fields;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.kubeling.registry.patch.PatchMetadata;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.StringNode;

/**
 * How structured-merge-diff sees one place of an object, derived as kube derives it from the OpenAPI of its
 * built-in types: structs field by field, maps key by key, lists by {@code +listType} and
 * {@code +listMapKey}, else by patch strategy and merge key (a merged list with a key is keyed by it, one
 * without is a set), else atomic. Places the fabric8 model does not describe are deduced from the value:
 * objects are maps, lists are atomic.
 */
record Schema(Kind kind, Class<?> type, List<String> keys, JsonNode openApi) {

    enum Kind { STRUCT, MAP, ATOMIC, SET, KEYED_LIST, SCALAR, UNTYPED }

    /** Go types kube marks {@code +structType=atomic}: always replaced and owned as a whole. */
    private static final Set<String> ATOMIC_STRUCTS = Set.of("LabelSelector", "ObjectReference",
            "LocalObjectReference", "TypedLocalObjectReference", "ConfigMapKeySelector", "SecretKeySelector",
            "ObjectFieldSelector", "ResourceFieldSelector", "NodeSelector", "NodeSelectorTerm", "SecretReference");

    /** Map fields kube marks {@code +mapType=atomic} (struct.field): replaced and owned as a whole, as structs are. */
    private static final Set<String> ATOMIC_MAPS = Set.of("ServiceSpec.selector", "ReplicationControllerSpec.selector",
            "PodSpec.nodeSelector", "ScaleStatus.selector");

    /** List map keys whose OpenAPI carries a default, which structured-merge-diff uses when the key is left out. */
    private static final Map<String, JsonNode> KEY_DEFAULTS = Map.of("protocol", StringNode.valueOf("TCP"));

    static final Schema UNTYPED_NODE = new Schema(Kind.UNTYPED, null, List.of());
    private static final Schema SCALAR_NODE = new Schema(Kind.SCALAR, null, List.of());
    private static final Schema ATOMIC_NODE = new Schema(Kind.ATOMIC, null, List.of());

    /** The schemas of each struct's fields, worked out once: every write walks them. */
    private static final Map<Class<?>, Map<String, Schema>> FIELDS = new ConcurrentHashMap<>();

    Schema(Kind kind, Class<?> type, List<String> keys) {
        this(kind, type, keys, null);
    }

    static Schema of(Class<?> type) {
        return new Schema(Kind.STRUCT, type, List.of());
    }

    /**
     * The root of a custom resource: apiVersion, kind and metadata from its type, the rest from the OpenAPI v3
     * schema of its CRD version, as kube builds a CRD's type for structured-merge-diff.
     */
    static Schema of(Class<?> type, JsonNode openApi) {
        return openApi == null ? of(type) : new Schema(Kind.STRUCT, type, List.of(), openApi);
    }

    /** The schema of a field of this struct, or of a key of this map. */
    Schema child(String name) {
        if (openApi != null) {
            if (kind == Kind.STRUCT && type != null && PatchMetadata.shape(type, name).isPresent()) {
                return field(name);
            }
            return switch (kind) {
                case STRUCT -> CustomSchemas.of(openApi.path("properties").get(name));
                case MAP -> element();
                default -> UNTYPED_NODE;
            };
        }
        return switch (kind) {
            case STRUCT -> field(name);
            case MAP -> element();
            default -> UNTYPED_NODE;
        };
    }

    /** Whether {@code name} is a declared field of this struct (rather than a key of a map). */
    boolean declares(String name) {
        if (kind == Kind.STRUCT && openApi != null && openApi.path("properties").has(name)) {
            return true;
        }
        return kind == Kind.STRUCT && type != null && PatchMetadata.shape(type, name).isPresent();
    }

    /** The schema of the elements of this list or the values of this map. */
    Schema element() {
        if (kind == Kind.UNTYPED) {
            return UNTYPED_NODE;
        }
        if (openApi != null) {
            return CustomSchemas.element(kind, openApi);
        }
        return valueSchema(type);
    }

    boolean isGranularObject() {
        return kind == Kind.STRUCT || kind == Kind.MAP || kind == Kind.UNTYPED;
    }

    boolean isGranularList() {
        return kind == Kind.SET || kind == Kind.KEYED_LIST;
    }

    /** The path element of a list element, or null when the element cannot be keyed. */
    PathElement elementKey(JsonNode element) {
        if (kind == Kind.SET) {
            return element.isContainer() ? null : PathElement.value(element);
        }
        if (!element.isObject()) {
            return null;
        }
        Map<String, JsonNode> fields = new java.util.LinkedHashMap<>();
        for (String key : keys) {
            JsonNode value = element.get(key);
            if (value == null || value.isNull()) {
                value = openApi != null ? openApi.path("items").path("properties").path(key).get("default")
                        : KEY_DEFAULTS.get(key);
            }
            if (value == null) {
                return null;
            }
            fields.put(key, value);
        }
        return PathElement.key(fields);
    }

    private Schema field(String name) {
        return FIELDS.computeIfAbsent(type, t -> new ConcurrentHashMap<>()).computeIfAbsent(name, this::resolveField);
    }

    private Schema resolveField(String name) {
        PatchMetadata.Shape shape = PatchMetadata.shape(type, name).orElse(null);
        if (shape == null) {
            return UNTYPED_NODE;
        }
        Class<?> valueType = PatchMetadata.childType(type, name).orElse(null);
        return switch (shape) {
            case SCALAR -> SCALAR_NODE;
            case OBJECT -> valueSchema(valueType);
            case MAP -> ATOMIC_MAPS.contains(type.getSimpleName() + "." + name) ? ATOMIC_NODE
                    : new Schema(Kind.MAP, valueType, List.of());
            case LIST -> list(PatchMetadata.of(type, name).orElseThrow(), valueType);
        };
    }

    private static Schema list(PatchMetadata.Field meta, Class<?> elementType) {
        String listType = meta.listType();
        if ("atomic".equals(listType)) {
            return new Schema(Kind.ATOMIC, elementType, List.of());
        }
        if ("set".equals(listType)) {
            return new Schema(Kind.SET, elementType, List.of());
        }
        if ("map".equals(listType) && !meta.listMapKeys().isEmpty()) {
            return new Schema(Kind.KEYED_LIST, elementType, meta.listMapKeys());
        }
        if (meta.mergesLists()) {
            return meta.mergeKey() != null ? new Schema(Kind.KEYED_LIST, elementType, List.of(meta.mergeKey()))
                    : new Schema(Kind.SET, elementType, List.of());
        }
        return new Schema(Kind.ATOMIC, elementType, List.of());
    }

    private static Schema valueSchema(Class<?> type) {
        if (type == null) {
            return UNTYPED_NODE;
        }
        if (!type.getName().startsWith("io.fabric8.")) {
            return SCALAR_NODE;
        }
        if (ATOMIC_STRUCTS.contains(type.getSimpleName())) {
            return ATOMIC_NODE;
        }
        return of(type);
    }
}
