package io.kubeling.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.kubeling.registry.EncodedObject;
import io.kubeling.registry.ListResult;
import io.kubeling.registry.ObjectCodec;
import io.kubeling.registry.ResourceDefinition;
import io.kubeling.resources.pods.PodResource;

/** A list built from shared serializations is, byte for byte, the list built from the objects, in every format. */
class ListEnvelopeTest {

    private final ObjectCodec codec = new ObjectCodec();
    private final Codecs codecs = new Codecs(codec);
    private final ResourceDefinition<Pod> pods = new PodResource().pods();

    private static Pod pod(String name, long rv) {
        return new PodBuilder().withNewMetadata().withName(name).withNamespace("default")
                .withResourceVersion(Long.toString(rv)).withLabels(Map.of("app", name)).endMetadata().withNewSpec()
                .addNewContainer().withName("c").withImage("nginx").endContainer().endSpec().withNewStatus()
                .withPhase("Pending").endStatus().build();
    }

    @Test
    void anEncodedListIsTheListOfItsObjects() {
        List<Pod> items = List.of(pod("a", 3), pod("b", 4), pod("c", 9));
        assertSameBody(new ListResult<>(items, 12, "token", 5L));
        assertSameBody(new ListResult<>(List.of(pod("only", 3)), 12, null, null));
        assertSameBody(new ListResult<>(List.of(), 12, null, null));
    }

    private void assertSameBody(ListResult<Pod> objects) {
        ListResult<EncodedObject> encoded = new ListResult<>(objects.items().stream().map(codec::encodeForResponse).toList(),
                objects.resourceVersion(), objects.continueToken(), objects.remainingItemCount());
        EncodedBody body = ListEnvelope.encoded(codecs.json(), pods, encoded);
        Object tree = ListEnvelope.of(codecs.json(), pods, objects);
        for (WireFormat format : WireFormat.values()) {
            for (boolean pretty : new boolean[] {false, true}) {
                assertThat(text(codecs.write(body, format, pretty)))
                        .as(format + (pretty ? " pretty" : ""))
                        .isEqualTo(text(codecs.write(tree, format, pretty)));
            }
        }
    }

    @Test
    void anEncodedObjectIsSentAsTheObject() {
        Pod pod = pod("a", 3);
        byte[] json = codec.encodeForResponse(pod).json();
        byte[] line = java.util.Arrays.copyOf(json, json.length + 1);
        line[json.length] = '\n';
        for (WireFormat format : WireFormat.values()) {
            for (boolean pretty : new boolean[] {false, true}) {
                assertThat(text(codecs.write(new EncodedBody(line), format, pretty)))
                        .isEqualTo(text(codecs.write(pod, format, pretty)));
            }
        }
    }

    private static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
