package io.kubeling.registry;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

import org.springframework.stereotype.Component;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ManagedFieldsEntry;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.apps.ControllerRevision;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.TokenStreamFactory;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.BeanProperty;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.annotation.JsonDeserialize;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.module.blackbird.BlackbirdModule;

/** Turns typed objects into the JSON bytes kept in storage and back. */
@Component
public class ObjectCodec {

    private static final String SKIP_MANAGED_FIELDS = "kubeling.skipManagedFields";

    // one for every server in the JVM: its configuration is fixed, and the (de)serializers it builds for the
    // model's types, the bulk of a server's start, are then built once. Property names are not canonicalized:
    // managed fields carry names unique to one object (k:{"uid":...}, a generated volume's name), and each new
    // name made the parser copy the factory's whole shared symbol table, tens of KB per object read
    private static final JsonMapper MAPPER = JsonMapper.builder(JsonFactory.builder()
                    .disable(TokenStreamFactory.Feature.CANONICALIZE_PROPERTY_NAMES).build())
            .addModule(new BlackbirdModule())
            .addModule(FieldsV1Reader.module())
            .addMixIn(io.fabric8.kubernetes.api.model.ObjectMeta.class, SkippableManagedFields.class)
            .addMixIn(ControllerRevision.class, RawRevisionData.class)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .build();

