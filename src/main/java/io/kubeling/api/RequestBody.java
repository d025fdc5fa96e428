package io.kubeling.api;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.stereotype.Component;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.kubeling.config.KubelingProperties;
import io.kubeling.registry.DecodingException;
import io.kubeling.registry.Errors;
import io.kubeling.registry.GoJsonTypes;
import io.kubeling.registry.ObjectCodec;
import io.kubeling.registry.ResourceDefinition;
import io.kubeling.registry.validation.FieldError;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/** Reads request bodies within the size limit and decodes them into the resource's type. */
@Component
class RequestBody {

    private final Codecs codecs;
    private final ObjectCodec codec;
    private final ProtobufBodies protobuf;
    private final int maxBytes;

    RequestBody(Codecs codecs, ObjectCodec codec, KubelingProperties properties, ProtobufBodies protobuf) {
        this.codecs = codecs;
        this.codec = codec;
        this.protobuf = protobuf;
        this.maxBytes = properties.api().maxRequestBytes();
    }

    byte[] read(HttpServletRequest request) {
        byte[] buffered = BufferedBody.bufferedBody(request);
        if (buffered != null) {
            // read, bounded and timed already, before the write took its seat
            return buffered;
        }
        if (request.getContentLengthLong() > maxBytes) {
            throw tooLarge();
        }
        try (InputStream in = request.getInputStream()) {
            byte[] body = in.readNBytes(maxBytes + 1);
            if (body.length > maxBytes) {
                throw tooLarge();
            }
            return body;
        } catch (IOException e) {
            throw Errors.badRequest("unable to read the request body: " + e.getMessage());
        }
    }

    private RuntimeException tooLarge() {
        return Errors.tooLarge("Request entity too large: limit is " + maxBytes);
    }

    /** Parses the body as a tree in the format its Content-Type names. */
    JsonNode tree(byte[] body, String contentType, FieldValidation validation) {
        return tree(body, contentType, validation, null, null);
    }

    /**
     * Parses the body of a request for {@code kind} of {@code version} as a tree in the format its Content-Type
     * names, refused in kube's words, which name the kind when there is one, when it is no object or repeats a key
     * under fieldValidation=Strict.
     */
    JsonNode tree(byte[] body, String contentType, FieldValidation validation, String kind, String version) {
        if (ProtobufBodies.isProtobuf(contentType)) {
            return protobuf.tree(body);
        }
        boolean strict = validation == FieldValidation.STRICT;
        JsonNode tree = parse(body, format(contentType), kind, strict, null);
        if (tree == null) {
            String reason = "strict decoding error: "
                    + String.join(", ", StrictFindings.duplicates(body, codecs.json()));
            throw Errors.badRequest(kind == null ? reason : kind + " in version \"" + version
                    + "\" cannot be handled as a " + kind + ": " + reason);
        }
        return tree;
    }

    /**
     * The body's tree, an object as kube's first look at it makes of it, or null when {@code lookForDuplicates} and
     * a JSON key repeats; refused in kube's words, naming {@code kind} when there is one, when it does not parse.
     * go-yaml's words for a YAML mapping's twice-set keys go to {@code yamlDuplicates} when it is not null.
     */
    private JsonNode parse(byte[] body, WireFormat format, String kind, boolean lookForDuplicates,
            List<String> yamlDuplicates) {
        JsonNode tree;
        try {
            tree = format == WireFormat.YAML ? codecs.readYaml(body, yamlDuplicates)
                    : codecs.readTree(body, format, lookForDuplicates);
        } catch (JacksonException e) {
            String syntax = GoJsonSyntax.error(body);
            if (syntax != null) {
                throw unrecognized(kind, PARSE_ERROR + syntax, body);
            }
            if (lookForDuplicates && Codecs.isDuplicate(e)) {
                return null;
            }
            throw Errors.badRequest("error decoding the body: " + e.getOriginalMessage());
        } catch (YamlTrees.Malformed e) {
            throw unrecognized(kind, e.getMessage(), body);
        }
        return typeMetaObject(tree, format, kind, body);
    }

