package io.kubeling.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.kubeling.registry.ObjectCodec;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class PatchApplierTest {

    private final Codecs codecs = new Codecs(new ObjectCodec());
    private final PatchApplier patches = new PatchApplier(codecs);
    private final JsonMapper json = codecs.json();

    /** RFC 7386's examples (its appendix A) whose patch is an object, and numbers, which go through their text. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "{\"a\":\"b\"}                 | {\"a\":\"c\"}                      | {\"a\":\"c\"}",
        "{\"a\":\"b\"}                 | {\"b\":\"c\"}                      | {\"a\":\"b\",\"b\":\"c\"}",
        "{\"a\":\"b\"}                 | {\"a\":null}                       | {}",
        "{\"a\":\"b\",\"b\":\"c\"}     | {\"a\":null}                       | {\"b\":\"c\"}",
        "{\"a\":[\"b\"]}               | {\"a\":\"c\"}                      | {\"a\":\"c\"}",
        "{\"a\":\"c\"}                 | {\"a\":[\"b\"]}                    | {\"a\":[\"b\"]}",
        "{\"a\":{\"b\":\"c\"}}         | {\"a\":{\"b\":\"d\",\"c\":null}}   | {\"a\":{\"b\":\"d\"}}",
        "{\"a\":[{\"b\":\"c\"}]}       | {\"a\":[1]}                        | {\"a\":[1]}",
        "{\"e\":null}                  | {\"a\":1}                          | {\"e\":null,\"a\":1}",
        "[1,2]                         | {\"a\":\"b\",\"c\":null}           | {\"a\":\"b\"}",
        "{}                            | {\"a\":{\"bb\":{\"ccc\":null}}}    | {\"a\":{\"bb\":{}}}",
        "{\"a\":[null,1]}              | {\"b\":[null,{\"c\":null}]}        | {\"a\":[null,1],\"b\":[null,{\"c\":null}]}",
        "{\"n\":1}                     | {\"n\":2.5,\"m\":12345678901234567890,\"t\":true,\"f\":false} | {\"n\":2.5,\"m\":12345678901234567890,\"t\":true,\"f\":false}",
    })
    void aMergePatchWorksAsRfc7386Says(String original, String patch, String merged) {
        JsonNode target = json.readTree(original);
        JsonNode before = target.deepCopy();
        JsonNode result = patches.apply(PatchApplier.MERGE_PATCH, target, patch.getBytes(StandardCharsets.UTF_8),
                ConfigMap.class, original.startsWith("[") ? null : new ArrayList<>());
        assertThat(result).isEqualTo(json.readTree(merged));
        assertThat(target).as("the original is left as it was").isEqualTo(before);
    }
}
