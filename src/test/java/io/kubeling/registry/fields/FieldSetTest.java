package io.kubeling.registry.fields;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.IntNode;
import tools.jackson.databind.node.StringNode;

class FieldSetTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static PathElement f(String name) {
        return PathElement.field(name);
    }

    @Test
    void encodesMembersAndChildrenAsKubeDoes() {
        FieldSet set = FieldSet.of(List.of(
                List.of(f("data")),
                List.of(f("data"), f("b")),
                List.of(f("data"), f("a")),
                List.of(f("metadata"), f("labels"), f("app"))));
        assertThat(JSON.writeValueAsString(set.toFieldsV1())).isEqualTo(
                "{\"f:data\":{\".\":{},\"f:a\":{},\"f:b\":{}},\"f:metadata\":{\"f:labels\":{\"f:app\":{}}}}");
    }

    @Test
    void keysAreSortedByFieldNameAndListElementsComeAfterFields() {
        PathElement port = PathElement.key(Map.of("protocol", StringNode.valueOf("TCP"), "port", IntNode.valueOf(80)));
        FieldSet set = FieldSet.of(List.of(
                List.of(f("spec"), f("ports"), port),
                List.of(f("spec"), f("ports"), port, f("port")),
                List.of(f("spec"), f("finalizers"), PathElement.value(StringNode.valueOf("x")))));
        assertThat(JSON.writeValueAsString(set.toFieldsV1())).isEqualTo(
                "{\"f:spec\":{\"f:finalizers\":{\"v:\\\"x\\\"\":{}},"
                        + "\"f:ports\":{\"k:{\\\"port\\\":80,\\\"protocol\\\":\\\"TCP\\\"}\":{\".\":{},\"f:port\":{}}}}}");
        assertThat(FieldSet.format(List.of(f("spec"), f("ports"), port, f("port"))))
                .isEqualTo(".spec.ports[port=80,protocol=\"TCP\"].port");
        assertThat(FieldSet.format(List.of(f("metadata"), f("finalizers"), PathElement.value(StringNode.valueOf("x")))))
                .isEqualTo(".metadata.finalizers[=\"x\"]");
    }

    @Test
    void keyedElementsAreWrittenAsJsonWithEscapesAndAgreeWithTheirParse() {
        PathElement key = PathElement.key(Map.of("name", StringNode.valueOf("a\"b\\c\n"), "port", IntNode.valueOf(80),
                "ratio", tools.jackson.databind.node.DoubleNode.valueOf(0.5)));
        assertThat(key.fieldsKey()).isEqualTo("k:{\"name\":\"a\\\"b\\\\c\\n\",\"port\":80,\"ratio\":0.5}");
        assertThat(PathElement.parse(key.fieldsKey())).isEqualTo(key).hasSameHashCodeAs(key);
        assertThat(PathElement.value(IntNode.valueOf(8)))
                .isEqualTo(PathElement.value(tools.jackson.databind.node.DoubleNode.valueOf(8.0)))
                .hasSameHashCodeAs(PathElement.value(tools.jackson.databind.node.DoubleNode.valueOf(8.0)));
    }

    @Test
    void decodesWhatItEncodes() {
        String fields = "{\"f:metadata\":{\"f:annotations\":{\".\":{},\"f:kubectl.kubernetes.io/last-applied-configuration\":{}}},"
                + "\"f:spec\":{\"f:containers\":{\"k:{\\\"name\\\":\\\"c\\\"}\":{\".\":{},\"f:image\":{},\"f:name\":{}}}}}";
        FieldSet set = FieldSet.fromFieldsV1(JSON.readTree(fields));
        assertThat(set.toFieldsV1()).isEqualTo(JSON.readTree(fields));
        assertThat(set.has(List.of(f("metadata"), f("annotations")))).isTrue();
        assertThat(set.has(List.of(f("metadata")))).isFalse();
        assertThat(set.hasPrefix(List.of(f("spec"), f("containers")))).isTrue();
        assertThat(set.paths()).hasSize(5);
    }

    @Test
    void setAlgebra() {
        FieldSet ab = FieldSet.of(List.of(List.of(f("a")), List.of(f("b"), f("c"))));
        FieldSet b = FieldSet.of(List.of(List.of(f("b"), f("c"))));
        assertThat(ab.difference(b)).isEqualTo(FieldSet.of(List.of(List.of(f("a")))));
        assertThat(ab.intersection(b)).isEqualTo(b);
        assertThat(b.union(FieldSet.of(List.of(List.of(f("a")))))).isEqualTo(ab);
        assertThat(ab.difference(ab).isEmpty()).isTrue();
    }

    @Test
    void refusesWhatIsNotFieldsV1() {
        assertThatThrownBy(() -> FieldSet.fromFieldsV1(JSON.readTree("{\"x:a\":{}}")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> FieldSet.fromFieldsV1(JSON.readTree("{\"f:a\":1}")))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
