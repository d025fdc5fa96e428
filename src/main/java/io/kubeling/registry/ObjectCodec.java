package io.kubeling.registry;

import java.util.List;

import org.springframework.stereotype.Component;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ManagedFieldsEntry;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
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

    private final JsonMapper mapper = JsonMapper.builder()
            .addModule(new BlackbirdModule())
            .addMixIn(io.fabric8.kubernetes.api.model.ObjectMeta.class, SkippableManagedFields.class)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .build();

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
     * Reads managedFields, which are half of a typical object's bytes, only when the read does not ask
     * to skip them; one mapper serves both reads, so neither pays for building deserializers twice.
     */
    private abstract static class SkippableManagedFields {

        @JsonDeserialize(using = ManagedFieldsReader.class)
        abstract void setManagedFields(List<ManagedFieldsEntry> managedFields);
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
