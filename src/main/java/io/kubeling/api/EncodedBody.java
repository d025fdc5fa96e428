package io.kubeling.api;

/**
 * A response body already encoded as compact JSON, ending with its newline: sent as it is to a client that takes
 * compact JSON, read back into a tree for pretty JSON or YAML.
 */
record EncodedBody(byte[] bytes) {
}