    private static WireFormat format(String contentType) {
        WireFormat format = Negotiation.bodyFormat(contentType);
        if (format == null) {
            throw Errors.unsupportedMediaType("the body of the request was in an unknown format - accepted media types "
                    + "include: application/json, application/yaml, application/vnd.kubernetes.protobuf");
        }
        return format;
    }

    /**
     * Reads a create's or an update's body into the resource's type, refused in kube's words when it is no object
     * of that type; duplicate and unknown fields are refused, warned of or dropped as {@code validation} asks.
     */
    <T extends HasMetadata> T object(byte[] body, String contentType, ResourceDefinition<T> def,
            FieldValidation validation, List<String> warnings) {
        if (ProtobufBodies.isProtobuf(contentType)) {
            return decode(protobuf.tree(body), def, validation, warnings, decodeFailure(def), null);
        }
        WireFormat format = format(contentType);
        boolean lookForDuplicates = validation != FieldValidation.IGNORE;
        List<String> yamlDuplicates = lookForDuplicates && format == WireFormat.YAML ? new ArrayList<>() : null;
        JsonNode tree = parse(body, format, def.kind(), lookForDuplicates, yamlDuplicates);
        boolean duplicated = tree == null;
        if (duplicated) {
            // the value as Go's decoder reads it, the last of a key's values winning; the duplicates are named later
            tree = typeMetaObject(codecs.readTree(body, format, false), format, def.kind(), body);
        }
        Source source = new Source(body, format == WireFormat.JSON ? body : null, duplicated, yamlDuplicates, null);
        return decode(tree, def, validation, warnings, decodeFailure(def), source);
    }

    /**
     * What kube's first look at a body, for apiVersion and kind, makes of it: an object is itself, null an empty
     * object, anything else is refused.
     */
    private static ObjectNode typeMetaObject(JsonNode tree, WireFormat format, String kind, byte[] body) {
        if (tree instanceof ObjectNode object) {
            return object;
        }
        if (tree == null || tree.isMissingNode()) {
            String syntax = format == WireFormat.JSON ? GoJsonSyntax.error(body) : null;
            if (syntax != null) {
                throw unrecognized(kind, PARSE_ERROR + syntax, body);
            }
            return JsonNodeFactory.instance.objectNode();
        }
        if (tree.isNull()) {
            return JsonNodeFactory.instance.objectNode();
        }
        throw unrecognized(kind, PARSE_ERROR + "json: cannot unmarshal " + GoJsonTypes.of(tree)
                + " into Go value of type " + TYPE_META_STRUCT, body);
    }

    /**
     * kube's answer to a body for {@code kind} whose apiVersion and kind could not be read: the reason, then the
     * body's first bytes as its summarizeData gives them; without a kind (a DELETE's options), the reason alone.
     */
    private static RuntimeException unrecognized(String kind, String reason, byte[] body) {
        if (kind == null) {
            return Errors.badRequest(reason);
        }
        return Errors.badRequest("the object provided is unrecognized (must be of type " + kind + "): " + reason
                + " (" + GoJsonSyntax.summary(body, 30) + ")");
    }

    /** kube's answer to a body that does not decode into the kind, or breaks fieldValidation=Strict. */
    private static Function<String, RuntimeException> decodeFailure(ResourceDefinition<?> def) {
        return reason -> cannotBeHandled(def, reason);
    }

    private static RuntimeException cannotBeHandled(ResourceDefinition<?> def, String reason) {
        return Errors.badRequest(def.kind() + " in version \"" + def.version() + "\" cannot be handled as a "
                + def.kind() + ": " + reason);
    }

    /**
     * Decodes a tree into the resource's type after checking its apiVersion and kind against
     * the URL, which fills them in when the tree leaves them out; unknown fields are dropped and reported through {@code warnings} or refused.
     */
    <T extends HasMetadata> T decode(JsonNode tree, ResourceDefinition<T> def, FieldValidation validation,
            List<String> warnings) {
        return decode(tree, def, validation, warnings, decodeFailure(def), null);
    }

