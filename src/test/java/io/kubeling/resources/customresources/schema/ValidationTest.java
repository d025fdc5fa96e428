package io.kubeling.resources.customresources.schema;

import static io.kubeling.resources.customresources.schema.Schemas.object;
import static io.kubeling.resources.customresources.schema.Schemas.structural;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.kubeling.registry.validation.FieldError;

class ValidationTest {

    private static final String SCHEMA = """
            type: object
            properties:
              metadata:
                type: object
                properties:
                  name: {type: string, maxLength: 5}
              spec:
                type: object
                required: [image]
                properties:
                  image: {type: string, minLength: 1, maxLength: 10, pattern: '^[a-z]+$'}
                  replicas: {type: integer, minimum: 1, maximum: 5}
                  ratio: {type: number, exclusiveMaximum: true, maximum: 1, multipleOf: 0.25}
                  mode: {type: string, enum: [Fast, Slow]}
                  level: {type: integer, enum: [1, 2]}
                  enabled: {type: boolean}
                  port: {x-kubernetes-int-or-string: true}
                  when: {type: string, format: date-time}
                  id: {type: string, format: uuid}
                  timeout: {type: string, format: duration}
                  note: {type: string, nullable: true}
                  tags:
                    type: array
                    minItems: 1
                    maxItems: 2
                    items: {type: string}
                  labels:
                    type: object
                    maxProperties: 1
                    additionalProperties: {type: string}
                  items:
                    type: array
                    items:
                      type: object
                      properties:
                        name: {type: string}
            """;

    private static List<String> errors(String yaml) {
        return structural(SCHEMA).validate(object(yaml)).stream().map(FieldError::toString).toList();
    }

    @Test
    void validObjectHasNoErrors() {
        assertThat(errors("""
                apiVersion: x/v1
                kind: X
                metadata: {name: a}
                spec: {image: nginx, replicas: 2, ratio: 0.5, mode: Fast, level: 2, port: 80, note: null,
                       when: '2024-01-02T03:04:05Z', id: 123e4567-e89b-12d3-a456-426614174000, timeout: 1h30m,
                       tags: [a], labels: {a: b}, items: [{name: x}]}
                """)).isEmpty();
        assertThat(errors("spec: {image: nginx, port: http}")).isEmpty();
    }

    @Test
    void typesAreKubes() {
        assertThat(errors("spec: {image: nginx, replicas: two}")).containsExactly(
                "spec.replicas: Invalid value: \"string\": spec.replicas in body must be of type integer: \"string\"");
        assertThat(errors("spec: {image: nginx, enabled: 1}")).containsExactly(
                "spec.enabled: Invalid value: \"integer\": spec.enabled in body must be of type boolean: \"integer\"");
        assertThat(errors("spec: {image: nginx, items: [{name: 1.5}]}")).containsExactly(
                "spec.items[0].name: Invalid value: \"number\": spec.items[0].name in body must be of type string: \"number\"");
        assertThat(errors("spec: {image: nginx, port: true}")).containsExactly(
                "spec.port: Invalid value: \"boolean\": spec.port in body must be of type integer,string: \"boolean\"");
        assertThat(errors("spec: {image: nginx, mode: null}")).contains(
                "spec.mode: Invalid value: \"null\": spec.mode in body must be of type string: \"null\"");
        assertThat(errors("spec: {image: nginx, replicas: 2.0}")).isEmpty();
    }

    @Test
    void theRootsMetadataIsCheckedOnlyForItsNameRestrictions() {
        assertThat(errors("metadata: {name: toolongname, labels: {a: b}}\nspec: {image: a}")).containsExactly(
                "metadata.name: Too long: must have at most 5 bytes");
        assertThat(errors("metadata: {name: short, whatever: 1}\nspec: {image: a}")).isEmpty();
    }

    @Test
    void requiredFieldsAreReported() {
        assertThat(errors("spec: {replicas: 1}")).containsExactly("spec.image: Required value");
    }

    @Test
    void enumsListTheSupportedValues() {
        assertThat(errors("spec: {image: nginx, mode: Medium}")).containsExactly(
                "spec.mode: Unsupported value: \"Medium\": supported values: \"Fast\", \"Slow\"");
        assertThat(errors("spec: {image: nginx, level: 3}")).containsExactly(
                "spec.level: Unsupported value: 3: supported values: \"1\", \"2\"");
    }

    @Test
    void stringLimitsAndPatterns() {
        assertThat(errors("spec: {image: ''}")).containsExactly(
                "spec.image: Invalid value: \"\": spec.image in body should be at least 1 chars long",
                "spec.image: Invalid value: \"\": spec.image in body should match '^[a-z]+$'");
        assertThat(errors("spec: {image: abcdefghijkl}")).containsExactly(
                "spec.image: Too long: must have at most 10 bytes");
        assertThat(errors("spec: {image: Nginx}")).containsExactly(
                "spec.image: Invalid value: \"Nginx\": spec.image in body should match '^[a-z]+$'");
    }

    @Test
    void numberLimits() {
        assertThat(errors("spec: {image: a, replicas: 0}")).containsExactly(
                "spec.replicas: Invalid value: 0: spec.replicas in body should be greater than or equal to 1");
        assertThat(errors("spec: {image: a, replicas: 6}")).containsExactly(
                "spec.replicas: Invalid value: 6: spec.replicas in body should be less than or equal to 5");
        assertThat(errors("spec: {image: a, ratio: 1}")).containsExactly(
                "spec.ratio: Invalid value: 1: spec.ratio in body should be less than 1");
        assertThat(errors("spec: {image: a, ratio: 0.3}")).containsExactly(
                "spec.ratio: Invalid value: 0.3: spec.ratio in body should be a multiple of 0.25");
    }

    @Test
    void itemAndPropertyCounts() {
        assertThat(errors("spec: {image: a, tags: []}")).containsExactly(
                "spec.tags: Invalid value: 0: spec.tags in body should have at least 1 items");
        assertThat(errors("spec: {image: a, tags: [a, b, c]}")).containsExactly(
                "spec.tags: Too many: 3: must have at most 2 items");
        assertThat(errors("spec: {image: a, labels: {a: b, c: d}}")).containsExactly(
                "spec.labels: Too many: 2: must have at most 1 items");
    }

    @Test
    void formats() {
        assertThat(errors("spec: {image: a, when: yesterday}")).containsExactly(
                "spec.when: Invalid value: \"yesterday\": spec.when in body must be of type date-time: \"yesterday\"");
        assertThat(errors("spec: {image: a, id: 123}")).containsExactly(
                "spec.id: Invalid value: \"integer\": spec.id in body must be of type string: \"integer\"");
        assertThat(errors("spec: {image: a, id: abc}")).containsExactly(
                "spec.id: Invalid value: \"abc\": spec.id in body must be of type uuid: \"abc\"");
        assertThat(errors("spec: {image: a, timeout: soon}")).containsExactly(
                "spec.timeout: Invalid value: \"soon\": spec.timeout in body must be of type duration: \"soon\"");
    }
}
