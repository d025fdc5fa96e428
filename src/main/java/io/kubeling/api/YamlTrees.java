package io.kubeling.api;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Parse;
import org.snakeyaml.engine.v2.events.AliasEvent;
import org.snakeyaml.engine.v2.events.CollectionStartEvent;
import org.snakeyaml.engine.v2.events.Event;
import org.snakeyaml.engine.v2.events.NodeEvent;
import org.snakeyaml.engine.v2.events.ScalarEvent;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.ScannerException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.resolver.CoreScalarResolver;

import io.kubeling.registry.validation.GoQuote;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.MissingNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Reads the first YAML document of a body into a JSON tree as kube's YAML decoder does: aliases are expanded and
 * merge keys merged (Jackson's YAML parser gives an alias as its anchor's name), with go-yaml's guard against
 * documents that expand far beyond their size and a bound on nesting. Events are read one by one, so no depth of
 * nesting costs stack.
 */
final class YamlTrees {

    /** A body that is no YAML this reader takes; the message is go-yaml's where it has one. */
    static final class Malformed extends RuntimeException {
        Malformed(String message) {
            super(message, null, false, false);
        }
    }

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final String MERGE = "<<";

    private final int maxDepth;

    /** go-yaml's error for the keys set twice, one line each as {@link #read} words them. */
    static String unmarshalErrors(List<String> duplicates) {
        return "yaml: unmarshal errors:\n  " + String.join("\n  ", duplicates);
    }

    /** A mapping or sequence being read, with the anchor it will be known by and, for a mapping, its next key. */
    private static final class Open {
        final JsonNode node;
        final String anchor;
        String key;
        List<JsonNode> merges;

        Open(JsonNode node, String anchor) {
            this.node = node;
            this.anchor = anchor;
        }
    }

    YamlTrees(int maxDepth) {
        this.maxDepth = maxDepth;
    }

    JsonNode read(byte[] body) {
        return read(body, null);
    }

    /**
     * The first document's tree; when {@code duplicates} is given, each key set twice in a mapping adds go-yaml's
     * strict words for it ({@code line 5: key "name" already set in map}), the last value winning.
     */
    JsonNode read(byte[] body, List<String> duplicates) {
        LoadSettings settings = LoadSettings.builder().setCodePointLimit(Math.max(body.length, 1) + 1)
                .setUseMarks(true).build();
        Deque<Open> open = new ArrayDeque<>();
        Map<String, JsonNode> anchors = new HashMap<>();
        Map<String, Integer> sizes = new HashMap<>();
        long decoded = 0;
        long aliased = 0;
        try {
            for (Event event : new Parse(settings).parseString(new String(body, StandardCharsets.UTF_8))) {
                JsonNode value;
                switch (event.getEventId()) {
                    case MappingStart, SequenceStart -> {
                        if (open.size() >= maxDepth) {
                            throw new Malformed("yaml: exceeded max depth of " + maxDepth);
                        }
                        String anchor = anchor(event);
                        boolean mapping = event.getEventId() == Event.ID.MappingStart;
                        refuseTag((CollectionStartEvent) event, mapping ? "map" : "seq");
                        open.push(new Open(mapping ? NODES.objectNode() : NODES.arrayNode(), anchor));
                        decoded++;
                        continue;
                    }
                    case MappingEnd, SequenceEnd -> {
                        Open done = open.pop();
                        if (done.merges != null) {
                            merge((ObjectNode) done.node, done.merges);
                        }
                        value = done.node;
                        if (done.anchor != null) {
                            anchors.put(done.anchor, value);
                            sizes.remove(done.anchor);
                        }
                    }
                    case Scalar -> {
                        ScalarEvent scalar = (ScalarEvent) event;
                        value = scalar(scalar);
                        decoded++;
                        String anchor = anchor(event);
                        if (anchor != null) {
                            anchors.put(anchor, value);
                            sizes.remove(anchor);
                        }
                    }
                    case Alias -> {
                        String name = ((AliasEvent) event).getAlias().getValue();
                        JsonNode target = anchors.get(name);
                        if (target == null) {
                            throw new Malformed("yaml: unknown anchor '" + name + "' referenced");
                        }
                        int size = sizes.computeIfAbsent(name, n -> count(target));
                        decoded += size;
                        aliased += size;
                        // go-yaml's rule against alias bombs: aliases may not make up most of a large document
                        if (aliased > 100 && decoded > 1000 && (double) aliased / decoded > allowedAliasRatio(decoded)) {
                            throw new Malformed("yaml: document contains excessive aliasing");
                        }
                        value = target.deepCopy();
                    }
                    case DocumentEnd -> {
                        // only the first document counts, as in kube's decoder
                        return MissingNode.getInstance();
                    }
                    default -> {
                        continue;
                    }
                }
                if (open.isEmpty()) {
                    return value;
                }
                add(open.peek(), value, event, duplicates);
            }
        } catch (MarkedYamlEngineException e) {
            throw new Malformed("yaml: " + goYamlError(e));
        } catch (YamlEngineException e) {
            throw new Malformed("yaml: " + firstLine(e.getMessage()));
        }
        return MissingNode.getInstance();
    }

