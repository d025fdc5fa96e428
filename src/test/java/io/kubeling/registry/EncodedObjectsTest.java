package io.kubeling.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import tools.jackson.databind.node.ObjectNode;

class EncodedObjectsTest {

    private final ObjectCodec codec = new ObjectCodec();

    @Test
    void anItemWithoutItsTypeIsTheObjectWithoutApiVersionAndKind() {
        Pod pod = new PodBuilder().withNewMetadata().withName("web").withNamespace("default").withResourceVersion("7")
                .withLabels(Map.of("app", "web")).endMetadata().withNewSpec().addNewContainer().withName("c")
                .withImage("nginx").endContainer().endSpec().build();

        EncodedObject encoded = codec.encodeForResponse(pod);

        assertThat(encoded.json()).isEqualTo(codec.encode(pod));
        ObjectNode untyped = (ObjectNode) codec.mapper().valueToTree(pod);
        untyped.remove("kind");
        untyped.remove("apiVersion");
        assertThat(string(untyped(encoded))).isEqualTo(string(codec.mapper().writeValueAsBytes(untyped)));
    }

    @Test
    void anObjectOfOnlyItsTypeIsEmptyWithoutIt() {
        EncodedObject encoded = codec.encodeForResponse(Map.of("apiVersion", "v1", "kind", "Pod"));

        assertThat(string(untyped(encoded))).isEqualTo("{}");
    }

    @Test
    void anObjectWithoutTypeFieldsIsItsOwnItem() {
        EncodedObject encoded = codec.encodeForResponse(Map.of("spec", Map.of("size", 3)));

        assertThat(string(untyped(encoded))).isEqualTo("{\"spec\":{\"size\":3}}");
    }

    @Test
    void anObjectIsEncodedOncePerKey() {
        EncodedObjects cache = new EncodedObjects(1 << 20);
        EncodedObject first = cache.get(new EncodedObjects.Key(1, 5), () -> codec.encodeForResponse(Map.of("a", 1)));
        EncodedObject again = cache.get(new EncodedObjects.Key(1, 5), () -> {
            throw new AssertionError("encoded twice");
        });
        EncodedObject otherStore = cache.get(new EncodedObjects.Key(2, 5), () -> codec.encodeForResponse(Map.of("b", 1)));

        assertThat(again).isSameAs(first);
        assertThat(string(otherStore.json())).isEqualTo("{\"b\":1}");
    }

    @Test
    void aWrittenFormIsKeptOnceAndAnswersAsItsEncodingWould() {
        Pod pod = new PodBuilder().withNewMetadata().withName("web").withNamespace("default").withResourceVersion("9")
                .endMetadata().build();
        WrittenForm form = codec.encodeWritten(pod);
        EncodedObjects cache = new EncodedObjects(1 << 20);

        cache.keep(new EncodedObjects.Key(1, 9), form);
        EncodedObject answer = cache.get(new EncodedObjects.Key(1, 9), () -> {
            throw new AssertionError("encoded again");
        });

        assertThat(string(answer.json())).isEqualTo(string(codec.encodeForResponse(pod).json()));
        assertThat(cache.bytes()).as("the form's bytes, not an answer besides them").isEqualTo(form.plain().length);
        pod.getMetadata().setResourceVersion("12");
        assertThat(string(cache.find(new EncodedObjects.Key(1, 9), "12").json()))
                .isEqualTo(string(codec.encodeForResponse(pod).json()));
        assertThat(cache.find(new EncodedObjects.Key(1, 10), "12")).isNull();
    }

    @Test
    void anAnswerMadeFromAWrittenFormCopiesIntoAPageAsTheWholeObjectWould() {
        Pod pod = new PodBuilder().withNewMetadata().withName("web").withNamespace("default").withResourceVersion("9")
                .withLabels(Map.of("app", "web")).endMetadata().build();
        EncodedObject whole = codec.encodeForResponse(pod);
        EncodedObject answer = codec.encodeWritten(pod).answer(9);

        assertThat(answer.length()).isEqualTo(whole.json().length);
        byte[] typed = new byte[answer.length() + 2];
        assertThat(answer.copyTo(typed, 1)).isEqualTo(answer.length() + 1);
        assertThat(string(Arrays.copyOfRange(typed, 1, typed.length - 1))).isEqualTo(string(whole.json()));
        assertThat(string(untyped(answer))).isEqualTo(string(untyped(whole)));
        assertThat(string(answer.json())).isEqualTo(string(whole.json()));
        assertThat(string(untyped(answer))).as("once put together").isEqualTo(string(untyped(whole)));
    }

    @Test
    void theOldestObjectsGiveWayToStayWithinTheBound() {
        EncodedObjects cache = new EncodedObjects(1000);
        byte[] hundred = new byte[100];
        Arrays.fill(hundred, (byte) ' ');
        for (int revision = 1; revision <= 25; revision++) {
            cache.get(new EncodedObjects.Key(1, revision), () -> new EncodedObject(hundred, 1));
        }

        assertThat(cache.bytes()).isLessThanOrEqualTo(1000);
        assertThat(cache.size()).isEqualTo(10);
        int[] encodings = {0};
        cache.get(new EncodedObjects.Key(1, 25), () -> {
            encodings[0]++;
            return new EncodedObject(hundred, 1);
        });
        cache.get(new EncodedObjects.Key(1, 1), () -> {
            encodings[0]++;
            return new EncodedObject(hundred, 1);
        });
        assertThat(encodings[0]).as("the newest kept, the oldest encoded again").isEqualTo(1);
    }

    private static byte[] untyped(EncodedObject encoded) {
        byte[] out = new byte[encoded.untypedLength()];
        assertThat(encoded.copyUntyped(out, 0)).isEqualTo(out.length);
        return out;
    }

    private static String string(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