    /**
     * {@link #decode} of the result of a patch, which kube refuses as an invalid patch (422) when it does not
     * decode or breaks fieldValidation=Strict, naming the patched object; what the read of the patch itself found
     * ({@link PatchApplier}) comes first.
     */
    <T extends HasMetadata> T decodePatched(JsonNode tree, ResourceDefinition<T> def, FieldValidation validation,
            List<String> warnings, List<String> patchFindings) {
        Source source = patchFindings.isEmpty() ? null : new Source(null, null, false, null, patchFindings);
        requirePatchedObject(tree);
        return decode(tree, def, validation, warnings, invalidPatch(tree), source);
    }

    /**
     * Refuses the result of a patch that is no object (a merge patch that is a list, which becomes the whole object
     * under fieldValidation=Ignore) as kube's patcher refuses what does not decode: an invalid patch (422).
     */
    void requirePatchedObject(JsonNode tree) {
        if (!(tree instanceof ObjectNode)) {
            throw invalidPatch(tree).apply(PARSE_ERROR + "json: cannot unmarshal " + GoJsonTypes.of(tree)
                    + " into Go value of type " + TYPE_META_STRUCT);
        }
    }

    private Function<String, RuntimeException> invalidPatch(JsonNode tree) {
        return reason -> Errors.invalid("", null, "", "",
                List.of(FieldError.invalid("patch", codecs.json().writeValueAsString(tree), reason)));
    }

    private static final String PARSE_ERROR = "couldn't get version/kind; json parse error: ";
    private static final String TYPE_META_STRUCT = "struct { APIVersion string \"json:\\\"apiVersion,omitempty\\\"\"; "
            + "Kind string \"json:\\\"kind,omitempty\\\"\" }";

    /**
     * The body a tree was read from, for kube's words about it: the raw bytes when they were JSON (whose document
     * order the findings follow), whether a key came twice, go-yaml's words for YAML's twice-set keys, and what
     * the read of a patch found in it.
     */
    private record Source(byte[] body, byte[] json, boolean duplicated, List<String> yamlDuplicates,
            List<String> patchFindings) {

        boolean hasDuplicates() {
            return duplicated || (yamlDuplicates != null && !yamlDuplicates.isEmpty())
                    || (patchFindings != null && !patchFindings.isEmpty());
        }
    }

    /** apiVersion or kind as kube's decoder finds them first: a string, or absent; anything else is refused. */
    private static String typeMetaField(ObjectNode object, String name, ResourceDefinition<?> def, Source source) {
        JsonNode value = object.get(name);
        if (value == null || value.isNull()) {
            return "";
        }
        if (!value.isString()) {
            throw typeMetaError(def, source, PARSE_ERROR + "json: cannot unmarshal " + GoJsonTypes.of(value)
                    + " into Go struct field ." + name + " of type string");
        }
        return value.stringValue();
    }

    private static boolean isMistyped(JsonNode typeMetaValue) {
        return typeMetaValue != null && !typeMetaValue.isNull() && !typeMetaValue.isString();
    }

    private static RuntimeException typeMetaError(ResourceDefinition<?> def, Source source, String reason) {
        return source == null || source.body() == null ? Errors.badRequest(reason)
                : unrecognized(def.kind(), reason, source.body());
    }