    private static void add(Open parent, JsonNode value, Event event, List<String> duplicates) {
        if (parent.node instanceof ArrayNode array) {
            array.add(value);
            return;
        }
        if (parent.key == null) {
            if (!value.isValueNode()) {
                throw new Malformed("yaml: invalid map key: " + (value.isArray() ? "[]interface {}"
                        : "map[interface {}]interface {}"));
            }
            parent.key = value.isNull() ? "null" : value.asString();
            if (duplicates != null && parent.node.has(parent.key)) {
                int line = event.getStartMark().map(m -> m.getLine() + 1).orElse(0);
                duplicates.add("line " + line + ": key " + goSyntax(value) + " already set in map");
            }
            return;
        }
        if (parent.key.equals(MERGE) && (value.isObject() || value.isArray())) {
            if (parent.merges == null) {
                parent.merges = new ArrayList<>();
            }
            parent.merges.add(value);
        } else {
            ((ObjectNode) parent.node).set(parent.key, value);
        }
        parent.key = null;
    }

    /** A key as Go's %#v prints it in go-yaml's message: strings quoted, other scalars as they are. */
    private static String goSyntax(JsonNode key) {
        if (key.isNull()) {
            return "<nil>";
        }
        return key.isString() ? GoQuote.quote(key.asString()) : key.asString();
    }

    /** Merge keys: the mapping's own keys win, then earlier merged mappings over later ones. */
    private static void merge(ObjectNode target, List<JsonNode> merges) {
        for (JsonNode merge : merges) {
            List<JsonNode> sources = new ArrayList<>();
            if (merge.isArray()) {
                merge.forEach(sources::add);
            } else {
                sources.add(merge);
            }
            for (JsonNode source : sources) {
                if (!source.isObject()) {
                    throw new Malformed("yaml: map merge requires map or sequence of maps as the value");
                }
                for (Map.Entry<String, JsonNode> e : source.properties()) {
                    if (!target.has(e.getKey())) {
                        target.set(e.getKey(), e.getValue().deepCopy());
                    }
                }
            }
        }
    }

    private static JsonNode scalar(ScalarEvent event) {
        String text = event.getValue();
        String tag = event.getTag().orElse(null);
        if (tag != null && !tag.equals("!")) {
            return tagged(tag, text);
        }
        if (!event.isPlain()) {
            return NODES.stringNode(text);
        }
        if (CoreScalarResolver.NULL.matcher(text).matches()) {
            return NODES.nullNode();
        }
        if (CoreScalarResolver.BOOL.matcher(text).matches()) {
            return NODES.booleanNode(text.equalsIgnoreCase("true"));
        }
        if (CoreScalarResolver.INT.matcher(text).matches()) {
            return integer(text);
        }
        if (CoreScalarResolver.FLOAT.matcher(text).matches()) {
            return real(text);
        }
        return NODES.stringNode(text);
    }

    private static JsonNode tagged(String tag, String text) {
        return switch (tag) {
            case "tag:yaml.org,2002:str" -> NODES.stringNode(text);
            case "tag:yaml.org,2002:int" -> CoreScalarResolver.INT.matcher(text).matches() ? integer(text)
                    : fail("yaml: cannot decode !!int `" + text + "` as a !!int");
            case "tag:yaml.org,2002:float" -> CoreScalarResolver.FLOAT.matcher(text).matches()
                    || CoreScalarResolver.INT.matcher(text).matches() ? real(text)
                    : fail("yaml: cannot decode !!str `" + text + "` as a !!float");
            case "tag:yaml.org,2002:bool" -> CoreScalarResolver.BOOL.matcher(text).matches()
                    ? NODES.booleanNode(text.equalsIgnoreCase("true"))
                    : fail("yaml: cannot decode !!str `" + text + "` as a !!bool");
            case "tag:yaml.org,2002:null" -> NODES.nullNode();
            default -> NODES.stringNode(text);
        };
    }

