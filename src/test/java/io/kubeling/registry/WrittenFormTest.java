package io.kubeling.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;

/** One encoding of a written object gives its stored form and its answer, byte for byte as two encodings would. */
class WrittenFormTest {

    private final ObjectCodec codec = new ObjectCodec();

    private static Pod pod(String resourceVersion) {
        return new PodBuilder().withNewMetadata().withName("web").withNamespace("default").withUid("u-1")
                .withResourceVersion(resourceVersion).addToLabels("app", "web").addToAnnotations("note", "é \"x\"")
                .endMetadata().withNewSpec().addNewContainer().withName("c").withImage("nginx").endContainer()
                .endSpec().build();
    }

    @Test
    void theStoredFormIsTheObjectWithoutItsResourceVersionAndTheAnswerTheObjectWithTheRevision() {
        Pod written = pod("17");

        WrittenForm form = codec.encodeWritten(written);

        assertThat(text(form.plain())).isEqualTo(text(codec.encode(pod(null))));
        EncodedObject answer = form.answer(18);
        EncodedObject twice = codec.encodeForResponse(pod("18"));
        assertThat(text(answer.json())).isEqualTo(text(twice.json()));
        assertThat(answer.untypedFrom()).isEqualTo(twice.untypedFrom());
        assertThat(written.getMetadata().getResourceVersion()).isEqualTo("17");
    }

    @Test
    void theAnswerOfARevisionCarriesItsDigits() {
        WrittenForm form = codec.encodeWritten(pod("1"));

        for (long revision : new long[] {0, 7, 10, 99, 1234567890123L, Long.MAX_VALUE}) {
            assertThat(text(form.answer(revision).json())).isEqualTo(text(form.answer(Long.toString(revision)).json()))
                    .contains("\"resourceVersion\":\"" + revision + "\"");
        }
    }

    @Test
    void anObjectWithoutUidOrResourceVersionStillSplits() {
        Pod bare = new PodBuilder().withNewMetadata().withName("bare").endMetadata().build();

        WrittenForm form = codec.encodeWritten(bare);

        assertThat(text(form.plain())).isEqualTo(text(codec.encode(bare)));
        assertThat(text(form.answer(5).json())).endsWith("\"name\":\"bare\",\"resourceVersion\":\"5\"}}");
        assertThat(bare.getMetadata().getResourceVersion()).isNull();
    }

    @Test
    void aValueThatLooksLikeThePlaceholderElsewhereLeavesTheObjectToBeEncodedTwice() {
        Event event = new EventBuilder().withNewMetadata().withName("e").withUid("u-2").endMetadata()
                .withNewInvolvedObject().withKind("Pod").withName("web").withResourceVersion(WrittenForm.PLACEHOLDER)
                .endInvolvedObject().build();

        assertThat(codec.encodeWritten(event)).isNull();
    }

    @Test
    void anEncodingTakesAnotherResourceVersionOnlyWhereTheFieldIsThereOnce() {
        EncodedObject at17 = codec.encodeForResponse(pod("17"));

        assertThat(text(at17.withResourceVersion("17", "20").json())).isEqualTo(text(codec.encode(pod("20"))));
        assertThat(at17.withResourceVersion("18", "20")).isNull();
        Event twice = new EventBuilder().withNewMetadata().withName("e").withResourceVersion("5").endMetadata()
                .withNewInvolvedObject().withKind("Pod").withName("web").withResourceVersion("5").endInvolvedObject()
                .build();
        assertThat(codec.encodeForResponse(twice).withResourceVersion("5", "6")).isNull();
    }

    private static String text(byte[] json) {
        return new String(json, StandardCharsets.UTF_8);
    }
}
