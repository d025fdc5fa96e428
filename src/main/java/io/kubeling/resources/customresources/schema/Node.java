package io.kubeling.resources.customresources.schema;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

import io.fabric8.kubernetes.api.model.apiextensions.v1.JSONSchemaProps;
import io.fabric8.kubernetes.api.model.apiextensions.v1.ValidationRule;
import tools.jackson.databind.JsonNode;

/** One node of a schema, read once from JSONSchemaProps into what validation, pruning and defaulting use. */
final class Node {

    final JSONSchemaProps props;
    final String type;
    final String format;
    final boolean nullable;
    final boolean intOrString;
    final boolean preserveUnknownFields;
    final boolean embeddedResource;
    final Map<String, Node> properties = new LinkedHashMap<>();
    final Node items;
    final Node additionalProperties;
    final boolean additionalPropertiesAllowed;
    final List<String> required;
    final List<JsonNode> enumValues;
    final Pattern pattern;
    final Long maxLength;
    final Long minLength;
    final Long maxItems;
    final Long minItems;
    final Long maxProperties;
    final Long minProperties;
    final Double maximum;
    final boolean exclusiveMaximum;
    final Double minimum;
    final boolean exclusiveMinimum;
    final Double multipleOf;
    final String listType;
    final List<String> listMapKeys;
    final String mapType;
    final JsonNode defaultValue;
    final List<Node> allOf;
    final List<Node> anyOf;
    final List<Node> oneOf;
    final Node not;
    final List<ValidationRule> rules;

    private Node(JSONSchemaProps p) {
        props = p;
        type = p.getType() == null ? "" : p.getType();
        format = p.getFormat() == null ? "" : p.getFormat();
        nullable = Boolean.TRUE.equals(p.getNullable());
        intOrString = Boolean.TRUE.equals(p.getXKubernetesIntOrString());
        preserveUnknownFields = Boolean.TRUE.equals(p.getXKubernetesPreserveUnknownFields());
        embeddedResource = Boolean.TRUE.equals(p.getXKubernetesEmbeddedResource());
        if (p.getProperties() != null) {
            p.getProperties().forEach((k, v) -> properties.put(k, of(v)));
        }
        items = p.getItems() == null ? null : of(p.getItems().getSchema());
        if (p.getAdditionalProperties() != null) {
            additionalProperties = of(p.getAdditionalProperties().getSchema());
            Boolean allows = p.getAdditionalProperties().getAllows();
            additionalPropertiesAllowed = additionalProperties != null || allows == null || allows;
        } else {
            additionalProperties = null;
            additionalPropertiesAllowed = true;
        }
        required = p.getRequired() == null ? List.of() : p.getRequired();
        enumValues = p.getEnum() == null ? List.of() : p.getEnum();
        pattern = compile(p.getPattern());
        maxLength = p.getMaxLength();
        minLength = p.getMinLength();
        maxItems = p.getMaxItems();
        minItems = p.getMinItems();
        maxProperties = p.getMaxProperties();
        minProperties = p.getMinProperties();
        maximum = p.getMaximum();
        exclusiveMaximum = Boolean.TRUE.equals(p.getExclusiveMaximum());
        minimum = p.getMinimum();
        exclusiveMinimum = Boolean.TRUE.equals(p.getExclusiveMinimum());
        multipleOf = p.getMultipleOf();
        listType = p.getXKubernetesListType();
        listMapKeys = p.getXKubernetesListMapKeys() == null ? List.of() : p.getXKubernetesListMapKeys();
        mapType = p.getXKubernetesMapType();
        defaultValue = p.getDefault();
        allOf = list(p.getAllOf());
        anyOf = list(p.getAnyOf());
        oneOf = list(p.getOneOf());
        not = of(p.getNot());
        rules = p.getXKubernetesValidations() == null ? List.of() : p.getXKubernetesValidations();
    }

    static Node of(JSONSchemaProps p) {
        return p == null ? null : new Node(p);
    }

    private static List<Node> list(List<JSONSchemaProps> in) {
        if (in == null || in.isEmpty()) {
            return List.of();
        }
        List<Node> out = new ArrayList<>();
        in.forEach(p -> out.add(of(p)));
        return out;
    }

    private static Pattern compile(String regex) {
        if (regex == null) {
            return null;
        }
        try {
            return Pattern.compile(regex);
        } catch (PatternSyntaxException e) {
            return null;
        }
    }

    /** The schema of a field of an object at this node, or null when it is unknown. */
    Node child(String name) {
        Node p = properties.get(name);
        if (p != null) {
            return p;
        }
        return additionalProperties;
    }

    boolean isObject() {
        return "object".equals(type);
    }
}
