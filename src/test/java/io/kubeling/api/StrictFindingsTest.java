package io.kubeling.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import tools.jackson.databind.json.JsonMapper;

class StrictFindingsTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static byte[] bytes(String json) {
        return json.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void aTypedBodyIsWalkedInDocumentOrderAndAnUnknownFieldHidesItsValueAndItsRepetition() {
        byte[] body = bytes("{\"b\":{\"x\":1,\"x\":2},\"a\":{\"u\":{\"k\":1,\"k\":2},\"u\":3},\"a\":{},\"l\":[{\"n\":1,"
                + "\"n\":2}]}");
        assertThat(StrictFindings.typed(body, List.of("a.u"), JSON)).containsExactly(
                "duplicate field \"b.x\"", "unknown field \"a.u\"", "duplicate field \"a\"", "duplicate field \"l[0].n\"");
    }

    @Test
    void duplicatesAreNamedAtEveryDepthOnceEachAndNoMoreThanAHundred() {
        assertThat(StrictFindings.duplicates(bytes("{\"a\":1,\"a\":2,\"a\":3,\"m\":{\"k\":[{\"z\":1,\"z\":1}]}}"), JSON))
                .containsExactly("duplicate field \"a\"", "duplicate field \"m.k[0].z\"");
        StringBuilder many = new StringBuilder("{");
        for (int i = 0; i < 150; i++) {
            many.append("\"k").append(i).append("\":1,\"k").append(i).append("\":2,");
        }
        many.append("\"end\":0}");
        assertThat(StrictFindings.duplicates(bytes(many.toString()), JSON)).hasSize(100);
    }

    @Test
    void anArraysObjectsAreCheckedForMembersTheStructLacksOrRepeats() {
        byte[] patch = bytes("[{\"op\":\"add\",\"foo\":1,\"foo\":2},{\"path\":\"/a\",\"path\":\"/b\"},7]");
        assertThat(StrictFindings.members(patch, Set.of("op", "path", "from", "value"), JSON)).containsExactly(
                "unknown field \"[0].foo\"", "duplicate field \"[1].path\"");
    }

    @Test
    void unknownFieldsOfATreeComeInSortedKeyOrder() {
        var tree = JSON.readTree("{\"z\":1,\"spec\":{\"u\":1,\"list\":[{\"x\":1}]},\"a\":2}");
        assertThat(StrictFindings.sorted(tree, List.of("z", "spec.u", "a", "spec.list[0].x"))).containsExactly(
                "unknown field \"a\"", "unknown field \"spec.list[0].x\"", "unknown field \"spec.u\"",
                "unknown field \"z\"");
    }

    @Test
    void pathsAreQuotedAsGoQuotesThem() {
        assertThat(StrictFindings.unknownField("metadata.a\"b\\c\nd")).isEqualTo(
                "unknown field \"metadata.a\\\"b\\\\c\\nd\"");
    }
}
