package io.kubeling.openapi;

import java.lang.reflect.Field;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import com.fasterxml.jackson.annotation.JsonProperty;

import io.kubeling.registry.patch.PatchMetadata;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The {@code components.schemas} of one document: the schema of every model type reachable from the types it
 * is asked for, built from the fabric8 classes' JSON properties, with kube's descriptions ({@link KubeDocs}) and
 * patch metadata ({@link PatchMetadata}).
 */
final class ModelSchemas {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final String REF = "#/components/schemas/";

    private final Map<String, ObjectNode> schemas = new TreeMap<>();
    private final Map<Class<?>, List<Gvk>> kinds;

    /** @param kinds the group, version and kind of each top-level type, for x-kubernetes-group-version-kind */
    ModelSchemas(Map<Class<?>, List<Gvk>> kinds) {
        this.kinds = kinds;
    }

    /** The reference to {@code type}'s schema, building it (and the schemas below it) if needed. */
    String ref(Class<?> type) {
        return REF + define(type).orElseThrow(() -> new IllegalArgumentException("not a model type: " + type));
    }

    /** The reference to a schema no model class stands for, such as meta/v1 Patch. */
    String builtin(String name) {
        schemas.computeIfAbsent(name, n -> {
            ObjectNode schema = NODES.objectNode();
            BuiltinSchemas.fill(n, schema);
            return schema;
        });
        return REF + name;
    }

    /**
     * The reference to the schema of a custom resource ({@code list} false) or of its list, named as kube names
     * them ({@code com.example.stable.v1.CronTab} for group {@code stable.example.com}): the version's schema with
     * apiVersion, kind and metadata as kube's CRD OpenAPI builder sets them.
     */
    String custom(io.kubeling.registry.ResourceDefinition<?> def, boolean list) {
        List<String> parts = new java.util.ArrayList<>(List.of(def.group().split("\\.")));
        java.util.Collections.reverse(parts);
        String base = String.join(".", parts) + "." + def.version() + ".";
        String name = base + (list ? def.listKind() : def.kind());
        if (schemas.containsKey(name)) {
            return REF + name;
        }
        ObjectNode schema = NODES.objectNode();
        schemas.put(name, schema);
        String meta = ref(list ? io.fabric8.kubernetes.api.model.ListMeta.class
                : io.fabric8.kubernetes.api.model.ObjectMeta.class);
        ObjectNode properties;
        if (list) {
            schema.put("description", def.listKind() + " is a list of " + def.kind());
            properties = schema.putObject("properties");
            ObjectNode items = properties.putObject("items");
            items.put("description", "List of " + def.plural()
                    + ". More info: https://git.k8s.io/community/contributors/devel/api-conventions.md");
            items.put("type", "array");
            items.putObject("items").put("$ref", custom(def, false));
            schema.putArray("required").add("items");
        } else {
            tools.jackson.databind.JsonNode given = def.custom().openApiSchema();
            if (given instanceof ObjectNode object) {
                schema.setAll(object.deepCopy());
            }
            schema.put("type", "object");
            properties = schema.has("properties") ? (ObjectNode) schema.get("properties")
                    : schema.putObject("properties");
        }
        properties.putObject("apiVersion").put("description", KubeDocs.API_VERSION).put("type", "string");
        properties.putObject("kind").put("description", KubeDocs.KIND).put("type", "string");
        ObjectNode metadata = properties.putObject("metadata");
        metadata.put("description", list ? "Standard list metadata. More info: "
                + "https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#types-kinds"
                : "Standard object's metadata. More info: "
                + "https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#metadata");
        metadata.putArray("allOf").addObject().put("$ref", meta);
        schema.putArray("x-kubernetes-group-version-kind").addObject().put("group", def.group())
                .put("kind", list ? def.listKind() : def.kind()).put("version", def.version());
        return REF + name;
    }

    ObjectNode components() {
        ObjectNode out = NODES.objectNode();
        schemas.forEach(out::set);
        return out;
    }

    private Optional<String> define(Class<?> type) {
        Optional<String> name = SchemaNames.of(type);
        if (name.isEmpty() || schemas.containsKey(name.get())) {
            return name;
        }
        ObjectNode schema = NODES.objectNode();
        // Registered before its properties so that recursive types end.
        schemas.put(name.get(), schema);
        if (!BuiltinSchemas.fill(name.get(), schema)) {
            describe(type, name.get(), schema);
        }
        return name;
    }

    private void describe(Class<?> type, String name, ObjectNode schema) {
        KubeDocs.Doc doc = KubeDocs.of(name);
        if (doc.description() != null) {
            schema.put("description", doc.description());
        }
        Map<String, Field> fields = jsonFields(type);
        ObjectNode properties = NODES.objectNode();
        for (Map.Entry<String, Field> e : fields.entrySet()) {
            properties.set(e.getKey(), property(type, e.getKey(), e.getValue().getGenericType(), doc));
        }
        if (!properties.isEmpty()) {
            schema.set("properties", properties);
        }
        ArrayNode required = NODES.arrayNode();
        doc.required().stream().filter(fields::containsKey).sorted().forEach(required::add);
        if (!required.isEmpty()) {
            schema.set("required", required);
        }
        schema.put("type", "object");
        List<Gvk> gvks = kinds.get(type);
        if (gvks != null) {
            ArrayNode list = schema.putArray("x-kubernetes-group-version-kind");
            for (Gvk gvk : gvks) {
                list.addObject().put("group", gvk.group()).put("kind", gvk.kind()).put("version", gvk.version());
            }
        }
    }

