package io.kubeling.api;

import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import jakarta.json.JsonArray;
import jakarta.json.JsonConfig;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonReaderFactory;
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
    private static final JsonReaderFactory DUPLICATE_REFUSING_JSON_P = JSON_P.createReaderFactory(
            Map.of(JsonConfig.KEY_STRATEGY, JsonConfig.KeyStrategy.NONE));

    private final Codecs codecs;
    private final JsonMapper json;

    PatchApplier(Codecs codecs) {
        this.codecs = codecs;
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
        return apply(patchType, original, patch, type, null);
    }

    /**
     * Applies a patch; when {@code findings} is given (fieldValidation Warn or Strict), adds what kube's strict read
     * of the patch itself names: a merge patch's keys set twice at any depth, a JSON patch's operations' unknown and
     * repeated members ({@code json patch unknown field "[0].foo"}). Readers that refuse a repeated key find them, so
     * a patch without any is read once.
     */
    JsonNode apply(String patchType, JsonNode original, byte[] patch, Class<?> type, List<String> findings) {
        return switch (patchType) {
            case JSON_PATCH -> jsonPatch(original, patch, findings);
            case MERGE_PATCH -> mergePatch(original, patch, findings);
            case STRATEGIC_MERGE_PATCH -> strategic(original, patch, type, findings);
            default -> throw new IllegalArgumentException(patchType);
        };
    }

    private JsonNode jsonPatch(JsonNode original, byte[] patch, List<String> findings) {
        Read read = read(patch, findings != null);
        JsonValue parsed = read.value();
        if (parsed.getValueType() != JsonValue.ValueType.ARRAY) {
            // as kube's strict read of the operations (fieldValidation Warn, the default, or Strict) words it
            throw Errors.badRequest("error decoding patch: json: cannot unmarshal " + goType(parsed)
                    + " into Go value of type []handlers.jsonPatchOp");
        }
        JsonArray operations = parsed.asJsonArray();
        if (findings != null && (read.duplicated() || hasUnknownMembers(operations))) {
            for (String finding : StrictFindings.members(patch, OPERATION_MEMBERS, json)) {
                findings.add("json patch " + finding);
            }
        }
        try {
            JsonStructure target = toJsonP(original);
            JsonStructure result = JSON_P.createPatch(operations).apply(target);
            return fromJsonP(result);
        } catch (JsonException | ClassCastException | NullPointerException e) {
            throw Errors.error(422, "Invalid", message(e), null);
        }
    }

    /** The members of a JSON patch operation kube's jsonPatchOp struct has. */
    private static final Set<String> OPERATION_MEMBERS = Set.of("op", "path", "from", "value");

    private static boolean hasUnknownMembers(JsonArray operations) {
        for (JsonValue operation : operations) {
            if (operation instanceof JsonObject object && !OPERATION_MEMBERS.containsAll(object.keySet())) {
                return true;
            }
        }
        return false;
    }

    private JsonNode mergePatch(JsonNode original, byte[] patch, List<String> findings) {
        Read read = read(patch, findings != null);
        JsonValue parsed = read.value();
        if (parsed.getValueType() != JsonValue.ValueType.OBJECT) {
            throw Errors.badRequest("error decoding patch: json: cannot unmarshal " + goType(parsed)
                    + " into Go value of type map[string]interface {}");
        }
        if (read.duplicated()) {
            findings.addAll(StrictFindings.duplicates(patch, json));
        }
        JsonValue result = JSON_P.createMergePatch(parsed).apply(toJsonP(original));
        return fromJsonP(result);
    }

    /** A patch read by JSON-P, and whether a key came twice (the last value kept), when that was looked for. */
    private record Read(JsonValue value, boolean duplicated) {
    }

    private static Read read(byte[] patch, boolean findDuplicates) {
        String text = new String(patch, StandardCharsets.UTF_8);
        if (findDuplicates) {
            try {
                return new Read(DUPLICATE_REFUSING_JSON_P.createReader(new StringReader(text)).readValue(), false);
            } catch (RuntimeException e) {
                if (GoJsonSyntax.error(patch) != null) {
                    throw decodeError(patch, e);
                }
                // well-formed, so a key came twice (or the nesting is past JSON-P's depth, which the read below refuses)
                return new Read(read(text, patch), true);
            }
        }
        return new Read(read(text, patch), false);
    }

    private static JsonValue read(String text, byte[] patch) {
        try {
            return JSON_P.createReader(new StringReader(text)).readValue();
        } catch (RuntimeException e) {
            throw decodeError(patch, e);
        }
    }

    /** Parsson refuses malformed JSON with a JsonException, nesting beyond its depth with a bare RuntimeException. */
    private static RuntimeException decodeError(byte[] patch, RuntimeException e) {
        String syntax = GoJsonSyntax.error(patch);
        return Errors.badRequest("error decoding patch: " + (syntax != null ? syntax : message(e)));
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

    private JsonNode strategic(JsonNode original, byte[] patch, Class<?> type, List<String> findings) {
        JsonNode parsed;
        try {
            parsed = codecs.readTree(patch, WireFormat.JSON, findings != null);
        } catch (JacksonException e) {
            // kube answers a strategic merge patch that is no JSON with Go's words alone
            String syntax = GoJsonSyntax.error(patch);
            if (syntax != null) {
                throw Errors.badRequest(syntax);
            }
            if (findings == null || !Codecs.isDuplicate(e)) {
                throw Errors.badRequest("error decoding patch: " + e.getOriginalMessage());
            }
            findings.addAll(StrictFindings.duplicates(patch, json));
            parsed = json.readTree(patch);
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
