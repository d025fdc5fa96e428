package io.kubeling.resources.customresources.schema;

import static io.kubeling.resources.customresources.schema.Schemas.crdSpec;
import static io.kubeling.resources.customresources.schema.Schemas.schema;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.kubeling.registry.validation.FieldError;

class CrdSchemaValidationTest {

    private static final String ROOT = "spec.versions[0].schema.openAPIV3Schema";

    private static List<String> errors(String yaml) {
        return CrdSchemaValidation.validateSchema(schema(yaml), ROOT).stream().map(FieldError::toString).toList();
    }

    @Test
    void aTypicalOperatorSchemaIsValid() {
        assertThat(errors("""
                type: object
                properties:
                  metadata:
                    type: object
                    properties:
                      name: {type: string, maxLength: 63}
                  spec:
                    type: object
                    required: [image]
                    x-kubernetes-validations: [{rule: "self.replicas >= 0", message: replicas must not be negative}]
                    properties:
                      image: {type: string, maxLength: 253}
                      replicas: {type: integer, default: 1, minimum: 0}
                      port: {x-kubernetes-int-or-string: true, anyOf: [{type: integer}, {type: string}]}
                      extra: {type: object, x-kubernetes-preserve-unknown-fields: true}
                      labels: {type: object, additionalProperties: {type: string}}
                      ports:
                        type: array
                        x-kubernetes-list-type: map
                        x-kubernetes-list-map-keys: [name]
                        items: {type: object, required: [name], properties: {name: {type: string}}}
                  status:
                    type: object
                    properties:
                      ready: {type: boolean}
                """)).isEmpty();
    }

    @Test
    void everyNodeNeedsAType() {
        assertThat(errors("""
                type: object
                properties:
                  spec:
                    properties:
                      items: {type: array}
                """)).containsExactly(
                ROOT + ".properties[spec].properties[items].items: Required value: must be specified",
                ROOT + ".properties[spec].type: Required value: must not be empty for specified object fields");
        assertThat(errors("properties: {}")).containsExactly(ROOT + ".type: Required value: must not be empty at the root");
    }

    @Test
    void structuralRules() {
        assertThat(errors("""
                type: object
                properties:
                  metadata:
                    type: object
                    properties:
                      labels: {type: object}
                  spec:
                    type: object
                    properties: {a: {type: string}}
                    additionalProperties: {type: string}
                    anyOf:
                      - type: object
                        properties: {a: {type: string, description: x}}
                """)).containsExactly(
                ROOT + ".properties[metadata]: Forbidden: must not specify anything other than name and generateName, but metadata is implicitly specified",
                ROOT + ".properties[spec].anyOf[0].properties[a].description: Forbidden: must be empty to be structural",
                ROOT + ".properties[spec].anyOf[0].properties[a].type: Forbidden: must be empty to be structural",
                ROOT + ".properties[spec].anyOf[0].type: Forbidden: must be empty to be structural",
                ROOT + ".properties[spec].additionalProperties: Forbidden: additionalProperties and properties are mutual exclusive");
    }

    @Test
    void genericChecks() {
        assertThat(errors("""
                type: object
                properties:
                  spec:
                    type: object
                    properties:
                      tags: {type: array, uniqueItems: true, items: {type: string}, x-kubernetes-list-type: bag}
                      ports:
                        type: array
                        x-kubernetes-list-type: map
                        x-kubernetes-list-map-keys: [name]
                        items: {type: object, properties: {name: {type: string}}}
                """)).containsExactly(
                ROOT + ".properties[spec].properties[tags].uniqueItems: Forbidden: uniqueItems cannot be set to true since the runtime complexity becomes quadratic",
                ROOT + ".properties[spec].properties[tags].x-kubernetes-list-type: Unsupported value: \"bag\": supported values: \"atomic\", \"set\", \"map\"",
                ROOT + ".properties[spec].properties[ports].items.properties[name].default: Required value: this property is in x-kubernetes-list-map-keys, so it must have a default or be a required property");
    }

    @Test
    void defaultsMustValidateAndBePruned() {
        assertThat(errors("""
                type: object
                properties:
                  spec:
                    type: object
                    properties:
                      replicas: {type: integer, default: many}
                      config: {type: object, default: {a: 1, b: 2}, properties: {a: {type: integer}}}
                """)).containsExactly(
                ROOT + ".properties[spec].properties[replicas].default: Invalid value: \"string\": in body must be of type integer: \"string\"",
                ROOT + ".properties[spec].properties[config].default: Invalid value: map[string]interface {}{\"a\":1, \"b\":2}: must not have unknown fields");
    }

