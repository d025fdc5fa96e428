package io.kubeling.api;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.stereotype.Component;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.kubeling.config.KubelingProperties;
import io.kubeling.registry.DecodingException;
import io.kubeling.registry.Errors;
import io.kubeling.registry.GoJsonTypes;
import io.kubeling.registry.ObjectCodec;
import io.kubeling.registry.ResourceDefinition;
import io.kubeling.registry.validation.FieldError;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** Reads request bodies within the size limit and decodes them into the resource's type. */
@Component
class RequestBody {

    private final Codecs codecs;
    private final ObjectCodec codec;
    private final ProtobufBodies protobuf;
    private final int maxBytes;

    RequestBody(Codecs codecs, ObjectCodec codec, KubelingProperties properties, ProtobufBodies protobuf) {
        this.codecs = codecs;
        this.codec = codec;
        this.protobuf = protobuf;
        this.maxBytes = properties.api().maxRequestBytes();
    }

    byte[] read(HttpServletRequest request) {
        byte[] buffered = BufferedBody.bufferedBody(request);
        if (buffered != null) {
            // read, bounded and timed already, before the write took its seat
            return buffered;
        }
        if (request.getContentLengthLong() > maxBytes) {
            throw tooLarge();
        }
        try (InputStream in = request.getInputStream()) {
            byte[] body = in.readNBytes(maxBytes + 1);
            if (body.length > maxBytes) {
                throw tooLarge();
            }
            return body;
        } catch (IOException e) {
            throw Errors.badRequest("unable to read the request body: " + e.getMessage());
        }
    }

    private RuntimeException tooLarge() {
        return Errors.tooLarge("Request entity too large: limit is " + maxBytes);
    }

    /** Parses the body as a tree in the format its Content-Type names. */
    JsonNode tree(byte[] body, String contentType, FieldValidation validation) {
        if (ProtobufBodies.isProtobuf(contentType)) {
            return protobuf.tree(body);
        }
        WireFormat format = Negotiation.bodyFormat(contentType);
        if (format == null) {
            throw Errors.unsupportedMediaType("the body of the request was in an unknown format - accepted media types "
                    + "include: application/json, application/yaml, application/vnd.kubernetes.protobuf");
        }
        if (body.length == 0) {
            throw Errors.badRequest("the body of the request was empty");
        }
        try {
            JsonNode tree = codecs.readTree(body, format, validation == FieldValidation.STRICT);
            if (tree == null || !tree.isObject()) {
                throw Errors.badRequest("the body of the request must be a JSON or YAML object");
            }
            return tree;
        } catch (JacksonException e) {
            if (validation == FieldValidation.STRICT && e.getOriginalMessage().startsWith("Duplicate")) {
                throw Errors.badRequest("strict decoding error: " + duplicateMessage(e));
            }
            throw Errors.badRequest("error decoding the body: " + e.getOriginalMessage());
        } catch (YamlTrees.Malformed e) {
            throw Errors.badRequest("error decoding the body: " + e.getMessage());
        }
    }

    /**
     * Decodes a tree into the resource's type after checking its apiVersion and kind against
     * the URL, which fills them in when the tree leaves them out; unknown fields are dropped and reported through {@code warnings} or refused.
     */
    <T extends HasMetadata> T decode(JsonNode tree, ResourceDefinition<T> def, FieldValidation validation,
            List<String> warnings) {
        return decode(tree, def, validation, warnings, e -> Errors.badRequest(def.kind() + " in version \""
                + def.version() + "\" cannot be handled as a " + def.kind() + ": " + e.getMessage()));
    }

    /**
     * {@link #decode} of the result of a patch, which kube refuses as an invalid patch (422) when it does not
     * decode, naming the patched object.
     */
    <T extends HasMetadata> T decodePatched(JsonNode tree, ResourceDefinition<T> def, FieldValidation validation,
            List<String> warnings) {
        return decode(tree, def, validation, warnings, e -> Errors.invalid("", null, "", "",
                List.of(FieldError.invalid("patch", codecs.json().writeValueAsString(tree), e.getMessage()))));
    }

    private static final String TYPE_META_ERROR = "couldn't get version/kind; json parse error: json: ";

    /** apiVersion or kind as kube's decoder finds them first: a string, or absent; anything else is refused. */
    private static String typeMetaField(ObjectNode object, String name) {
        JsonNode value = object.get(name);
        if (value == null || value.isNull()) {
            return "";
        }
        if (!value.isString()) {
            throw Errors.badRequest(TYPE_META_ERROR + "cannot unmarshal " + GoJsonTypes.of(value)
                    + " into Go struct field ." + name + " of type string");
        }
        return value.stringValue();
    }

    private <T extends HasMetadata> T decode(JsonNode tree, ResourceDefinition<T> def, FieldValidation validation,
            List<String> warnings, Function<DecodingException, RuntimeException> failure) {
        if (!(tree instanceof ObjectNode fields)) {
            throw Errors.badRequest(TYPE_META_ERROR + "cannot unmarshal " + GoJsonTypes.of(tree)
                    + " into Go value of type struct { APIVersion string \"json:\\\"apiVersion,omitempty\\\"\"; "
                    + "Kind string \"json:\\\"kind,omitempty\\\"\" }");
        }
        String kind = typeMetaField(fields, "kind");
        String apiVersion = typeMetaField(fields, "apiVersion");
        // as kube's decoder defaults them from the URL: list items and many clients' objects carry neither
        if (kind.isEmpty()) {
            kind = def.kind();
            fields.put("kind", kind);
        }
        if (apiVersion.isEmpty()) {
            apiVersion = def.apiVersion();
            fields.put("apiVersion", apiVersion);
        }
        if (!apiVersion.equals(def.apiVersion())) {
            throw Errors.badRequest("the API version in the data (" + apiVersion
                    + ") does not match the expected API version (" + def.apiVersion() + ")");
        }
        if (!kind.equals(def.kind())) {
            throw Errors.badRequest("the kind in the data (" + kind + ") does not match the expected kind ("
                    + def.kind() + ")");
        }
        T object;
        try {
            object = codec.decodeRequest(tree, def.type());
        } catch (DecodingException e) {
            throw failure.apply(e);
        }
        List<String> unknown = def.isCustom() ? def.strategy().prune(object) : UnknownFields.strip(object);
        if (!unknown.isEmpty()) {
            switch (validation) {
                case STRICT -> {
                    List<String> parts = new ArrayList<>();
                    for (String field : unknown) {
                        parts.add("unknown field \"" + field + "\"");
                    }
                    throw Errors.badRequest("strict decoding error: " + String.join(", ", parts));
                }
                case WARN -> {
                    for (String field : unknown) {
                        warnings.add("unknown field \"" + field + "\"");
                    }
                }
                case IGNORE -> {
                }
            }
        }
        return object;
    }

    /** A DELETE's body, refused with 400 when a field has the wrong type, as kube's decoder refuses it. */
    JsonNode deleteOptions(JsonNode tree) {
        try {
            codec.decodeRequest(tree, io.fabric8.kubernetes.api.model.DeleteOptions.class);
        } catch (DecodingException e) {
            throw Errors.badRequest(e.getMessage());
        }
        return tree;
    }

    private static String duplicateMessage(JacksonException e) {
        String msg = e.getOriginalMessage();
        int quote = msg.indexOf('"');
        int end = quote >= 0 ? msg.indexOf('"', quote + 1) : -1;
        String field = end > quote ? msg.substring(quote + 1, end) : msg;
        return "duplicate field \"" + field + "\"";
    }
}
