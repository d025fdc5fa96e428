package io.kubeling.api;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import io.kubeling.registry.validation.GoQuote;

import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What kube's strict decoder (sigs.k8s.io/json) reports of a body beside its value: duplicate and unknown fields,
 * each named once by its full path, in the order the decoder meets them, and no more than a hundred. Worked out
 * only for the rare body that has any.
 */
final class StrictFindings {

    /** sigs.k8s.io/json keeps no more. */
    private static final int MAX = 100;

    private final Set<String> unknown;
    private final boolean typed;
    private final Set<String> found = new LinkedHashSet<>();

    private StrictFindings(Collection<String> unknown, boolean typed) {
        this.unknown = new HashSet<>(unknown);
        this.typed = typed;
    }

    /**
     * A typed kind's JSON body, in document order: a field the type does not know is named once as unknown, and
     * neither its value nor its repetition is looked into, as Go's decoder skips it; a known field or map key met
     * twice is a duplicate.
     */
    static List<String> typed(byte[] json, Collection<String> unknown, JsonMapper mapper) {
        StrictFindings findings = new StrictFindings(unknown, true);
        findings.walk(json, mapper);
        return List.copyOf(findings.found);
    }

    /** The keys met twice in any object of a JSON body, in document order, as Go's decoder into maps finds them. */
    static List<String> duplicates(byte[] json, JsonMapper mapper) {
        StrictFindings findings = new StrictFindings(List.of(), false);
        findings.walk(json, mapper);
        return List.copyOf(findings.found);
    }

    /**
     * The members of a JSON array's objects beside {@code known}, and those repeated, in document order, as Go's
     * decoder into a slice of structs names them ({@code unknown field "[0].foo"}, {@code duplicate field
     * "[1].path"}).
     */
    static List<String> members(byte[] json, Set<String> known, JsonMapper mapper) {
        StrictFindings findings = new StrictFindings(List.of(), true);
        try (JsonParser parser = mapper.createParser(json)) {
            if (parser.nextToken() != JsonToken.START_ARRAY) {
                return List.of();
            }
            int i = 0;
            for (JsonToken element = parser.nextToken(); element != JsonToken.END_ARRAY; element = parser.nextToken()) {
                String path = "[" + i++ + "]";
                if (element != JsonToken.START_OBJECT) {
                    parser.skipChildren();
                    continue;
                }
                Set<String> seen = new HashSet<>();
                while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
                    String name = parser.currentName();
                    parser.nextToken();
                    parser.skipChildren();
                    if (!known.contains(name)) {
                        findings.add(unknownField(path + "." + name));
                    } else if (!seen.add(name)) {
                        findings.add(duplicateField(path + "." + name));
                    }
                }
            }
        }
        return List.copyOf(findings.found);
    }

    /**
     * Unknown fields in the order of a tree whose objects' keys are sorted: the order kube's decoder meets them in
     * JSON that Go encoded from a map, as a body converted from YAML or an object after a patch.
     */
    static List<String> sorted(JsonNode tree, Collection<String> unknown) {
        StrictFindings findings = new StrictFindings(unknown, true);
        findings.sortedWalk(tree, "");
        // what the walk could not place keeps its place after the rest
        List<String> out = new ArrayList<>(findings.found);
        for (String field : unknown) {
            if (!findings.found.contains(unknownField(field))) {
                out.add(unknownField(field));
            }
        }
        return out;
    }

    static String unknownField(String path) {
        return "unknown field " + GoQuote.quote(path);
    }

    static String duplicateField(String path) {
        return "duplicate field " + GoQuote.quote(path);
    }

    private void add(String message) {
        if (found.size() < MAX) {
            found.add(message);
        }
    }

    private static String child(String path, String name) {
        return path.isEmpty() ? name : path + "." + name;
    }

    private void walk(byte[] json, JsonMapper mapper) {
        try (JsonParser parser = mapper.createParser(json)) {
            if (parser.nextToken() != null) {
                value(parser, "");
            }
        }
    }

    private void value(JsonParser parser, String path) {
        JsonToken token = parser.currentToken();
        if (token == JsonToken.START_OBJECT) {
            Set<String> seen = new HashSet<>();
            while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
                String name = parser.currentName();
                String field = child(path, name);
                parser.nextToken();
                if (typed && unknown.contains(field)) {
                    add(unknownField(field));
                    parser.skipChildren();
                    continue;
                }
                if (!seen.add(name)) {
                    add(duplicateField(field));
                }
                value(parser, field);
            }
        } else if (token == JsonToken.START_ARRAY) {
            int i = 0;
            while (parser.nextToken() != JsonToken.END_ARRAY) {
                value(parser, path + "[" + i++ + "]");
            }
        }
    }

    private void sortedWalk(JsonNode node, String path) {
        if (node.isObject()) {
            Map<String, JsonNode> sorted = new TreeMap<>();
            node.properties().forEach(e -> sorted.put(e.getKey(), e.getValue()));
            for (Map.Entry<String, JsonNode> e : sorted.entrySet()) {
                String field = child(path, e.getKey());
                if (unknown.contains(field)) {
                    add(unknownField(field));
                } else {
                    sortedWalk(e.getValue(), field);
                }
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                sortedWalk(node.get(i), path + "[" + i + "]");
            }
        }
    }
}
