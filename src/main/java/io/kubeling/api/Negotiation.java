package io.kubeling.api;

import java.util.Locale;

import io.kubeling.registry.Errors;

/** Picks the response encoding from an Accept header, in the client's order of preference. */
final class Negotiation {

    private Negotiation() {
    }

    static WireFormat responseFormat(String accept) {
        if (accept == null || accept.isBlank()) {
            return WireFormat.JSON;
        }
        for (String range : accept.split(",")) {
            String[] params = range.trim().split(";");
            String type = params[0].trim().toLowerCase(Locale.ROOT);
            if (asKind(params) != null) {
                // Table and other conversions are answered when served; JSON stays acceptable after them.
                continue;
            }
            switch (type) {
                case "application/json", "application/*", "*/*", "application/json-patch+json",
                        "application/merge-patch+json", "application/strategic-merge-patch+json" -> {
                    return WireFormat.JSON;
                }
                case "application/yaml", "application/x-yaml", "text/yaml" -> {
                    return WireFormat.YAML;
                }
                default -> {
                }
            }
        }
        throw Errors.notAcceptable("only the following media types are accepted: application/json, application/yaml");
    }

    private static String asKind(String[] params) {
        for (int i = 1; i < params.length; i++) {
            String p = params[i].trim();
            if (p.startsWith("as=")) {
                return p.substring(3);
            }
        }
        return null;
    }

    /** The request body's encoding, or null when its media type is none of ours. */
    static WireFormat bodyFormat(String contentType) {
        if (contentType == null || contentType.isBlank()) {
            return WireFormat.JSON;
        }
        String type = contentType.split(";")[0].trim().toLowerCase(Locale.ROOT);
        return switch (type) {
            case "application/json" -> WireFormat.JSON;
            case "application/yaml", "application/x-yaml", "text/yaml" -> WireFormat.YAML;
            default -> null;
        };
    }
}
