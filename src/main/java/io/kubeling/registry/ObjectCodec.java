package io.kubeling.registry;

import org.springframework.stereotype.Component;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import io.fabric8.kubernetes.api.model.HasMetadata;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.module.blackbird.BlackbirdModule;

/** Turns typed objects into the JSON bytes kept in storage and back. */
@Component
public class ObjectCodec {

    private final JsonMapper mapper = JsonMapper.builder()
            .addModule(new BlackbirdModule())
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .build();

    /** Reads past managedFields, which are half of a typical object's bytes and mostly left as they were. */
    private final JsonMapper withoutManagedFields = mapper.rebuild()
            .addMixIn(io.fabric8.kubernetes.api.model.ObjectMeta.class, ManagedFieldsSkipped.class)
            .build();

    @JsonIgnoreProperties({"managedFields"})
    private interface ManagedFieldsSkipped {
    }

    public JsonMapper mapper() {
        return mapper;
    }

    public byte[] encode(Object object) {
        return mapper.writeValueAsBytes(object);
    }

    public <T> T decode(byte[] bytes, Class<T> type) {
        try {
            return mapper.readValue(bytes, type);
        } catch (JacksonException e) {
            throw Errors.internal("stored object does not decode: " + e.getOriginalMessage());
        }
    }

    /** A stored object without its managedFields, which are left empty. */
    public <T> T decodeWithoutManagedFields(byte[] bytes, Class<T> type) {
        try {
            return withoutManagedFields.readValue(bytes, type);
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

    @SuppressWarnings("unchecked")
    public <T> T copy(T object) {
        return (T) mapper.readValue(mapper.writeValueAsBytes(object), object.getClass());
    }
}
