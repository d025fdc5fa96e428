package io.kubeling.api;

import io.kubeling.registry.EncodedObject;

/**
 * A response body already encoded as compact JSON, ending with its newline: sent as it is to a client that takes
 * compact JSON, read back into a tree for pretty JSON or YAML.
 */
record EncodedBody(byte[] bytes) {

    /**
     * The body of one encoded object: its JSON and the newline kube ends it with, copied from its parts, so that a
     * written object's JSON is not put together whole first only to be copied again.
     */
    static EncodedBody line(EncodedObject object) {
        int length = object.length();
        byte[] body = new byte[length + 1];
        object.copyTo(body, 0);
        body[length] = '\n';
        return new EncodedBody(body);
    }
}
