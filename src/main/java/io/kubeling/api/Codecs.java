package io.kubeling.api;

import java.nio.charset.StandardCharsets;

import org.springframework.stereotype.Component;

import io.kubeling.registry.ObjectCodec;
import tools.jackson.core.JacksonException;
import tools.jackson.core.util.DefaultIndenter;
import tools.jackson.core.util.DefaultPrettyPrinter;
import tools.jackson.core.util.Separators;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.ObjectWriter;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.dataformat.yaml.YAMLMapper;
import tools.jackson.dataformat.yaml.YAMLWriteFeature;

/** JSON and YAML readers and writers for request and response bodies. */
@Component
class Codecs {

    private final JsonMapper json;
    private final ObjectReader duplicateRefusingJson;
    private final YAMLMapper yaml;
    private final ObjectWriter prettyJson;
    private final YamlTrees yamlTrees;

    Codecs(ObjectCodec codec) {
        this.json = codec.mapper();
        // the tree builder meets a duplicate only when a key's second value replaces its first: free otherwise
        this.duplicateRefusingJson = json.reader().with(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY);
        this.yaml = YAMLMapper.builder()
                .disable(YAMLWriteFeature.WRITE_DOC_START_MARKER)
                .enable(YAMLWriteFeature.MINIMIZE_QUOTES)
                .enable(YAMLWriteFeature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
                .disable(YAMLWriteFeature.SPLIT_LINES)
                .build();
        this.prettyJson = json.writer().with(goIndent());
        this.yamlTrees = new YamlTrees(json.tokenStreamFactory().streamReadConstraints().getMaxNestingDepth());
    }

    /**
     * Parses a body into a tree; a duplicate key in JSON fails only when {@code refuseDuplicates}, one in YAML
     * never (the last value wins). Throws a JacksonException for malformed JSON or a refused duplicate, a
     * {@link YamlTrees.Malformed} for malformed YAML.
     */
    JsonNode readTree(byte[] body, WireFormat format, boolean refuseDuplicates) {
        if (format == WireFormat.YAML) {
            return yamlTrees.read(body, null);
        }
        if (plainUtf8(body)) {
            // the mapper reads bytes through a JDK reader, which costs more than making a string of them first
            String text = new String(body, StandardCharsets.UTF_8);
            return refuseDuplicates ? duplicateRefusingJson.readTree(text) : json.readTree(text);
        }
        return refuseDuplicates ? duplicateRefusingJson.readTree(body) : json.readTree(body);
    }

    /**
     * Whether Jackson's detection of a body's encoding reads it as UTF-8 without a byte order mark: neither of its
     * first two bytes is zero (UTF-16 and UTF-32 have one there for any JSON text) and the first starts no mark.
     */
    static boolean plainUtf8(byte[] body) {
        if (body.length < 2 || body[0] == 0 || body[1] == 0) {
            return false;
        }
        int first = body[0] & 0xFF;
        return first != 0xEF && first != 0xFE && first != 0xFF;
    }

    /** Whether {@code e} is {@link #readTree}'s refusal of a repeated key. */
    static boolean isDuplicate(JacksonException e) {
        return e.getOriginalMessage() != null && e.getOriginalMessage().startsWith("Duplicate property");
    }

    /** A YAML body's tree, adding go-yaml's words for each key set twice in a mapping to {@code duplicates}. */
    JsonNode readYaml(byte[] body, java.util.List<String> duplicates) {
        return yamlTrees.read(body, duplicates);
    }

    byte[] write(Object value, WireFormat format, boolean pretty) {
        if (value instanceof EncodedBody encoded) {
            if (format == WireFormat.JSON && !pretty) {
                return encoded.bytes();
            }
            value = json.readTree(encoded.bytes());
        }
        if (format == WireFormat.YAML) {
            JsonNode tree = json.valueToTree(value);
            return yaml.writeValueAsBytes(tree);
        }
        ObjectWriter writer = pretty ? prettyJson : json.writer();
        byte[] bytes = writer.writeValueAsBytes(value);
        byte[] out = new byte[bytes.length + 1];
        System.arraycopy(bytes, 0, out, 0, bytes.length);
        out[bytes.length] = '\n';
        return out;
    }

    /** Indentation as Go's json.MarshalIndent with two spaces, which kube uses for pretty output. */
    private static DefaultPrettyPrinter goIndent() {
        Separators separators = Separators.createDefaultInstance()
                .withObjectNameValueSpacing(Separators.Spacing.AFTER)
                .withObjectEmptySeparator("")
                .withArrayEmptySeparator("");
        return new DefaultPrettyPrinter(separators).withArrayIndenter(DefaultIndenter.SYSTEM_LINEFEED_INSTANCE);
    }

    JsonMapper json() {
        return json;
    }
}
