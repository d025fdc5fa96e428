package io.kubeling.resources.customresources.schema;

import java.util.List;

import io.kubeling.cel.CelSizes;

/**
 * The largest sizes a schema allows, for the cost of rules: maxItems, maxProperties and maxLength
 * where declared, else what fits in kube's largest request (3 MiB) given each item's smallest
 * serialized size, as kube's SchemaDeclType estimates them.
 */
final class SchemaSizes implements CelSizes {

    static final long MAX_REQUEST_BYTES = 3 * 1024 * 1024;

    private final Node self;

    SchemaSizes(Node self) {
        this.self = self;
    }

    @Override
    public long maxSize(List<String> path) {
        if (path.isEmpty() || !(path.get(0).equals("self") || path.get(0).equals("oldSelf"))) {
            return UNBOUNDED;
        }
        Node at = self;
        for (int i = 1; i < path.size() && at != null; i++) {
            String step = path.get(i);
            if (step.equals("@items")) {
                at = at.items != null ? at.items : at.additionalProperties;
            } else if (step.equals("value") || step.equals("orValue")) {
                continue;
            } else {
                Node next = null;
                for (var e : at.properties.entrySet()) {
                    if (step.equals(CelSchema.escape(e.getKey()))) {
                        next = e.getValue();
                    }
                }
                if (next == null && at.additionalProperties != null) {
                    next = at.additionalProperties;
                }
                at = next;
            }
        }
        return at == null ? UNBOUNDED : size(at);
    }

    /** How many values a node holds (items, entries, characters); 1 for scalars. */
    static long size(Node s) {
        if (s.type.equals("array")) {
            return s.maxItems != null ? s.maxItems : (MAX_REQUEST_BYTES - 2) / (minSerializedSize(s.items) + 1);
        }
        if (s.type.equals("object") && s.additionalProperties != null) {
            return s.maxProperties != null ? s.maxProperties
                    : (MAX_REQUEST_BYTES - 2) / (minSerializedSize(s.additionalProperties) + 4);
        }
        if (s.type.equals("string") || s.intOrString) {
            return s.maxLength != null ? s.maxLength : MAX_REQUEST_BYTES - 2;
        }
        return 1;
    }

    static long minSerializedSize(Node s) {
        if (s == null) {
            return 1;
        }
        return switch (s.type) {
            case "string", "object", "array" -> 2;
            case "boolean" -> 4;
            default -> 1;
        };
    }
}