    private static JsonNode fail(String message) {
        throw new Malformed(message);
    }

    private static void refuseTag(CollectionStartEvent event, String expected) {
        String tag = event.getTag().orElse(null);
        if (tag != null && !tag.equals("!") && !tag.equals("tag:yaml.org,2002:" + expected)) {
            throw new Malformed("yaml: cannot decode " + tag + " as a !!" + expected);
        }
    }

    private static JsonNode integer(String text) {
        String digits = text.startsWith("+") ? text.substring(1) : text;
        BigInteger value;
        if (digits.startsWith("0x")) {
            value = new BigInteger(digits.substring(2), 16);
        } else if (digits.startsWith("0o")) {
            value = new BigInteger(digits.substring(2), 8);
        } else {
            value = new BigInteger(digits);
        }
        // the node types Jackson's JSON parser gives, so that equal numbers from either format compare equal
        if (value.bitLength() < 32) {
            return NODES.numberNode(value.intValue());
        }
        return value.bitLength() < 64 ? NODES.numberNode(value.longValue()) : NODES.numberNode(value);
    }

    private static JsonNode real(String text) {
        String lower = text.toLowerCase(java.util.Locale.ROOT);
        if (lower.endsWith(".inf") || lower.equals(".nan")) {
            // JSON has no such numbers: they stay text, which typed fields then refuse
            return NODES.stringNode(text);
        }
        double value = Double.parseDouble(text);
        return Double.isInfinite(value) ? NODES.numberNode(new java.math.BigDecimal(text)) : NODES.numberNode(value);
    }

    private static String anchor(Event event) {
        return ((NodeEvent) event).getAnchor().map(a -> a.getValue()).orElse(null);
    }

    private static int count(JsonNode node) {
        int n = 1;
        for (JsonNode child : node) {
            n += count(child);
        }
        return n;
    }

    /** go-yaml's allowedAliasRatio: lenient for small documents, strict for large ones. */
    private static double allowedAliasRatio(long decoded) {
        if (decoded <= 400_000) {
            return 0.99;
        }
        if (decoded >= 4_000_000) {
            return 0.10;
        }
        return 0.99 - 0.89 * ((double) (decoded - 400_000) / 3_600_000);
    }

    /**
     * A syntax error in libyaml's words, which go-yaml reports, where SnakeYAML words the same problem otherwise,
     * with go-yaml's line: a scanner error's line counted from 1, a parser error's from 0, none on the first.
     */
    private static String goYamlError(MarkedYamlEngineException e) {
        String problem = e.getProblem() == null ? "" : e.getProblem();
        String context = e.getContext() == null ? "" : e.getContext();
        String words;
        if (problem.equals("mapping values are not allowed here")) {
            words = "mapping values are not allowed in this context";
        } else if (problem.startsWith("found character") && problem.contains("that cannot start any token")) {
            words = "found character that cannot start any token";
        } else if (problem.startsWith("expected ',' or ']'")) {
            words = "did not find expected ',' or ']'";
        } else if (problem.startsWith("expected ',' or '}'")) {
            words = "did not find expected ',' or '}'";
        } else if (problem.startsWith("expected the node content")) {
            words = "did not find expected node content";
        } else if (problem.startsWith("expected <block end>") && context.equals("while parsing a block mapping")) {
            words = "did not find expected key";
        } else if (problem.startsWith("expected <block end>") && context.equals("while parsing a block collection")) {
            words = "did not find expected '-' indicator";
        } else {
            words = problem.isEmpty() ? firstLine(e.getMessage()) : problem;
        }
        int line = e.getProblemMark().map(m -> m.getLine()).orElse(0);
        if (line != 0 && e instanceof ScannerException) {
            line++;
        } else if (line == 0) {
            line = e.getContextMark().map(m -> m.getLine()).orElse(0);
        }
        return line == 0 ? words : "line " + line + ": " + words;
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "malformed document";
        }
        int newline = message.indexOf('\n');
        return (newline < 0 ? message : message.substring(0, newline)).trim();
    }
}
