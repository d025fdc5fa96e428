package io.kubeling.registry;

import java.util.LinkedHashMap;
import java.util.Map;

import io.fabric8.kubernetes.api.model.FieldsV1;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.BeanDescription;
import tools.jackson.databind.DeserializationConfig;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.deser.ValueDeserializerModifier;
import tools.jackson.databind.deser.std.DelegatingDeserializer;
import tools.jackson.databind.module.SimpleModule;

/**
 * Reads a FieldsV1 object's keys into its map in one pass. The model's own deserializer hands each key to the
 * any-setter, which Jackson 3 calls through a method handle that it binds and adapts anew on every call: on a write
 * whose body carries managedFields, that was a tenth of its decoding. Anything but an object goes to the model's
 * deserializer, which words the errors.
 */
final class FieldsV1Reader extends DelegatingDeserializer {

    private static final Map<String, Object> LEAF = Map.of();

    private final ValueDeserializer<Object> values;

    private FieldsV1Reader(ValueDeserializer<?> model, ValueDeserializer<Object> values) {
        super(model);
        this.values = values;
    }

    /** The module that puts this reader before the model's deserializer of FieldsV1. */
    static SimpleModule module() {
        return new SimpleModule("fields-v1").setDeserializerModifier(new ValueDeserializerModifier() {
            @Override
            public ValueDeserializer<?> modifyDeserializer(DeserializationConfig config,
                    BeanDescription.Supplier description, ValueDeserializer<?> deserializer) {
                return description.getBeanClass() == FieldsV1.class ? new FieldsV1Reader(deserializer, null)
                        : deserializer;
            }
        });
    }

    @Override
    protected ValueDeserializer<?> newDelegatingInstance(ValueDeserializer<?> model) {
        return new FieldsV1Reader(model, values);
    }

    @Override
    public ValueDeserializer<?> createContextual(DeserializationContext ctxt,
            tools.jackson.databind.BeanProperty property) {
        ValueDeserializer<?> model = _delegatee.createContextual(ctxt, property);
        // the values as the any-setter reads them: untyped, objects as ordered maps
        ValueDeserializer<Object> untyped = values != null ? values
                : ctxt.findContextualValueDeserializer(ctxt.constructType(Object.class), property);
        return model == _delegatee && untyped == values ? this : new FieldsV1Reader(model, untyped);
    }

    @Override
    public Object deserialize(JsonParser p, DeserializationContext ctxt) {
        String name;
        if (p.hasToken(JsonToken.START_OBJECT)) {
            name = p.nextName();
        } else if (p.hasToken(JsonToken.PROPERTY_NAME)) {
            name = p.currentName();
        } else {
            return super.deserialize(p, ctxt);
        }
        ValueDeserializer<Object> untyped = values != null ? values
                : ctxt.findRootValueDeserializer(ctxt.constructType(Object.class));
        FieldsV1 out = new FieldsV1();
        out.setAdditionalProperties(fields(p, ctxt, name, untyped));
        return out;
    }

    /**
     * The members of an object from its first name on, objects among them read here: an empty one, a path's leaf and
     * most of a FieldsV1, is the one shared empty map, as the objects that hold them are never changed. Anything
     * else is read as the untyped deserializer reads it.
     */
    private static Map<String, Object> fields(JsonParser p, DeserializationContext ctxt, String first,
            ValueDeserializer<Object> untyped) {
        Map<String, Object> fields = new LinkedHashMap<>();
        for (String name = first; name != null; name = p.nextName()) {
            JsonToken token = p.nextToken();
            Object value;
            if (token == JsonToken.START_OBJECT) {
                String inner = p.nextName();
                value = inner == null ? LEAF : fields(p, ctxt, inner, untyped);
            } else {
                value = token == JsonToken.VALUE_NULL ? untyped.getNullValue(ctxt) : untyped.deserialize(p, ctxt);
            }
            fields.put(name, value);
        }
        return fields;
    }
}
