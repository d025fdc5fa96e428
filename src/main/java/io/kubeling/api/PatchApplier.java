package io.kubeling.api;

import java.io.StringReader;
import java.util.Locale;

import jakarta.json.JsonArray;
import jakarta.json.JsonException;
import jakarta.json.JsonStructure;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;

import org.springframework.stereotype.Component;

import io.kubeling.registry.Errors;
import io.kubeling.registry.GoJsonTypes;
import io.kubeling.registry.patch.PatchException;
import io.kubeling.registry.patch.StrategicMergePatch;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Applies the three patch types to an object's JSON: RFC 6902 JSON Patch and RFC 7386 merge
 * patch through Jakarta JSON Processing (Parsson), and Kubernetes' strategic merge patch.
 */
@Component
class PatchApplier {

    static final String JSON_PATCH = "application/json-patch+json";
    static final String MERGE_PATCH = "application/merge-patch+json";
    static final String STRATEGIC_MERGE_PATCH = "application/strategic-merge-patch+json";
    static final String APPLY_PATCH = "application/apply-patch+yaml";

    /** Looked up once: {@code Json.create*} would search the class path for a provider on every call. */
    private static final JsonProvider JSON_P = JsonProvider.provider();

    private final JsonMapper json;

    PatchApplier(Codecs codecs) {
        this.json = codecs.json();
    }

    /** The patch type named by a Content-Type, or null when it is none of the patch types. */
    static String patchType(String contentType) {
        if (contentType == null) {
            return null;
        }
        String type = contentType.split(";", -1)[0].trim().toLowerCase(Locale.ROOT);
        return switch (type) {
            case JSON_PATCH, MERGE_PATCH, STRATEGIC_MERGE_PATCH, APPLY_PATCH -> type;
            default -> null;
        };
    }

    JsonNode apply(String patchType, JsonNode original, byte[] patch, Class<?> type) {
        return switch (patchType) {
            case JSON_PATCH -> jsonPatch(original, patch);
            case MERGE_PATCH -> mergePatch(original, patch);
            case STRATEGIC_MERGE_PATCH -> strategic(original, patch, type);
            default -> throw new IllegalArgumentException(patchType);
        };
    }

    private JsonNode jsonPatch(JsonNode original, byte[] patch) {
        JsonValue parsed = read(patch);
        if (parsed.getValueType() != JsonValue.ValueType.ARRAY) {
            // as kube's strict read of the operations (fieldValidation Warn, the default, or Strict) words it
            throw Errors.badRequest("error decoding patch: json: cannot unmarshal " + goType(parsed)
                    + " into Go value of type []handlers.jsonPatchOp");
        }
        JsonArray operations = parsed.asJsonArray();
        try {
            JsonStructure target = toJsonP(original);
            JsonStructure result = JSON_P.createPatch(operations).apply(target);
            return fromJsonP(result);
        } catch (JsonException | ClassCastException | NullPointerException e) {
            throw Errors.error(422, "Invalid", message(e), null);
        }
    }

    private JsonNode mergePatch(JsonNode original, byte[] patch) {
        JsonValue parsed = read(patch);
        if (parsed.getValueType() != JsonValue.ValueType.OBJECT) {
            throw Errors.badRequest("error decoding patch: json: cannot unmarshal " + goType(parsed)
                    + " into Go value of type map[string]interface {}");
        }
        JsonValue result = JSON_P.createMergePatch(parsed).apply(toJsonP(original));
        return fromJsonP(result);
    }

    private static JsonValue read(byte[] patch) {
        try {
            return JSON_P.createReader(new StringReader(new String(patch, java.nio.charset.StandardCharsets.UTF_8)))
                    .readValue();
        } catch (RuntimeException e) {
            // Parsson refuses malformed JSON with a JsonException, nesting beyond its depth with a bare RuntimeException
            String syntax = GoJsonSyntax.error(patch);
            throw Errors.badRequest("error decoding patch: " + (syntax != null ? syntax : message(e)));
        }
    }

    /** A JSON-P value's type as Go's encoding/json names it in its errors. */
    private static String goType(JsonValue value) {
        return switch (value.getValueType()) {
            case ARRAY -> "array";
            case OBJECT -> "object";
            case STRING -> "string";
            case NUMBER -> "number";
            case TRUE, FALSE -> "bool";
            case NULL -> "null";
        };
    }

    private JsonNode strategic(JsonNode original, byte[] patch, Class<?> type) {
        JsonNode parsed;
        try {
            parsed = json.readTree(patch);
        } catch (JacksonException e) {
            // kube answers a strategic merge patch that is no JSON with Go's words alone
            String syntax = GoJsonSyntax.error(patch);
            throw Errors.badRequest(syntax != null ? syntax : "error decoding patch: " + e.getOriginalMessage());
        }
        if (parsed == null || parsed.isMissingNode()) {
            throw Errors.badRequest("unexpected end of JSON input");
        }
        if (!parsed.isObject()) {
            throw Errors.badRequest("json: cannot unmarshal " + GoJsonTypes.of(parsed)
                    + " into Go value of type map[string]interface {}");
        }
        try {
            return StrategicMergePatch.apply(original, parsed, type);
        } catch (PatchException e) {
            throw Errors.error(422, "Invalid", e.getMessage(), null);
        }
    }

    private JsonStructure toJsonP(JsonNode node) {
        return JSON_P.createReader(new StringReader(json.writeValueAsString(node))).read();
    }

    private JsonNode fromJsonP(JsonValue value) {
        try {
            return json.readTree(value.toString());
        } catch (JacksonException e) {
            throw Errors.badRequest("error decoding patch: " + e.getOriginalMessage());
        }
    }

    private static String message(RuntimeException e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