    private ObjectNode property(Class<?> owner, String json, Type type, KubeDocs.Doc doc) {
        ObjectNode schema = value(type, doc.types().get(json));
        String description = doc.descriptions().get(json);
        if (description != null) {
            schema.put("description", description);
        }
        if (schema.has("items")) {
            ListExtensions.add(owner, json, schema);
        } else {
            PatchMetadata.of(owner, json).filter(f -> f.retainsKeys())
                    .ifPresent(f -> schema.put("x-kubernetes-patch-strategy", f.strategy()));
        }
        return sorted(schema);
    }

    /**
     * The schema of a value of Java type {@code type}; {@code kubeType} is the client's declared type of the same
     * property, which keeps what fabric8 flattens to String: timestamps and base64 byte strings.
     */
    private ObjectNode value(Type type, Type kubeType) {
        if (type instanceof ParameterizedType parameterized && parameterized.getRawType() instanceof Class<?> raw) {
            Type[] args = parameterized.getActualTypeArguments();
            if (Collection.class.isAssignableFrom(raw)) {
                ObjectNode array = NODES.objectNode().put("type", "array");
                array.set("items", value(args[0], typeArgument(kubeType, 0)));
                return array;
            }
            if (Map.class.isAssignableFrom(raw)) {
                ObjectNode map = NODES.objectNode().put("type", "object");
                map.set("additionalProperties", value(args[1], typeArgument(kubeType, 1)));
                return map;
            }
            return value(raw, kubeType);
        }
        if (!(type instanceof Class<?> c)) {
            return NODES.objectNode().put("type", "object");
        }
        if (c == String.class || c.isEnum()) {
            if (kubeType == OffsetDateTime.class) {
                builtin(SchemaNames.TIME);
                return refTo(SchemaNames.TIME);
            }
            ObjectNode string = NODES.objectNode().put("type", "string");
            if (kubeType == byte[].class || kubeType instanceof GenericArrayType) {
                string.put("format", "byte");
            }
            return string;
        }
        if (c == ZonedDateTime.class) {
            // fabric8 models meta/v1 MicroTime fields so; Time fields stay strings.
            builtin(SchemaNames.MICRO_TIME);
            return refTo(SchemaNames.MICRO_TIME);
        }
        if (c == Integer.class || c == int.class || c == Short.class || c == short.class) {
            return NODES.objectNode().put("type", "integer").put("format", "int32");
        }
        if (c == Long.class || c == long.class) {
            return NODES.objectNode().put("type", "integer").put("format", "int64");
        }
        if (c == Boolean.class || c == boolean.class) {
            return NODES.objectNode().put("type", "boolean");
        }
        if (c == Double.class || c == double.class || c == Float.class || c == float.class) {
            return NODES.objectNode().put("type", "number").put("format", "double");
        }
        if (!jsonFields(c).isEmpty() || BuiltinSchemas.knows(SchemaNames.of(c).orElse(""))) {
            Optional<String> name = define(c);
            if (name.isPresent()) {
                return refTo(name.get());
            }
        }
        return NODES.objectNode().put("type", "object");
    }

    /** A reference as kube writes it where a description may sit beside it. */
    private static ObjectNode refTo(String name) {
        ObjectNode node = NODES.objectNode();
        node.putArray("allOf").addObject().put("$ref", REF + name);
        return node;
    }

    private static Type typeArgument(Type type, int index) {
        if (type instanceof ParameterizedType p && p.getActualTypeArguments().length > index) {
            return p.getActualTypeArguments()[index];
        }
        return null;
    }

    /** The JSON properties of a fabric8 model class, by name. */
    private static Map<String, Field> jsonFields(Class<?> type) {
        Map<String, Field> fields = new TreeMap<>();
        if (!type.getName().startsWith("io.fabric8.")) {
            return fields;
        }
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            for (Field field : c.getDeclaredFields()) {
                JsonProperty json = field.getAnnotation(JsonProperty.class);
                if (json != null) {
                    fields.putIfAbsent(json.value().isEmpty() ? field.getName() : json.value(), field);
                }
            }
        }
        return fields;
    }

    /** Keys in alphabetical order, as kube's documents list them. */
    private static ObjectNode sorted(ObjectNode node) {
        ObjectNode out = NODES.objectNode();
        node.propertyNames().stream().sorted().forEach(k -> out.set(k, node.get(k)));
        return out;
    }

    /** A group, version and kind. */
    record Gvk(String group, String version, String kind) {
    }
}
