package io.kubeling.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.FieldsV1;
import io.fabric8.kubernetes.api.model.ManagedFieldsEntry;
import io.fabric8.kubernetes.api.model.Pod;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.module.blackbird.BlackbirdModule;

class FieldsV1ReaderTest {

    /** The model's own deserializer, key by key through the any-setter. */
    private static final JsonMapper MODEL = JsonMapper.builder().addModule(new BlackbirdModule())
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();

    private final ObjectCodec codec = new ObjectCodec();

    private static final List<String> FIELDS = List.of(
            "{\"f:metadata\":{\"f:labels\":{\".\":{},\"f:app\":{}}},\"f:spec\":{\"f:containers\":{\"k:{\\\"name\\\":\\\"c\\\"}\":{\".\":{},\"f:image\":{}}}}}",
            "{}",
            "{\"f:a\":null,\"f:b\":[1,\"x\",{\"y\":true}],\"f:c\":2.5,\"f:d\":\"s\"}",
            "{\"additionalProperties\":{\"f:x\":{}},\"f:a\":{},\"f:a\":{\"f:b\":{}}}",
            "{\"f:a\":{\"f:b\":{},\"f:b\":{\"f:c\":{}}},\"f:d\":{\"f:e\":{\"f:x\":{}},\"f:e\":{}}}",
            "{\"f:a\":[{}],\"f:b\":{\"x\":[{},1,null],\"y\":null,\"z\":{\"\":{}}}}");

    @Test
    void readsWhatTheModelsDeserializerReadsFromBytesAndFromTrees() {
        for (String fields : FIELDS) {
            String entry = "{\"manager\":\"m\",\"operation\":\"Update\",\"fieldsType\":\"FieldsV1\",\"fieldsV1\":"
                    + fields + "}";
            ManagedFieldsEntry expected = MODEL.readValue(entry, ManagedFieldsEntry.class);

            ManagedFieldsEntry fromBytes = codec.mapper().readValue(entry.getBytes(StandardCharsets.UTF_8),
                    ManagedFieldsEntry.class);
            ManagedFieldsEntry fromTree = codec.fromTree(codec.mapper().readTree(entry), ManagedFieldsEntry.class);

            assertThat(fromBytes).as(fields).isEqualTo(expected);
            assertThat(fromTree).as(fields).isEqualTo(expected);
            assertThat(codec.mapper().writeValueAsString(fromBytes)).isEqualTo(MODEL.writeValueAsString(expected));
        }
    }

    @Test
    void readsTheManagedFieldsOfAnObjectAsBefore() {
        String pod = "{\"apiVersion\":\"v1\",\"kind\":\"Pod\",\"metadata\":{\"name\":\"p\",\"managedFields\":[{\"manager\":"
                + "\"m\",\"operation\":\"Update\",\"fieldsType\":\"FieldsV1\",\"fieldsV1\":" + FIELDS.get(0) + "}]}}";

        Pod decoded = codec.decode(pod.getBytes(StandardCharsets.UTF_8), Pod.class);

        assertThat(decoded).isEqualTo(MODEL.readValue(pod, Pod.class));
        assertThat(decoded.getMetadata().getManagedFields().get(0).getFieldsV1().getAdditionalProperties())
                .containsOnlyKeys("f:metadata", "f:spec");
        assertThat(new String(codec.encode(decoded), StandardCharsets.UTF_8))
                .isEqualTo(MODEL.writeValueAsString(MODEL.readValue(pod, Pod.class)));
    }

    @Test
    void leavesWhatIsNotAnObjectToTheModelsDeserializer() {
        for (String fields : List.of("null", "\"x\"", "[]", "3")) {
            String entry = "{\"manager\":\"m\",\"fieldsV1\":" + fields + "}";
            Object expected;
            try {
                expected = MODEL.readValue(entry, ManagedFieldsEntry.class).getFieldsV1();
            } catch (JacksonException e) {
                String message = e.getOriginalMessage();
                assertThatThrownBy(() -> codec.mapper().readValue(entry, ManagedFieldsEntry.class))
                        .as(fields).isInstanceOf(JacksonException.class)
                        .extracting(t -> ((JacksonException) t).getOriginalMessage()).isEqualTo(message);
                continue;
            }
            FieldsV1 read = codec.mapper().readValue(entry, ManagedFieldsEntry.class).getFieldsV1();
            assertThat(read).as(fields).isEqualTo(expected);
        }
    }
}
