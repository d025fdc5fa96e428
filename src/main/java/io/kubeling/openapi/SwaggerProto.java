package io.kubeling.openapi;

import java.util.Map;

import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Message;

import io.kubeling.openapi.v2.Document;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads a Swagger 2.0 JSON document into gnostic's {@code openapi.v2} messages, as gnostic's compiler does, by
 * the messages' descriptors: a JSON key is the field of the same JSON name, an {@code x-} key a vendor extension,
 * an object kept as (name, value) pairs the {@code Named*} list, and a value of any type an {@code Any} holding
 * its text, which clients read as YAML. The few messages that are a choice between shapes choose as gnostic does.
 */
final class SwaggerProto {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String VENDOR_EXTENSION = "vendor_extension";

    private SwaggerProto() {
    }

    static Document document(JsonNode swagger) {
        Document.Builder doc = Document.newBuilder();
        fill(doc, swagger);
        return doc.build();
    }

    private static void fill(Message.Builder b, JsonNode node) {
        Descriptor d = b.getDescriptorForType();
        switch (d.getName()) {
            case "Any" -> b.setField(d.findFieldByName("yaml"), JSON.writeValueAsString(node));
            case "TypeItem", "StringArray" -> {
                FieldDescriptor value = d.findFieldByName("value");
                if (node.isArray()) {
                    node.forEach(v -> b.addRepeatedField(value, v.asString()));
                } else {
                    b.addRepeatedField(value, node.asString());
                }
            }
            case "ItemsItem" -> {
                FieldDescriptor schema = d.findFieldByName("schema");
                if (node.isArray()) {
                    node.forEach(v -> b.addRepeatedField(schema, message(b, schema, v)));
                } else {
                    b.addRepeatedField(schema, message(b, schema, node));
                }
            }
            case "AdditionalPropertiesItem" -> choose(b, node.isBoolean() ? "boolean" : "schema", node);
            case "ParametersItem", "ResponseValue" -> choose(b, node.has("$ref") ? "json_reference"
                    : d.getName().equals("ParametersItem") ? "parameter" : "response", node);
            case "Parameter" -> choose(b, "body".equals(node.path("in").asString())
                    ? "body_parameter" : "non_body_parameter", node);
            case "NonBodyParameter" -> choose(b, switch (node.path("in").asString()) {
                case "header" -> "header_parameter_sub_schema";
                case "formData" -> "form_data_parameter_sub_schema";
                case "path" -> "path_parameter_sub_schema";
                default -> "query_parameter_sub_schema";
            }, node);
            case "SchemaItem" -> choose(b, "file".equals(node.path("type").asString()) ? "file_schema" : "schema",
                    node);
            case "SecurityDefinitionsItem" -> choose(b, security(node), node);
            default -> object(b, node);
        }
    }

    /** The one field of a choice message that {@code node} fills. */
    private static void choose(Message.Builder b, String field, JsonNode node) {
        FieldDescriptor f = b.getDescriptorForType().findFieldByName(field);
        b.setField(f, f.getJavaType() == FieldDescriptor.JavaType.MESSAGE ? message(b, f, node) : node.asBoolean());
    }

    private static String security(JsonNode node) {
        return switch (node.path("type").asString()) {
            case "basic" -> "basic_authentication_security";
            case "apiKey" -> "api_key_security";
            default -> switch (node.path("flow").asString()) {
                case "implicit" -> "oauth2_implicit_security";
                case "password" -> "oauth2_password_security";
                case "application" -> "oauth2_application_security";
                default -> "oauth2_access_code_security";
            };
        };
    }

    private static void object(Message.Builder b, JsonNode node) {
        Descriptor d = b.getDescriptorForType();
        FieldDescriptor extensions = d.findFieldByName(VENDOR_EXTENSION);
        FieldDescriptor entries = namedList(d);
        for (Map.Entry<String, JsonNode> e : node.properties()) {
            String key = e.getKey();
            if (key.startsWith("x-") && extensions != null) {
                b.addRepeatedField(extensions, named(b, extensions, key, e.getValue()));
            } else if (entries != null) {
                b.addRepeatedField(entries, named(b, entries, key, e.getValue()));
            } else {
                FieldDescriptor f = field(d, key);
                if (f == null) {
                    throw new IllegalArgumentException("no field " + key + " in " + d.getFullName());
                }
                set(b, f, e.getValue());
            }
        }
    }

    /** The (name, value) list of a message that stands for a JSON object with free keys, if it is one. */
    private static FieldDescriptor namedList(Descriptor d) {
        for (FieldDescriptor f : d.getFields()) {
            if (f.isRepeated() && f.getJavaType() == FieldDescriptor.JavaType.MESSAGE
                    && f.getMessageType().getName().startsWith("Named") && !f.getName().equals(VENDOR_EXTENSION)) {
                return f;
            }
        }
        return null;
    }

    private static FieldDescriptor field(Descriptor d, String key) {
        if (key.equals("$ref")) {
            return d.findFieldByName("_ref");
        }
        for (FieldDescriptor f : d.getFields()) {
            if (f.getJsonName().equals(key) || f.getName().equals(key)) {
                return f;
            }
        }
        return null;
    }

    private static Message named(Message.Builder b, FieldDescriptor list, String name, JsonNode value) {
        Message.Builder entry = b.newBuilderForField(list);
        Descriptor d = entry.getDescriptorForType();
        entry.setField(d.findFieldByName("name"), name);
        set(entry, d.findFieldByName("value"), value);
        return entry.build();
    }

    private static void set(Message.Builder b, FieldDescriptor f, JsonNode value) {
        if (f.isRepeated() && f.getJavaType() != FieldDescriptor.JavaType.MESSAGE) {
            value.forEach(v -> b.addRepeatedField(f, scalar(f, v)));
        } else if (f.isRepeated()) {
            value.forEach(v -> b.addRepeatedField(f, message(b, f, v)));
        } else if (f.getJavaType() == FieldDescriptor.JavaType.MESSAGE) {
            b.setField(f, message(b, f, value));
        } else {
            b.setField(f, scalar(f, value));
        }
    }

    private static Message message(Message.Builder b, FieldDescriptor f, JsonNode value) {
        Message.Builder child = b.newBuilderForField(f);
        fill(child, value);
        return child.build();
    }

    private static Object scalar(FieldDescriptor f, JsonNode v) {
        return switch (f.getJavaType()) {
            case STRING -> v.asString();
            case BOOLEAN -> v.asBoolean();
            case DOUBLE -> v.asDouble();
            case LONG -> v.asLong();
            case INT -> v.asInt();
            default -> throw new IllegalArgumentException("unexpected field type of " + f.getFullName());
        };
    }
}
