package io.kubeling.api;

/**
 * A response body already encoded as compact JSON, ending with its newline: sent as it is to a client that takes
 * compact JSON, read back into a tree for pretty JSON or YAML.
 */
record EncodedBody(byte[] bytes) {

    /** The body of one encoded object: its JSON and the newline kube ends it with. */
    static EncodedBody line(byte[] json) {
        byte[] body = java.util.Arrays.copyOf(json, json.length + 1);
        body[json.length] = '\n';
        return new EncodedBody(body);
    }
}