    // a parser of UTF-8 bytes that tells byte offsets: without canonical names the mapper's reads UTF-8 as text
    private static final JsonFactory OFFSETS = new JsonFactory();
    // the type fields as the mapper writes them, read without a parser where they are that
    private static final byte[] API_VERSION_NAME = "\"apiVersion\":".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] KIND_NAME = "\"kind\":".getBytes(StandardCharsets.US_ASCII);

    private final JsonMapper mapper = MAPPER;

    public JsonMapper mapper() {
        return mapper;
    }

    public byte[] encode(Object object) {
        return mapper.writeValueAsBytes(object);
    }

    /**
     * The object as the API sends it in compact JSON, with where its fields after a leading apiVersion and kind
     * begin: Kubernetes' types write those two first.
     */
    public EncodedObject encodeForResponse(Object object) {
        byte[] json = encode(object);
        return new EncodedObject(json, untypedFrom(json));
    }

    /**
     * A written object encoded once for both its stored form and its answer: the JSON without
     * {@code metadata.resourceVersion}, which storage keeps itself, and the place where the answer's goes once the
     * write has its revision. Null when that place is not found exactly once, for the caller to encode twice.
     */
    WrittenForm encodeWritten(HasMetadata object) {
        ObjectMeta meta = object.getMetadata();
        String version = meta.getResourceVersion();
        meta.setResourceVersion(WrittenForm.PLACEHOLDER);
        byte[] json;
        try {
            json = encode(object);
        } finally {
            meta.setResourceVersion(version);
        }
        return WrittenForm.of(json, untypedFrom(json));
    }

    /** The offset of the first field of {@code json}'s object that is neither apiVersion nor kind, or of its end. */
    static int untypedFrom(byte[] json) {
        int from = compactUntypedFrom(json);
        return from > 0 ? from : parsedUntypedFrom(json);
    }

    /**
     * The same read straight off the bytes of the encoder's compact output, where the type fields come first with
     * plain string values; -1 for anything else (escapes, other values), which the parser then reads.
     */
    static int compactUntypedFrom(byte[] json) {
        if (json.length < 2 || json[0] != '{') {
            return -1;
        }
        int i = 1;
        while (true) {
            int value = startsAt(json, i, API_VERSION_NAME) ? i + API_VERSION_NAME.length
                    : startsAt(json, i, KIND_NAME) ? i + KIND_NAME.length : -1;
            if (value < 0) {
                return json[i] == '"' || json[i] == '}' ? i : -1;
            }
            if (value >= json.length || json[value] != '"') {
                return -1;
            }
            int end = value + 1;
            while (end < json.length && json[end] != '"') {
                if (json[end] == '\\') {
                    return -1;
                }
                end++;
            }
            i = end + 1;
            if (i >= json.length) {
                return -1;
            }
            if (json[i] == ',') {
                i++;
            } else if (json[i] != '}') {
                return -1;
            }
            if (i >= json.length) {
                return -1;
            }
        }
    }

    private static boolean startsAt(byte[] json, int at, byte[] prefix) {
        return at + prefix.length <= json.length
                && Arrays.equals(json, at, at + prefix.length, prefix, 0, prefix.length);
    }

    static int parsedUntypedFrom(byte[] json) {
        try (JsonParser p = OFFSETS.createParser(ObjectReadContext.empty(), json)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new IllegalArgumentException("not a JSON object");
            }
            JsonToken token = p.nextToken();
            while (token == JsonToken.PROPERTY_NAME
                    && (p.currentName().equals("apiVersion") || p.currentName().equals("kind"))) {
                p.nextToken();
                p.skipChildren();
                token = p.nextToken();
            }
            int from = (int) p.currentTokenLocation().getByteOffset();
            // after the type fields the offset is that of the next name, or of the closing brace
            return json[from] == '"' || json[from] == '}' ? from : 1;
        }
    }

    public <T> T decode(byte[] bytes, Class<T> type) {
        try {
            return mapper.readValue(bytes, type);
        } catch (JacksonException e) {
            throw Errors.internal("stored object does not decode: " + e.getOriginalMessage());
        }
    }

    /** A stored object without its managedFields, which are left null: they are read past, not bound. */
    public <T> T decodeWithoutManagedFields(byte[] bytes, Class<T> type) {
        try {
            return mapper.readerFor(type).withAttribute(SKIP_MANAGED_FIELDS, Boolean.TRUE).readValue(bytes);
        } catch (JacksonException e) {
            throw Errors.internal("stored object does not decode: " + e.getOriginalMessage());
        }
    }

    /** Only the metadata of a stored object: the rest is read past, not bound. */
    public io.fabric8.kubernetes.api.model.ObjectMeta decodeMetadata(byte[] bytes) {
        try {
            io.fabric8.kubernetes.api.model.ObjectMeta meta = mapper
                    .readerFor(io.fabric8.kubernetes.api.model.ObjectMeta.class).at("/metadata").readValue(bytes);
            return meta == null ? new io.fabric8.kubernetes.api.model.ObjectMeta() : meta;
        } catch (JacksonException e) {
            throw Errors.internal("stored object does not decode: " + e.getOriginalMessage());
        }
    }

    public <T> T fromTree(JsonNode tree, Class<T> type) {
        return mapper.treeToValue(tree, type);
    }

    /**
     * Decodes an object a client sent as kube's JSON decoder would: values of the wrong type are refused, not
     * converted, and nulls in {@code tree} are replaced as Go reads them. Throws {@link DecodingException}.
     */
    public <T> T decodeRequest(JsonNode tree, Class<T> type) {
        if (!(tree instanceof tools.jackson.databind.node.ObjectNode object)) {
            throw new DecodingException("json: cannot unmarshal " + (tree != null && tree.isArray() ? "array" : "string")
                    + " into Go value of type v1." + type.getSimpleName());
        }
        try {
            GoDecoding.check(object, type);
            return mapper.treeToValue(object, type);
        } catch (GoDecoding.Mismatch e) {
            throw new DecodingException(e.getMessage());
        } catch (JacksonException e) {
            throw new DecodingException(e.getOriginalMessage());
        }
    }

    /**
     * {@link #decodeRequest} for a create or update, whose failure is kube's 400: {@code <kind> in version "<v>"
     * cannot be handled as a <kind>: <why>}.
     */
    public <T> T decodeBody(JsonNode tree, Class<T> type, String kind, String version) {
        try {
            return decodeRequest(tree, type);
        } catch (DecodingException e) {
            throw Errors.badRequest(kind + " in version \"" + version + "\" cannot be handled as a " + kind + ": "
                    + e.getMessage());
        }
    }

    /**
     * Reads managedFields, which are half of a typical object's bytes, only when the read does not ask
     * to skip them; one mapper serves both reads, so neither pays for building deserializers twice.
     */
    private abstract static class SkippableManagedFields {

        @JsonDeserialize(using = ManagedFieldsReader.class)
        abstract void setManagedFields(List<ManagedFieldsEntry> managedFields);
    }

    /**
     * A revision's data is a runtime.RawExtension, which kube keeps as the bytes it was given: read as plain JSON,
     * not by fabric8's deserializer of typed resources, which would make a typed object of data that names a kind
     * (its fields then reordered) and which, the first time the JVM builds it, loads and instantiates every model
     * class on the class path to map kinds to classes.
     */
    private abstract static class RawRevisionData {

        @JsonDeserialize(using = ValueDeserializer.None.class)
        private Object data;

        @JsonDeserialize(using = ValueDeserializer.None.class)
        abstract void setData(Object data);
    }

    private static final class ManagedFieldsReader extends ValueDeserializer<Object> {

        private final ValueDeserializer<Object> entries;

        ManagedFieldsReader() {
            this(null);
        }

        private ManagedFieldsReader(ValueDeserializer<Object> entries) {
            this.entries = entries;
        }

        /** Finds the list's own deserializer once, rather than on every read. */
        @Override
        public ValueDeserializer<?> createContextual(DeserializationContext ctxt, BeanProperty property) {
            return new ManagedFieldsReader(ctxt.findContextualValueDeserializer(
                    ctxt.getTypeFactory().constructCollectionType(List.class, ManagedFieldsEntry.class), property));
        }

        @Override
        public Object deserialize(JsonParser p, DeserializationContext ctxt) {
            if (ctxt.getAttribute(SKIP_MANAGED_FIELDS) != null) {
                p.skipChildren();
                return null;
            }
            return entries.deserialize(p, ctxt);
        }
    }

    @SuppressWarnings("unchecked")
    public <T> T copy(T object) {
        return (T) mapper.readValue(mapper.writeValueAsBytes(object), object.getClass());
    }
}
