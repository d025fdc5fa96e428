package io.kubeling.resources.customresources.schema;

import static io.kubeling.resources.customresources.schema.Schemas.object;
import static io.kubeling.resources.customresources.schema.Schemas.structural;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.kubeling.registry.validation.FieldError;

class CelRulesTest {

    private static final StructuralSchema SCHEMA = structural("""
            type: object
            x-kubernetes-validations:
              - rule: self.metadata.name.startsWith('app-')
                message: name must start with app-
            properties:
              spec:
                type: object
                x-kubernetes-validations:
                  - rule: self.minReplicas <= self.maxReplicas
                    message: minReplicas must not exceed maxReplicas
                  - rule: "!has(self.paused) || self.paused == false || self.minReplicas == 0"
                    messageExpression: "'paused with ' + string(self.minReplicas) + ' replicas'"
                    reason: FieldValueForbidden
                    fieldPath: .paused
                  - rule: self.mode == oldSelf.mode
                    message: mode is immutable
                  - rule: "!oldSelf.hasValue() || oldSelf.value().size <= self.size"
                    optionalOldSelf: true
                    message: size may only grow
                properties:
                  minReplicas: {type: integer}
                  maxReplicas: {type: integer}
                  paused: {type: boolean}
                  mode: {type: string}
                  size: {type: integer, default: 1}
                  timeout: {type: string, format: duration, x-kubernetes-validations: [{rule: "self <= duration('1h')"}]}
                  created: {type: string, format: date-time, x-kubernetes-validations: [{rule: "self > timestamp('2000-01-01T00:00:00Z')"}]}
                  memory:
                    x-kubernetes-int-or-string: true
                    x-kubernetes-validations:
                      - rule: "type(self) == int || quantity(self).isLessThan(quantity('1Gi'))"
                        message: at most 1Gi
                  labels:
                    type: object
                    additionalProperties:
                      type: string
                      x-kubernetes-validations: [{rule: "self.size() < 5"}]
                  containers:
                    type: array
                    x-kubernetes-list-type: map
                    x-kubernetes-list-map-keys: [name]
                    x-kubernetes-validations:
                      - rule: self.all(c, c.image != '')
                        message: every container needs an image
                    items:
                      type: object
                      properties:
                        name: {type: string}
                        image: {type: string}
                        dash-name: {type: string}
                      x-kubernetes-validations:
                        - rule: "!has(self.dash__dash__name) || self.dash__dash__name == self.name"
                          message: dash-name must equal name
                        - rule: self.image == oldSelf.image
                          message: image is immutable
            """);

    private static List<String> create(String yaml) {
        return SCHEMA.validate(object(yaml)).stream().map(FieldError::toString).toList();
    }

    private static List<String> update(String yaml, String old) {
        return SCHEMA.validateUpdate(object(yaml), object(old)).stream().map(FieldError::toString).toList();
    }

    @Test
    void rulesPassOnAValidObject() {
        assertThat(create("""
                metadata: {name: app-a}
                spec: {minReplicas: 1, maxReplicas: 2, mode: a, timeout: 30m, created: '2024-01-01T00:00:00Z',
                       memory: 512Mi, labels: {a: b}, containers: [{name: c, image: nginx, dash-name: c}]}
                """)).isEmpty();
    }

    @Test
    void failedRulesGiveTheirMessageAtTheirPath() {
        assertThat(create("metadata: {name: b}\nspec: {minReplicas: 3, maxReplicas: 2}")).containsExactly(
                "<nil>: Invalid value: \"object\": name must start with app-",
                "spec: Invalid value: \"object\": minReplicas must not exceed maxReplicas");
        assertThat(create("metadata: {name: app-a}\nspec: {minReplicas: 1, maxReplicas: 2, paused: true}"))
                .containsExactly("spec.paused: Forbidden: paused with 1 replicas");
        assertThat(create("metadata: {name: app-a}\nspec: {minReplicas: 1, maxReplicas: 1, timeout: 2h, created: '1999-01-01T00:00:00Z', memory: 2Gi, labels: {a: toolong}}"))
                .containsExactly(
                        "spec.timeout: Invalid value: \"string\": failed rule: self <= duration('1h')",
                        "spec.created: Invalid value: \"string\": failed rule: self > timestamp('2000-01-01T00:00:00Z')",
                        "spec.memory: Invalid value: \"\": at most 1Gi",
                        "spec.labels[a]: Invalid value: \"string\": failed rule: self.size() < 5");
        assertThat(create("metadata: {name: app-a}\nspec: {minReplicas: 1, maxReplicas: 1, containers: [{name: a, image: '', dash-name: b}]}"))
                .containsExactly(
                        "spec.containers: Invalid value: \"array\": every container needs an image",
                        "spec.containers[0]: Invalid value: \"object\": dash-name must equal name");
    }

    @Test
    void evaluationErrorsNameTheRule() {
        assertThat(create("metadata: {name: app-a}\nspec: {maxReplicas: 2}")).containsExactly(
                "spec: Invalid value: \"object\": no such key: minReplicas evaluating rule: minReplicas must not exceed maxReplicas");
    }

    @Test
    void transitionRulesCompareWithTheOldObject() {
        String old = "metadata: {name: app-a}\nspec: {minReplicas: 1, maxReplicas: 1, mode: a, size: 3, containers: [{name: c, image: v1}]}";
        assertThat(update("metadata: {name: app-a}\nspec: {minReplicas: 1, maxReplicas: 1, mode: b, size: 2, containers: [{name: c, image: v2}, {name: d, image: v1}]}", old))
                .containsExactly(
                        "spec: Invalid value: \"object\": mode is immutable",
                        "spec: Invalid value: \"object\": size may only grow",
                        "spec.containers[0]: Invalid value: \"object\": image is immutable");
        assertThat(create("metadata: {name: app-a}\nspec: {minReplicas: 1, maxReplicas: 1, mode: b, size: 2}")).isEmpty();
    }

    @Test
    void unchangedValuesAreNotCheckedAgain() {
        String old = "metadata: {name: b}\nspec: {minReplicas: 3, maxReplicas: 2, mode: a, size: 1}";
        assertThat(update("metadata: {name: b}\nspec: {minReplicas: 3, maxReplicas: 2, mode: a, size: 1}", old)).isEmpty();
        assertThat(update("metadata: {name: b}\nspec: {minReplicas: 4, maxReplicas: 2, mode: a, size: 1}", old)).containsExactly(
                "<nil>: Invalid value: \"object\": name must start with app-",
                "spec: Invalid value: \"object\": minReplicas must not exceed maxReplicas");
    }

    @Test
    void schemaErrorsLeaveRulesUnchecked() {
        assertThat(create("metadata: {name: b}\nspec: {minReplicas: x}")).containsExactly(
                "spec.minReplicas: Invalid value: \"string\": spec.minReplicas in body must be of type integer: \"string\"",
                "<nil>: Invalid value: \"null\": some validation rules were not checked because the object was invalid; "
                        + "correct the existing errors to complete validation");
    }
}