    @Test
    void rulesThatDoNotCompileAreRefused() {
        assertThat(errors("""
                type: object
                properties:
                  spec:
                    type: object
                    x-kubernetes-validations:
                      - rule: self.nope > 1
                      - rule: self.a
                      - rule: "true"
                        messageExpression: "1"
                      - rule: self.a == oldSelf.a
                        reason: Bogus
                    properties:
                      a: {type: string}
                      items:
                        type: array
                        items:
                          type: object
                          properties: {b: {type: string}}
                          x-kubernetes-validations: [{rule: "self.b == oldSelf.b"}]
                """)).containsExactly(
                ROOT + ".properties[spec].x-kubernetes-validations[3].reason: Unsupported value: \"Bogus\": supported values: "
                        + "\"FieldValueDuplicate\", \"FieldValueForbidden\", \"FieldValueInvalid\", \"FieldValueRequired\"");
        assertThat(errors("""
                type: object
                properties:
                  spec:
                    type: object
                    x-kubernetes-validations:
                      - rule: self.nope > 1
                      - rule: self.a
                      - rule: "true"
                        messageExpression: "1"
                    properties:
                      a: {type: string}
                      items:
                        type: array
                        items:
                          type: object
                          properties: {b: {type: string}}
                          x-kubernetes-validations: [{rule: "self.b == oldSelf.b"}]
                """)).containsExactly(
                ROOT + ".properties[spec].x-kubernetes-validations[0].rule: Invalid value: apiextensions.ValidationRule{"
                        + "Rule:\"self.nope > 1\", Message:\"\", MessageExpression:\"\", Reason:(*apiextensions.FieldValueErrorReason)(nil), "
                        + "FieldPath:\"\", OptionalOldSelf:(*bool)(nil)}: compilation failed: ERROR: <input>:1:5: undefined field 'nope'\n"
                        + " | self.nope > 1\n | ....^",
                ROOT + ".properties[spec].x-kubernetes-validations[1].rule: Invalid value: apiextensions.ValidationRule{"
                        + "Rule:\"self.a\", Message:\"\", MessageExpression:\"\", Reason:(*apiextensions.FieldValueErrorReason)(nil), "
                        + "FieldPath:\"\", OptionalOldSelf:(*bool)(nil)}: cel expression must evaluate to a bool",
                ROOT + ".properties[spec].x-kubernetes-validations[2].messageExpression: Invalid value: apiextensions.ValidationRule{"
                        + "Rule:\"true\", Message:\"\", MessageExpression:\"1\", Reason:(*apiextensions.FieldValueErrorReason)(nil), "
                        + "FieldPath:\"\", OptionalOldSelf:(*bool)(nil)}: must evaluate to a string",
                ROOT + ".properties[spec].properties[items].items.x-kubernetes-validations[0].rule: Invalid value: "
                        + "\"self.b == oldSelf.b\": oldSelf cannot be used on the uncorrelatable portion of the schema within "
                        + ROOT + ".properties[spec].properties[items]");
    }

    @Test
    void costlyRulesAreRefused() {
        assertThat(errors("""
                type: object
                properties:
                  spec:
                    type: object
                    properties:
                      names:
                        type: array
                        items: {type: string}
                        x-kubernetes-validations:
                          - rule: self.all(x, self.all(y, x == y || !x.contains(y)))
                          - rule: self.all(x, x.size() < 64)
                """)).containsExactly(
                ROOT + ".properties[spec].properties[names].x-kubernetes-validations[0].rule: Forbidden: estimated rule cost "
                        + "exceeds budget by factor of more than 100x (try simplifying the rule, or adding maxItems, "
                        + "maxProperties, and maxLength where arrays, maps, and strings are declared)",
                ROOT + ".properties[spec].properties[names].x-kubernetes-validations[0].rule: Forbidden: contributed to "
                        + "estimated rule cost total exceeding cost limit for entire OpenAPIv3 schema",
                ROOT + ".properties[spec].properties[names].x-kubernetes-validations[1].rule: Forbidden: contributed to "
                        + "estimated rule cost total exceeding cost limit for entire OpenAPIv3 schema",
                ROOT + ": Forbidden: x-kubernetes-validations estimated rule cost total for entire OpenAPIv3 schema exceeds "
                        + "budget by factor of more than 100x (try simplifying the rule, or adding maxItems, maxProperties, "
                        + "and maxLength where arrays, maps, and strings are declared)");
        assertThat(errors("""
                type: object
                properties:
                  spec:
                    type: object
                    properties:
                      names:
                        type: array
                        maxItems: 10
                        items: {type: string, maxLength: 64}
                        x-kubernetes-validations:
                          - rule: self.all(x, self.all(y, x == y || !x.contains(y)))
                """)).isEmpty();
    }

    @Test
    void everyVersionIsChecked() {
        assertThat(CrdSchemaValidation.validate(crdSpec("""
                group: example.com
                names: {plural: widgets, kind: Widget}
                scope: Namespaced
                versions:
                  - name: v1
                    served: true
                    storage: true
                    schema: {openAPIV3Schema: {type: object}}
                  - name: v2
                    served: true
                    storage: false
                    schema: {openAPIV3Schema: {type: string}}
                """)).stream().map(FieldError::toString).toList()).containsExactly(
                "spec.versions[1].schema.openAPIV3Schema.type: Invalid value: \"string\": must be object at the root");
    }
}
