package io.kubeling.resources.pods;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import io.fabric8.kubernetes.api.model.PodSpec;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Reads a v1 PodSpec (fabric8) into the shape of kube's internal {@code core.PodSpec}, as kube's
 * v1-to-internal conversion does: the host namespace flags move into the security context (which
 * is then never nil), the deprecated {@code serviceAccount} stands in for an empty
 * {@code serviceAccountName}, and absent values become Go zero values.
 */
final class InternalPodSpec {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Set<String> HOST_FIELDS =
            Set.of("hostNetwork", "hostPID", "hostIPC", "shareProcessNamespace", "hostUsers");

    private InternalPodSpec() {
    }

    /**
     * Converts two specs to values of one type; fields fabric8 knows and this model does not (newer
     * than v1.35) are appended to both, so a change to them still counts as a change.
     */
    static List<GoValue.Struct> convert(PodSpec first, PodSpec second) {
        ObjectNode a = JSON.valueToTree(first);
        ObjectNode b = JSON.valueToTree(second);
        // fields no Kubernetes version knows (fabric8 keeps them aside) are dropped, as kube drops them
        first.getAdditionalProperties().keySet().forEach(a::remove);
        second.getAdditionalProperties().keySet().forEach(b::remove);
        GoType type = specType(a, b);
        return List.of(convertSpec(type, a), convertSpec(type, b));
    }

    /** Any fabric8 object read as a value of the given internal type. */
    static GoValue of(GoType type, Object object) {
        return value(type, object == null ? null : JSON.valueToTree(object));
    }

    private static GoType specType(ObjectNode... specs) {
        Set<String> known = new LinkedHashSet<>(HOST_FIELDS);
        known.add("serviceAccount");
        InternalPodTypes.POD_SPEC.fields().forEach(f -> known.add(f.json()));
        Set<String> extra = new LinkedHashSet<>();
        for (ObjectNode spec : specs) {
            for (String name : spec.propertyNames()) {
                JsonNode value = spec.get(name);
                boolean absent = value.isNull() || (value.isContainer() && value.isEmpty());
                if (!known.contains(name) && !absent) {
                    extra.add(name);
                }
            }
        }
        if (extra.isEmpty()) {
            return InternalPodTypes.POD_SPEC;
        }
        GoType type = GoType.struct("core.PodSpec");
        InternalPodTypes.POD_SPEC.fields().forEach(f -> type.field(f.name(), f.json(), f.type()));
        for (String name : extra) {
            type.field(capitalize(name), name, GoType.ptr(GoType.struct("core." + capitalize(name))));
        }
        return type;
    }

    private static GoValue.Struct convertSpec(GoType type, ObjectNode spec) {
        ObjectNode copy = spec.deepCopy();
        ObjectNode security = copy.get("securityContext") instanceof ObjectNode sc ? sc : copy.objectNode();
        for (String host : HOST_FIELDS) {
            if (copy.has(host)) {
                security.set(host, copy.get(host));
            }
        }
        copy.set("securityContext", security);
        JsonNode accountName = copy.get("serviceAccountName");
        if ((accountName == null || accountName.isNull() || accountName.asString().isEmpty())
                && copy.has("serviceAccount")) {
            copy.set("serviceAccountName", copy.get("serviceAccount"));
        }
        return (GoValue.Struct) value(type, copy);
    }

    static GoValue value(GoType type, JsonNode node) {
        boolean absent = node == null || node.isNull() || node.isMissingNode();
        if (type == InternalPodTypes.INT_OR_STRING) {
            return intOrString(absent ? null : node);
        }
        return switch (type.kind()) {
            case STRING -> new GoValue.Str(type, absent ? "" : node.asString());
            case INT -> new GoValue.Int(type, absent ? 0 : node.asLong());
            case BOOL -> new GoValue.Bool(type, !absent && node.asBoolean());
            case QUANTITY -> quantity(type, absent ? null : node.asString());
            case PTR -> new GoValue.Ptr(type, absent ? null : value(type.elem(), node));
            case SLICE -> slice(type, absent ? null : node);
            case MAP -> map(type, absent ? null : node);
            case STRUCT -> type.fields().isEmpty()
                    ? opaque(type, absent ? JSON.createObjectNode() : node)
                    : struct(type, absent ? JSON.createObjectNode() : node);
        };
    }

    /** intstr.IntOrString is a number or a string in JSON and a tagged struct in Go. */
    private static GoValue intOrString(JsonNode node) {
        List<GoType.Field> f = InternalPodTypes.INT_OR_STRING.fields();
        boolean isString = node != null && node.isString();
        return new GoValue.Struct(InternalPodTypes.INT_OR_STRING, List.of(
                new GoValue.Int(f.get(0).type(), isString ? 1 : 0),
                new GoValue.Int(f.get(1).type(), node != null && !isString ? node.asLong() : 0),
                new GoValue.Str(f.get(2).type(), isString ? node.asString() : "")));
    }