    private <T extends HasMetadata> T decode(JsonNode tree, ResourceDefinition<T> def, FieldValidation validation,
            List<String> warnings, Function<String, RuntimeException> failure, Source source) {
        if (!(tree instanceof ObjectNode fields)) {
            throw Errors.badRequest(PARSE_ERROR + "json: cannot unmarshal " + GoJsonTypes.of(tree)
                    + " into Go value of type " + TYPE_META_STRUCT);
        }
        if (isMistyped(fields.get("kind")) && isMistyped(fields.get("apiVersion"))) {
            // Go's decoder names the first it meets
            typeMetaField(fields, fields.propertyNames().stream().filter(n -> n.equals("kind")
                    || n.equals("apiVersion")).findFirst().orElseThrow(), def, source);
        }
        String kind = typeMetaField(fields, "kind", def, source);
        String apiVersion = typeMetaField(fields, "apiVersion", def, source);
        if (apiVersion.indexOf('/') != apiVersion.lastIndexOf('/')) {
            throw typeMetaError(def, source, "unexpected GroupVersion string: " + apiVersion);
        }
        // as kube's decoder defaults them from the URL: list items and many clients' objects carry neither
        if (kind.isEmpty()) {
            kind = def.kind();
            fields.put("kind", kind);
        }
        if (apiVersion.isEmpty()) {
            apiVersion = def.apiVersion();
            fields.put("apiVersion", apiVersion);
        }
        if (!apiVersion.equals(def.apiVersion())) {
            throw Errors.badRequest("the API version in the data (" + apiVersion
                    + ") does not match the expected API version (" + def.apiVersion() + ")");
        }
        if (!kind.equals(def.kind())) {
            throw Errors.badRequest("the kind in the data (" + kind + ") does not match the expected kind ("
                    + def.kind() + ")");
        }
        T object;
        try {
            object = codec.decodeRequest(tree, def.type());
        } catch (DecodingException e) {
            throw failure.apply(e.getMessage());
        }
        List<String> unknown = def.isCustom() ? customUnknown(object, def) : UnknownFields.strip(object);
        if (validation == FieldValidation.IGNORE || (unknown.isEmpty() && (source == null || !source.hasDuplicates()))) {
            return object;
        }
        List<String> fieldFindings = fieldFindings(tree, def, unknown, source);
        List<String> yamlDuplicates = source == null || source.yamlDuplicates() == null ? List.of()
                : source.yamlDuplicates();
        List<String> patchFindings = source == null || source.patchFindings() == null ? List.of()
                : source.patchFindings();
        if (validation == FieldValidation.STRICT) {
            List<String> parts = new ArrayList<>();
            if (!yamlDuplicates.isEmpty()) {
                parts.add(YamlTrees.unmarshalErrors(yamlDuplicates));
            }
            parts.addAll(patchFindings);
            parts.addAll(fieldFindings);
            throw failure.apply("strict decoding error: " + String.join(", ", parts));
        }
        warnings.addAll(yamlDuplicates);
        warnings.addAll(patchFindings);
        warnings.addAll(fieldFindings);
        return object;
    }

    /**
     * A custom resource's unknown fields, dropped, in the order kube's decoder finds them: its metadata's (which
     * ObjectMeta reads), then what its schema prunes.
     */
    private static <T extends HasMetadata> List<String> customUnknown(T object, ResourceDefinition<T> def) {
        List<String> metadata = object.getMetadata() == null ? List.of() : UnknownFields.strip(object.getMetadata());
        List<String> pruned = def.strategy().prune(object);
        if (metadata.isEmpty()) {
            return pruned;
        }
        List<String> unknown = new ArrayList<>();
        metadata.stream().sorted().forEach(field -> unknown.add("metadata." + field));
        unknown.addAll(pruned);
        return unknown;
    }

    /**
     * The duplicate and unknown fields kube's decoder names, in its order: a typed kind's JSON body in document
     * order; JSON a custom resource's map decoder read, its duplicates and then what pruning found; a body
     * converted from YAML or a patched object, as Go's sorted re-encoding of it orders them.
     */
    private List<String> fieldFindings(JsonNode tree, ResourceDefinition<?> def, List<String> unknown,
            Source source) {
        byte[] json = source == null ? null : source.json();
        if (def.isCustom()) {
            List<String> out = new ArrayList<>();
            if (json != null && source.duplicated()) {
                out.addAll(StrictFindings.duplicates(json, codecs.json()));
            }
            unknown.forEach(field -> out.add(StrictFindings.unknownField(field)));
            return out;
        }
        if (json != null) {
            return StrictFindings.typed(json, unknown, codecs.json());
        }
        return StrictFindings.sorted(tree, unknown);
    }

    /** A DELETE's body, refused with 400 when a field has the wrong type, as kube's decoder refuses it. */
    JsonNode deleteOptions(JsonNode tree) {
        try {
            codec.decodeRequest(tree, io.fabric8.kubernetes.api.model.DeleteOptions.class);
        } catch (DecodingException e) {
            throw Errors.badRequest(e.getMessage());
        }
        return tree;
    }
}
