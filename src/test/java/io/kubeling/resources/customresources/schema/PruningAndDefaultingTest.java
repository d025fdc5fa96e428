package io.kubeling.resources.customresources.schema;

import static io.kubeling.resources.customresources.schema.Schemas.object;
import static io.kubeling.resources.customresources.schema.Schemas.structural;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import tools.jackson.databind.node.ObjectNode;

class PruningAndDefaultingTest {

    private static final StructuralSchema SCHEMA = structural("""
            type: object
            properties:
              spec:
                type: object
                default: {}
                properties:
                  replicas: {type: integer, default: 1}
                  mode: {type: string, default: Fast}
                  note: {type: string, nullable: true, default: hello}
                  other: {type: string}
                  config:
                    type: object
                    x-kubernetes-preserve-unknown-fields: true
                    properties:
                      known:
                        type: object
                        properties:
                          a: {type: string}
                  template:
                    type: object
                    x-kubernetes-embedded-resource: true
                    properties:
                      spec: {type: object, x-kubernetes-preserve-unknown-fields: true}
                  items:
                    type: array
                    items:
                      type: object
                      properties:
                        name: {type: string}
                        size: {type: object, default: {unit: Gi}, properties: {unit: {type: string}, value: {type: integer, default: 10}}}
              status:
                type: object
                properties:
                  ready: {type: boolean}
            """);

    @Test
    void unknownFieldsArePrunedAndReported() {
        ObjectNode o = object("""
                apiVersion: x/v1
                kind: X
                metadata: {name: a, whatever: kept}
                spec:
                  replicas: 1
                  foo: bar
                  items: [{name: a, extra: 1}]
                  config: {anything: [1, 2], known: {a: x, b: y}}
                  template: {apiVersion: v1, kind: Pod, metadata: {name: p, bogus: 1}, spec: {containers: []}, junk: 1}
                top: 1
                """);
        assertThat(SCHEMA.prune(o)).containsExactlyInAnyOrder("spec.foo", "spec.items[0].extra",
                "spec.config.known.b", "spec.template.metadata.bogus", "spec.template.junk", "top");
        assertThat(o.toString()).isEqualTo("""
                {"apiVersion":"x/v1","kind":"X","metadata":{"name":"a","whatever":"kept"},"spec":{"replicas":1,\
                "items":[{"name":"a"}],"config":{"anything":[1,2],"known":{"a":"x"}},\
                "template":{"apiVersion":"v1","kind":"Pod","metadata":{"name":"p"},"spec":{"containers":[]}}}}""");
        assertThat(StructuralSchema.unknownFieldMessage("spec.foo")).isEqualTo("unknown field \"spec.foo\"");
    }

    @Test
    void defaultsFillAbsentFieldsAndNestedObjects() {
        ObjectNode o = object("{apiVersion: x/v1, kind: X, metadata: {name: a}}");
        SCHEMA.applyDefaults(o);
        assertThat(o.get("spec").toString()).isEqualTo("{\"replicas\":1,\"mode\":\"Fast\",\"note\":\"hello\"}");

        ObjectNode items = object("spec: {replicas: 3, items: [{name: a}, {name: b, size: {unit: Mi}}]}");
        SCHEMA.applyDefaults(items);
        assertThat(items.get("spec").get("items").toString()).isEqualTo(
                "[{\"name\":\"a\",\"size\":{\"unit\":\"Gi\",\"value\":10}},{\"name\":\"b\",\"size\":{\"unit\":\"Mi\",\"value\":10}}]");
        assertThat(items.get("spec").get("replicas").intValue()).isEqualTo(3);
    }

    @Test
    void nullsAreDefaultedUnlessNullableAndDroppedWithoutDefault() {
        ObjectNode o = object("spec: {replicas: null, note: null, other: null}");
        SCHEMA.applyDefaults(o);
        assertThat(o.get("spec").toString()).isEqualTo("{\"replicas\":1,\"note\":null,\"mode\":\"Fast\"}");
    }
}
