package io.kubeling.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.ControllerRevision;

class ObjectCodecTest {

    private static final byte[] STORED = """
            {"apiVersion":"v1","kind":"Pod","metadata":{"name":"web","namespace":"default","labels":{"app":"web"},
             "managedFields":[{"manager":"kubectl","operation":"Update","apiVersion":"v1","fieldsType":"FieldsV1",
               "fieldsV1":{"f:metadata":{"f:labels":{".":{},"f:app":{}}}}}],"uid":"u-1"},
             "spec":{"containers":[{"name":"c","image":"nginx"}]}}""".getBytes(StandardCharsets.UTF_8);

    private final ObjectCodec codec = new ObjectCodec();

    @Test
    void decodingWithoutManagedFieldsKeepsEverythingElse() {
        Pod full = codec.decode(STORED, Pod.class);
        Pod light = codec.decodeWithoutManagedFields(STORED, Pod.class);

        assertThat(full.getMetadata().getManagedFields()).hasSize(1);
        assertThat(light.getMetadata().getManagedFields()).isNull();
        full.getMetadata().setManagedFields(light.getMetadata().getManagedFields());
        assertThat(codec.encode(light)).isEqualTo(codec.encode(full));
        assertThat(light.getMetadata().getUid()).isEqualTo("u-1");
        assertThat(light.getSpec().getContainers().get(0).getImage()).isEqualTo("nginx");
    }

    @Test
    void aPlainDecodeAfterALightOneStillReadsManagedFields() {
        codec.decodeWithoutManagedFields(STORED, Pod.class);
        Pod full = codec.decode(STORED, Pod.class);

        assertThat(full.getMetadata().getManagedFields().get(0).getFieldsV1().getAdditionalProperties())
                .containsKey("f:metadata");
        assertThat(new String(codec.encode(full), StandardCharsets.UTF_8))
                .contains("\"managedFields\":[{\"apiVersion\":\"v1\",\"fieldsType\":\"FieldsV1\"");
    }

    @Test
    void aRevisionsDataIsKeptAsTheJsonItWasGivenEvenWhenItNamesAKind() {
        String data = "{\"kind\":\"Deployment\",\"apiVersion\":\"apps/v1\",\"spec\":{\"replicas\":2},\"extra\":[1,2.5]}";
        byte[] stored = ("{\"apiVersion\":\"apps/v1\",\"kind\":\"ControllerRevision\",\"metadata\":{\"name\":\"r\"},"
                + "\"data\":" + data + ",\"revision\":1}").getBytes(StandardCharsets.UTF_8);

        ControllerRevision revision = codec.decode(stored, ControllerRevision.class);

        assertThat(revision.getData()).isInstanceOf(java.util.Map.class);
        assertThat(codec.mapper().writeValueAsString(revision.getData())).isEqualTo(data);
    }

    @Test
    void objectsWhoseManagedFieldsNameThemselvesDecodeWithoutCopyingASymbolTableEach() {
        // every pod names its own token volume in its managed fields, as k:{"name":"kube-api-access-..."}
        String stored = new String(STORED, StandardCharsets.UTF_8).replace("\"f:app\":{}",
                "\"f:app\":{}},\"f:volumes\":{\"k:{\\\"name\\\":\\\"kube-api-access-%05d\\\"}\":{}");
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        int pods = 2000;
        byte[][] objects = new byte[pods][];
        for (int i = 0; i < pods; i++) {
            objects[i] = String.format(stored, i).getBytes(StandardCharsets.UTF_8);
        }
        assertThat(codec.decode(objects[0], Pod.class).getMetadata().getManagedFields().get(0).getFieldsV1()
                .getAdditionalProperties().toString()).contains("kube-api-access-00000");

        long before = threads.getCurrentThreadAllocatedBytes();
        for (byte[] object : objects) {
            codec.decode(object, Pod.class);
        }
        long perPod = (threads.getCurrentThreadAllocatedBytes() - before) / pods;

        // about 10 KB a pod; a shared table grown to thousands of names and copied for each new one was 100s of KB
        assertThat(perPod).isLessThan(60_000);
    }

    /** Read off the bytes or by the parser, the type fields end at the same place, or the bytes leave it to the parser. */
    @Test
    void theTypeFieldsEndWhereTheParserFindsTheirEnd() {
        String[] cases = {"{\"apiVersion\":\"v1\",\"kind\":\"Pod\",\"metadata\":{}}",
            "{\"apiVersion\":\"v1\",\"kind\":\"Pod\"}", "{\"kind\":\"Pod\",\"apiVersion\":\"v1\",\"spec\":1}",
            "{\"metadata\":{},\"kind\":\"Pod\"}", "{}", "{\"apiVersion\":\"v\\\"1\",\"kind\":\"Pod\",\"a\":1}",
            "{\"apiVersion\":null,\"kind\":\"Pod\",\"a\":1}", "{\"kind\":\"Pod\",\"kind\":\"Pod\",\"a\":[]}"};
        for (String json : cases) {
            byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
            int compact = ObjectCodec.compactUntypedFrom(bytes);
            assertThat(ObjectCodec.untypedFrom(bytes)).as(json).isEqualTo(ObjectCodec.parsedUntypedFrom(bytes));
            assertThat(compact).as(json).isIn(-1, ObjectCodec.parsedUntypedFrom(bytes));
        }
        assertThat(ObjectCodec.compactUntypedFrom(STORED)).isEqualTo(ObjectCodec.parsedUntypedFrom(STORED))
                .isEqualTo("{\"apiVersion\":\"v1\",\"kind\":\"Pod\",".length());
        assertThat(ObjectCodec.compactUntypedFrom("{\"apiVersion\":null}".getBytes(StandardCharsets.UTF_8))).isEqualTo(-1);
    }
}
