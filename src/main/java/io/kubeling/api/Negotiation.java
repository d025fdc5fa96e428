package io.kubeling.api;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.kubeling.registry.Errors;

/** Picks the response encoding from an Accept header, in the client's order of preference. */
final class Negotiation {

    private static final List<String> VIEWS = List.of(ResponseTarget.TABLE, ResponseTarget.PARTIAL,
            ResponseTarget.PARTIAL_LIST);

    private Negotiation() {
    }

    static WireFormat responseFormat(String accept) {
        return target(accept, false).format();
    }

    /**
     * The first media range of the header that can be served. A range asking for a view ({@code as=})
     * is served only where {@code views} says the answer is an object or list that has one; elsewhere,
     * as a protobuf range, it is passed over for the next.
     */
    static ResponseTarget target(String accept, boolean views) {
        if (accept == null || accept.isBlank()) {
            return new ResponseTarget(WireFormat.JSON, null, null);
        }
        for (String range : accept.split(",")) {
            String[] parts = range.split(";", -1);
            WireFormat format = format(parts[0].trim().toLowerCase(Locale.ROOT));
            if (format == null) {
                continue;
            }
            Map<String, String> params = parameters(parts);
            String as = params.get("as");
            if (as == null) {
                return new ResponseTarget(format, null, null);
            }
            String view = VIEWS.stream().filter(as::equalsIgnoreCase).findFirst().orElse(null);
            String version = params.get("v");
            if (views && view != null && "meta.k8s.io".equals(params.get("g"))
                    && ("v1".equals(version) || "v1beta1".equals(version))) {
                return new ResponseTarget(format, view, version);
            }
        }
        throw Errors.notAcceptable("only the following media types are accepted: application/json, application/yaml");
    }

    private static WireFormat format(String type) {
        return switch (type) {
            case "application/json", "application/*", "*/*", "application/json-patch+json",
                    "application/merge-patch+json", "application/strategic-merge-patch+json" -> WireFormat.JSON;
            case "application/yaml", "application/x-yaml", "text/yaml" -> WireFormat.YAML;
            default -> null;
        };
    }

    private static Map<String, String> parameters(String[] parts) {
        Map<String, String> params = new HashMap<>();
        for (int i = 1; i < parts.length; i++) {
            int eq = parts[i].indexOf('=');
            if (eq > 0) {
                String value = parts[i].substring(eq + 1).trim();
                if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
                    value = value.substring(1, value.length() - 1);
                }
                params.put(parts[i].substring(0, eq).trim().toLowerCase(Locale.ROOT), value);
            }
        }
        return params;
    }

    /** The request body's encoding, or null when its media type is none of ours. */
    static WireFormat bodyFormat(String contentType) {
        if (contentType == null || contentType.isBlank()) {
            return WireFormat.JSON;
        }
        String type = contentType.split(";", -1)[0].trim().toLowerCase(Locale.ROOT);
        return switch (type) {
            case "application/json" -> WireFormat.JSON;
            case "application/yaml", "application/x-yaml", "text/yaml" -> WireFormat.YAML;
            default -> null;
        };
    }
}
