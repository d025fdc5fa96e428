package io.kubeling.api;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import com.google.protobuf.ByteString;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Message;

import io.kubeling.registry.Timestamps;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Turns a decoded Kubernetes protobuf message into the JSON the same object has on the wire:
 * field names are the JSON names already, maps become objects, bytes become base64, and the
 * apimachinery wrapper types (Time, MicroTime, IntOrString, Quantity) become their JSON scalars.
 */
final class ProtoJson {

    private static final String OBJECT_META = "k8s.io.apimachinery.pkg.apis.meta.v1.ObjectMeta";
    /**
     * The fields of Go structs embedded with {@code json:",inline"}: a message of their own in protobuf, their
     * fields written in place of them in JSON.
     */
    private static final java.util.Set<String> INLINE = java.util.Set.of(
            "k8s.io.api.networking.v1.IngressRule.ingressRuleValue",
            "k8s.io.api.core.v1.Volume.volumeSource",
            "k8s.io.api.core.v1.PersistentVolumeSpec.persistentVolumeSource",
            "k8s.io.api.core.v1.Probe.handler",
            "k8s.io.api.core.v1.EphemeralContainer.ephemeralContainerCommon");

    private final JsonMapper json;

    ProtoJson(JsonMapper json) {
        this.json = json;
    }

    ObjectNode object(Message message) {
        ObjectNode node = json.createObjectNode();
        boolean objectMeta = message.getDescriptorForType().getFullName().equals(OBJECT_META);
        for (Map.Entry<FieldDescriptor, Object> field : message.getAllFields().entrySet()) {
            FieldDescriptor descriptor = field.getKey();
            if (objectMeta && isZero(field.getValue())) {
                continue;
            }
            if (INLINE.contains(descriptor.getFullName())) {
                node.setAll(object((Message) field.getValue()));
                continue;
            }
            node.set(descriptor.getName(), value(descriptor, field.getValue()));
        }
        return node;
    }

    /**
     * Go's protobuf encoder writes every non-pointer field, empty or not, and ObjectMeta's are all
     * omitempty in JSON: an empty generateName sent by kubectl is no generateName.
     */
    private static boolean isZero(Object value) {
        return "".equals(value) || Long.valueOf(0).equals(value) || Integer.valueOf(0).equals(value);
    }

    private JsonNode value(FieldDescriptor field, Object value) {
        if (field.isMapField()) {
            ObjectNode map = json.createObjectNode();
            for (Object entry : (List<?>) value) {
                Message e = (Message) entry;
                FieldDescriptor key = e.getDescriptorForType().findFieldByName("key");
                FieldDescriptor val = e.getDescriptorForType().findFieldByName("value");
                map.set(String.valueOf(e.getField(key)), single(val, e.getField(val)));
            }
            return map;
        }
        if (field.isRepeated()) {
            ArrayNode array = json.createArrayNode();
            for (Object item : (List<?>) value) {
                array.add(single(field, item));
            }
            return array;
        }
        return single(field, value);
    }

    private JsonNode single(FieldDescriptor field, Object value) {
        return switch (field.getJavaType()) {
            case MESSAGE -> message((Message) value);
            case BYTE_STRING -> json.getNodeFactory().stringNode(
                    Base64.getEncoder().encodeToString(((ByteString) value).toByteArray()));
            case STRING -> json.getNodeFactory().stringNode((String) value);
            case BOOLEAN -> json.getNodeFactory().booleanNode((Boolean) value);
            case INT -> json.getNodeFactory().numberNode((Integer) value);
            case LONG -> json.getNodeFactory().numberNode((Long) value);
            case FLOAT -> json.getNodeFactory().numberNode((Float) value);
            case DOUBLE -> json.getNodeFactory().numberNode((Double) value);
            case ENUM -> json.getNodeFactory().stringNode(value.toString());
        };
    }

    private JsonNode message(Message message) {
        String type = message.getDescriptorForType().getFullName();
        return switch (type) {
            case "k8s.io.apimachinery.pkg.apis.meta.v1.Time" -> time(message, ChronoUnit.SECONDS);
            case "k8s.io.apimachinery.pkg.apis.meta.v1.MicroTime" -> time(message, ChronoUnit.MICROS);
            case "k8s.io.apimachinery.pkg.util.intstr.IntOrString" -> intOrString(message);
            case "k8s.io.apimachinery.pkg.api.resource.Quantity" ->
                    json.getNodeFactory().stringNode((String) field(message, "string"));
            case "k8s.io.apimachinery.pkg.runtime.RawExtension" ->
                    json.readTree(((ByteString) field(message, "raw")).toByteArray());
            default -> object(message);
        };
    }

    private JsonNode time(Message message, ChronoUnit precision) {
        Object seconds = field(message, "seconds");
        Object nanos = field(message, "nanos");
        Instant instant = Instant.ofEpochSecond(seconds == null ? 0 : (Long) seconds, nanos == null ? 0 : (Integer) nanos);
        String text = precision == ChronoUnit.SECONDS
                ? Timestamps.format(instant)
                : DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS'Z'").withZone(java.time.ZoneOffset.UTC)
                        .format(instant);
        return json.getNodeFactory().stringNode(text);
    }

    private JsonNode intOrString(Message message) {
        Object type = field(message, "type");
        if (type != null && ((Long) type) == 1L) {
            return json.getNodeFactory().stringNode((String) field(message, "strVal"));
        }
        Object intVal = field(message, "intVal");
        return json.getNodeFactory().numberNode(intVal == null ? 0 : (Integer) intVal);
    }

    private static Object field(Message message, String name) {
        FieldDescriptor field = message.getDescriptorForType().findFieldByName(name);
        return field == null || !message.hasField(field) ? null : message.getField(field);
    }
}
