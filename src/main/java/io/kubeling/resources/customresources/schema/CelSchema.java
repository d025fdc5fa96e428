package io.kubeling.resources.customresources.schema;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.cel.common.types.CelType;
import io.kubeling.cel.CelTypes;
import io.kubeling.cel.CelValues;
import tools.jackson.databind.JsonNode;

/**
 * The CEL types and values of schema nodes, as kube's SchemaDeclType and UnstructuredToVal give
 * them: objects with their declared (escaped) fields, maps, lists, strings of format byte,
 * duration, date and date-time as bytes, durations and timestamps, int-or-string as dyn; the root
 * and embedded resources expose apiVersion, kind, metadata.name and metadata.generateName.
 */
final class CelSchema {

    private static final Set<String> RESERVED = Set.of("true", "false", "null", "in", "as", "break", "const",
            "continue", "else", "for", "function", "if", "import", "let", "loop", "package", "namespace", "return",
            "var", "void", "while");
    private static final Pattern ESCAPABLE = Pattern.compile("^[a-zA-Z_.\\-/][a-zA-Z0-9_.\\-/]*$");
    private static final Pattern GO_DURATION = Pattern.compile("(\\d+(?:\\.\\d*)?|\\.\\d+)(ns|us|µs|μs|ms|s|m|h)");

    private CelSchema() {
    }

    /** kube's cel.Escape: a CEL identifier for a property name, or null when it has none. */
    static String escape(String name) {
        if (RESERVED.contains(name)) {
            return "__" + name + "__";
        }
        if (!ESCAPABLE.matcher(name).matches()) {
            return null;
        }
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c == '_' && i + 1 < name.length() && name.charAt(i + 1) == '_') {
                s.append("__underscores__");
                i++;
            } else if (c == '.') {
                s.append("__dot__");
            } else if (c == '-') {
                s.append("__dash__");
            } else if (c == '/') {
                s.append("__slash__");
            } else {
                s.append(c);
            }
        }
        return s.toString();
    }

    static CelType type(Node s, String name, boolean resource) {
        if (s == null || s.intOrString || s.type.isEmpty()) {
            return CelTypes.DYN;
        }
        switch (s.type) {
            case "integer":
                return CelTypes.INT;
            case "number":
                return CelTypes.DOUBLE;
            case "boolean":
                return CelTypes.BOOL;
            case "string":
                return switch (s.format) {
                    case "byte" -> CelTypes.BYTES;
                    case "duration" -> CelTypes.DURATION;
                    case "date", "date-time" -> CelTypes.TIMESTAMP;
                    default -> CelTypes.STRING;
                };
            case "array":
                return CelTypes.list(type(s.items, name + ".@items", s.items != null && s.items.embeddedResource));
            case "object":
                if (s.additionalProperties != null) {
                    return CelTypes.map(type(s.additionalProperties, name + ".@values",
                            s.additionalProperties.embeddedResource));
                }
                Map<String, CelType> fields = new LinkedHashMap<>();
                if (resource) {
                    fields.put("apiVersion", CelTypes.STRING);
                    fields.put("kind", CelTypes.STRING);
                    fields.put("metadata", CelTypes.object(name + ".metadata",
                            Map.of("name", CelTypes.STRING, "generateName", CelTypes.STRING)));
                }
                for (Map.Entry<String, Node> e : s.properties.entrySet()) {
                    String field = escape(e.getKey());
                    if (field != null && !(resource && fields.containsKey(field))) {
                        fields.put(field, type(e.getValue(), name + "." + field, e.getValue().embeddedResource));
                    }
                }
                return CelTypes.object(name, fields);
            default:
                return CelTypes.DYN;
        }
    }

    static Object value(Node s, JsonNode data, boolean resource) {
        if (data == null || data.isNull() || data.isMissingNode()) {
            return CelValues.fromJson(null);
        }
        if (s == null || s.intOrString || s.type.isEmpty()) {
            return CelValues.fromJson(data);
        }
        if (data.isString()) {
            String v = data.stringValue();
            switch (s.format) {
                case "byte":
                    try {
                        return CelValues.bytes(Base64.getDecoder().decode(v));
                    } catch (IllegalArgumentException e) {
                        return v;
                    }
                case "duration":
                    Duration d = goDuration(v);
                    return d == null ? v : CelValues.duration(d);
                case "date", "date-time":
                    Instant t = timestamp(v);
                    return t == null ? v : CelValues.timestamp(t);
                default:
                    return v;
            }
        }
        if (data.isArray()) {
            List<Object> list = new ArrayList<>(data.size());
            for (JsonNode e : data) {
                list.add(value(s.items, e, s.items != null && s.items.embeddedResource));
            }
            return list;
        }
        if (data.isObject()) {
            Map<String, Object> map = new LinkedHashMap<>();
            if (s.additionalProperties != null) {
                for (Map.Entry<String, JsonNode> e : data.properties()) {
                    map.put(e.getKey(), value(s.additionalProperties, e.getValue(),
                            s.additionalProperties.embeddedResource));
                }
                return map;
            }
            for (Map.Entry<String, JsonNode> e : data.properties()) {
                String key = e.getKey();
                if (resource && (key.equals("apiVersion") || key.equals("kind"))) {
                    map.put(key, CelValues.fromJson(e.getValue()));
                } else if (resource && key.equals("metadata") && !s.properties.containsKey("metadata")) {
                    Map<String, Object> meta = new LinkedHashMap<>();
                    for (String f : List.of("name", "generateName")) {
                        if (e.getValue().has(f)) {
                            meta.put(f, CelValues.fromJson(e.getValue().get(f)));
                        }
                    }
                    map.put(key, meta);
                } else {
                    Node prop = s.properties.get(key);
                    String field = escape(key);
                    if (prop != null && field != null) {
                        map.put(field, value(prop, e.getValue(), prop.embeddedResource));
                    }
                }
            }
            return map;
        }
        return CelValues.fromJson(data);
    }

    static Instant timestamp(String v) {
        try {
            if (v.length() == 10) {
                return LocalDate.parse(v).atStartOfDay(ZoneOffset.UTC).toInstant();
            }
            return OffsetDateTime.parse(v.replace(' ', 'T').replace('t', 'T').replace('z', 'Z')).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /** Go's time.ParseDuration. */
    static Duration goDuration(String v) {
        String t = v;
        boolean negative = false;
        if (t.startsWith("-") || t.startsWith("+")) {
            negative = t.startsWith("-");
            t = t.substring(1);
        }
        if (t.equals("0")) {
            return Duration.ZERO;
        }
        Matcher m = GO_DURATION.matcher(t);
        int at = 0;
        double nanos = 0;
        while (at < t.length()) {
            if (!m.find(at) || m.start() != at) {
                return null;
            }
            double n = Double.parseDouble(m.group(1));
            nanos += n * switch (m.group(2)) {
                case "ns" -> 1;
                case "us", "µs", "μs" -> 1e3;
                case "ms" -> 1e6;
                case "s" -> 1e9;
                case "m" -> 60e9;
                default -> 3600e9;
            };
            at = m.end();
        }
        if (at == 0) {
            return null;
        }
        Duration d = Duration.ofNanos((long) nanos);
        return negative ? d.negated() : d;
    }
}
