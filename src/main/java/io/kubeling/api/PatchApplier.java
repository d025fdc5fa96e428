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
import jakarta.json.JsonString;
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
import tools.jackson.databind.node.ObjectNode;

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

    /**
     * Under fieldValidation Warn (the default) and Strict kube first reads the operations strictly into its own
     * struct and refuses what does not read with "error decoding patch"; under Ignore only jsonpatch's decode reads
     * them, and its error is the answer. Null is a patch of no operations either way.
     */
    private JsonNode jsonPatch(JsonNode original, byte[] patch, List<String> findings) {
        boolean strict = findings != null;
        String prefix = strict ? DECODE_ERROR : "";
        Read read = read(patch, strict, prefix);
        JsonValue parsed = read.value();
        if (parsed.getValueType() == JsonValue.ValueType.NULL) {
            return original;
        }
        if (parsed.getValueType() != JsonValue.ValueType.ARRAY) {
            throw Errors.badRequest(prefix + "json: cannot unmarshal " + goType(parsed) + " into Go value of type "
                    + (strict ? "[]handlers.jsonPatchOp" : "jsonpatch.Patch"));
        }
        JsonArray operations = parsed.asJsonArray();
        for (JsonValue operation : operations) {
            if (operation.getValueType() != JsonValue.ValueType.OBJECT
                    && operation.getValueType() != JsonValue.ValueType.NULL) {
                throw Errors.badRequest(prefix + "json: cannot unmarshal " + goType(operation)
                        + " into Go value of type " + (strict ? "handlers.jsonPatchOp" : "jsonpatch.Operation"));
            }
        }
        if (strict && (read.duplicated() || hasUnknownMembers(operations))) {
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

    /**
     * Under fieldValidation Warn (the default) and Strict kube first reads the patch strictly into a map and refuses
     * what does not read with "error decoding patch"; jsonpatch's merge then refuses null, and under Ignore also
     * what is no JSON or a lone value, with its "Invalid JSON Patch", and takes a list as the whole new object.
     */
    private JsonNode mergePatch(JsonNode original, byte[] patch, List<String> findings) {
        JsonValue parsed;
        if (findings != null) {
            Read read = read(patch, true, DECODE_ERROR);
            parsed = read.value();
            if (parsed.getValueType() != JsonValue.ValueType.OBJECT
                    && parsed.getValueType() != JsonValue.ValueType.NULL) {
                throw Errors.badRequest(DECODE_ERROR + "json: cannot unmarshal " + goType(parsed)
                        + " into Go value of type map[string]interface {}");
            }
            if (read.duplicated()) {
                findings.addAll(StrictFindings.duplicates(patch, json));
            }
        } else {
            try {
                parsed = JSON_P.createReader(new StringReader(new String(patch, StandardCharsets.UTF_8))).readValue();
            } catch (RuntimeException e) {
                throw Errors.badRequest(BAD_MERGE_PATCH);
            }
            if (parsed.getValueType() == JsonValue.ValueType.ARRAY) {
                return fromJsonP(withoutNulls(parsed.asJsonArray()));
            }
        }
        if (parsed.getValueType() != JsonValue.ValueType.OBJECT) {
            throw Errors.badRequest(BAD_MERGE_PATCH);
        }
        return merged(original.deepCopy(), parsed);
    }

    /**
     * RFC 7386's MergePatch(target, patch), as JSON-P's merge patch works it, on the Jackson tree itself: only what the
     * patch names is converted, rather than the whole object written out and read back twice. Changes {@code target}.
     */
    private JsonNode merged(JsonNode target, JsonValue patch) {
        if (patch.getValueType() != JsonValue.ValueType.OBJECT) {
            return converted(patch);
        }
        ObjectNode object = target instanceof ObjectNode o ? o : json.createObjectNode();
        for (Map.Entry<String, JsonValue> member : patch.asJsonObject().entrySet()) {
            if (member.getValue().getValueType() == JsonValue.ValueType.NULL) {
                object.remove(member.getKey());
            } else {
                object.set(member.getKey(), merged(object.get(member.getKey()), member.getValue()));
            }
        }
        return object;
    }

    /** A value of the patch as it stands; numbers and lists go through their text, as Jackson reads them. */
    private JsonNode converted(JsonValue value) {
        return switch (value.getValueType()) {
            case STRING -> json.getNodeFactory().stringNode(((JsonString) value).getString());
            case TRUE -> json.getNodeFactory().booleanNode(true);
            case FALSE -> json.getNodeFactory().booleanNode(false);
            case NULL -> json.getNodeFactory().nullNode();
            default -> fromJsonP(value);
        };
    }

    private static final String DECODE_ERROR = "error decoding patch: ";
    /** jsonpatch's ErrBadJSONPatch. */
    private static final String BAD_MERGE_PATCH = "Invalid JSON Patch";

    /** jsonpatch's pruneAryNulls: the list without its null elements. */
    private static JsonArray withoutNulls(JsonArray list) {
        var out = JSON_P.createArrayBuilder();
        list.stream().filter(v -> v.getValueType() != JsonValue.ValueType.NULL).forEach(out::add);
        return out.build();
    }

    /** A patch read by JSON-P, and whether a key came twice (the last value kept), when that was looked for. */
    private record Read(JsonValue value, boolean duplicated) {
    }

    /** Reads a patch; what is no JSON is refused with Go's words for it after {@code prefix}. */
    private static Read read(byte[] patch, boolean findDuplicates, String prefix) {
        String text = new String(patch, StandardCharsets.UTF_8);
        if (findDuplicates) {
            try {
                return new Read(DUPLICATE_REFUSING_JSON_P.createReader(new StringReader(text)).readValue(), false);
            } catch (RuntimeException e) {
                if (GoJsonSyntax.error(patch) != null) {
                    throw decodeError(patch, e, prefix);
                }
                // well-formed, so a key came twice (or the nesting is past JSON-P's depth, which the read below refuses)
                return new Read(read(text, patch, prefix), true);
            }
        }
        return new Read(read(text, patch, prefix), false);
    }

    private static JsonValue read(String text, byte[] patch, String prefix) {
        try {
            return JSON_P.createReader(new StringReader(text)).readValue();
        } catch (RuntimeException e) {
            throw decodeError(patch, e, prefix);
        }
    }

    /** Parsson refuses malformed JSON with a JsonException, nesting beyond its depth with a bare RuntimeException. */
    private static RuntimeException decodeError(byte[] patch, RuntimeException e, String prefix) {
        String syntax = GoJsonSyntax.error(patch);
        return Errors.badRequest(prefix + (syntax != null ? syntax : message(e)));
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