    private static GoValue struct(GoType type, JsonNode node) {
        List<GoValue> fields = new ArrayList<>();
        for (GoType.Field field : type.fields()) {
            fields.add(field.embedded() ? value(field.type(), node) : value(field.type(), node.get(field.json())));
        }
        return new GoValue.Struct(type, fields);
    }

    private static GoValue slice(GoType type, JsonNode node) {
        if (node == null || !node.isArray() || node.isEmpty()) {
            return new GoValue.Slice(type, null);
        }
        List<GoValue> elems = new ArrayList<>();
        for (JsonNode elem : node.values()) {
            elems.add(value(type.elem(), elem));
        }
        return new GoValue.Slice(type, Collections.unmodifiableList(elems));
    }

    private static GoValue map(GoType type, JsonNode node) {
        if (node == null || !node.isObject() || node.isEmpty()) {
            return new GoValue.MapV(type, null);
        }
        TreeMap<String, GoValue> entries = new TreeMap<>();
        for (Map.Entry<String, JsonNode> e : node.properties()) {
            entries.put(e.getKey(), value(type.elem(), e.getValue()));
        }
        return new GoValue.MapV(type, entries);
    }

    static GoValue.Quantity quantity(GoType type, String text) {
        KubeQuantity q = text == null ? null : KubeQuantity.parse(text);
        GoType amountType = GoType.struct("resource.int64Amount")
                .field("value", null, GoType.INT)
                .field("scale", null, GoType.namedInt("resource.Scale"));
        GoType decType = GoType.struct("resource.infDecAmount").field("Dec", null, GoType.namedString("inf.Dec", true));
        GoType shapeType = GoType.struct("resource.Quantity")
                .field("i", null, amountType)
                .field("d", null, decType)
                .field("s", null, GoType.STRING)
                .field("Format", null, GoType.STRING);
        boolean int64 = q != null && q.intValue() != null;
        GoValue amount = new GoValue.Struct(amountType, List.of(
                new GoValue.Int(GoType.INT, int64 ? q.intValue() : 0),
                new GoValue.Int(amountType.fields().get(1).type(), int64 ? q.intScale() : 0)));
        GoValue dec = new GoValue.Struct(decType, List.of(new GoValue.Str(decType.fields().get(0).type(),
                q == null || int64 ? "" : q.value().stripTrailingZeros().toPlainString())));
        GoValue.Struct shape = new GoValue.Struct(shapeType, List.of(amount, dec,
                new GoValue.Str(GoType.STRING, q == null || q.cached() == null ? "" : q.cached()),
                new GoValue.Str(GoType.STRING, q == null ? "" : q.format())));
        return new GoValue.Quantity(type, q == null ? null : q.value(), shape);
    }

    /** A value of a type this model does not list the fields of: kept whole, printed from its JSON. */
    private static GoValue opaque(GoType type, JsonNode node) {
        return new GoValue.Opaque(type, node, generic(type.name(), node));
    }

    private static GoValue generic(String typeName, JsonNode node) {
        if (node.isString()) {
            return new GoValue.Str(GoType.STRING, node.asString());
        }
        if (node.isIntegralNumber()) {
            return new GoValue.Int(GoType.INT, node.asLong());
        }
        if (node.isNumber()) {
            return new GoValue.Str(GoType.STRING, node.asString());
        }
        if (node.isBoolean()) {
            return new GoValue.Bool(GoType.BOOL, node.asBoolean());
        }
        if (node.isArray()) {
            List<GoValue> elems = new ArrayList<>();
            GoType elemType = GoType.STRING;
            for (JsonNode elem : node.values()) {
                GoValue v = generic(typeName, elem);
                elemType = v.type();
                elems.add(v);
            }
            return new GoValue.Slice(GoType.slice(elemType), elems.isEmpty() ? null : elems);
        }
        GoType type = GoType.struct(typeName);
        List<GoValue> fields = new ArrayList<>();
        for (Map.Entry<String, JsonNode> e : node.properties()) {
            if (e.getValue().isNull()) {
                continue;
            }
            GoValue v = generic("core." + capitalize(e.getKey()), e.getValue());
            GoType fieldType = v instanceof GoValue.Struct ? GoType.ptr(v.type()) : v.type();
            type.field(capitalize(e.getKey()), e.getKey(), fieldType);
            fields.add(v instanceof GoValue.Struct ? new GoValue.Ptr(fieldType, v) : v);
        }
        return new GoValue.Struct(type, fields);
    }

    private static String capitalize(String name) {
        return name.isEmpty() ? name : Character.toUpperCase(name.charAt(0)) + name.substring(1);
    }
}
