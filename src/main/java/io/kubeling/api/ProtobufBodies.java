package io.kubeling.api;

import java.lang.reflect.Method;
import java.util.Arrays;

import org.springframework.stereotype.Component;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;

import io.kubeling.registry.Errors;
import io.kubernetes.client.proto.Runtime;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Reads {@code application/vnd.kubernetes.protobuf} request bodies, as kubectl 1.32 sends them
 * for {@code create secret}, {@code configmap}, {@code namespace}, {@code service}: the {@code k8s\0}
 * magic, a runtime.Unknown envelope, and the object in it, decoded with the published
 * Kubernetes protobuf classes and handed on as the object's JSON.
 */
@Component
class ProtobufBodies {

    static final String MEDIA_TYPE = "application/vnd.kubernetes.protobuf";
    private static final byte[] MAGIC = {'k', '8', 's', 0};

    private final ProtoJson protoJson;

    ProtobufBodies(Codecs codecs) {
        this.protoJson = new ProtoJson(codecs.json());
    }

    static boolean isProtobuf(String contentType) {
        return contentType != null && contentType.split(";", -1)[0].trim().equalsIgnoreCase(MEDIA_TYPE);
    }

    JsonNode tree(byte[] body) {
        if (body.length < MAGIC.length || !Arrays.equals(Arrays.copyOf(body, MAGIC.length), MAGIC)) {
            throw Errors.badRequest("provided data does not appear to be a protobuf message, expected prefix [107 56 115 0]");
        }
        Runtime.Unknown envelope;
        try {
            envelope = Runtime.Unknown.parseFrom(Arrays.copyOfRange(body, MAGIC.length, body.length));
        } catch (InvalidProtocolBufferException e) {
            throw Errors.badRequest("unable to decode the protobuf envelope: " + e.getMessage());
        }
        String apiVersion = envelope.getTypeMeta().getApiVersion();
        String kind = envelope.getTypeMeta().getKind();
        Message message = decode(apiVersion, kind, envelope.getRaw().toByteArray());
        ObjectNode object = protoJson.object(message);
        ObjectNode tree = object.objectNode();
        tree.put("apiVersion", apiVersion);
        tree.put("kind", kind);
        tree.setAll(object);
        return tree;
    }

    private static Message decode(String apiVersion, String kind, byte[] raw) {
        Class<?> type = messageClass(apiVersion, kind);
        try {
            Method parse = type.getMethod("parseFrom", byte[].class);
            return (Message) parse.invoke(null, (Object) raw);
        } catch (ReflectiveOperationException e) {
            throw Errors.badRequest("unable to decode " + kind + " from protobuf: " + e.getCause());
        }
    }

    /**
     * The generated message class of a kind: core v1 kinds live in {@code V1}, others in the version followed by the
     * group's first label, capitalized ({@code V2Autoscaling}, {@code V1Networking} for networking.k8s.io/v1).
     */
    private static Class<?> messageClass(String apiVersion, String kind) {
        String outer = null;
        int slash = apiVersion.indexOf('/');
        if (slash < 0) {
            outer = apiVersion.equals("v1") ? "V1" : null;
        } else {
            String group = apiVersion.substring(0, slash);
            String label = group.contains(".") ? group.substring(0, group.indexOf('.')) : group;
            String version = apiVersion.substring(slash + 1);
            // custom resource definitions' schemas hold raw JSON the message-to-JSON step does not rebuild
            if (!label.isEmpty() && version.startsWith("v") && !group.equals("apiextensions.k8s.io")) {
                outer = "V" + version.substring(1) + Character.toUpperCase(label.charAt(0)) + label.substring(1);
            }
        }
        try {
            if (outer != null) {
                return Class.forName("io.kubernetes.client.proto." + outer + "$" + kind);
            }
        } catch (ClassNotFoundException e) {
            // fall through to the refusal below
        }
        throw Errors.unsupportedMediaType("the body of the request was in an unknown format - accepted media types "
                + "include: application/json, application/yaml (no protobuf form of " + apiVersion + " " + kind + ")");
    }
}
