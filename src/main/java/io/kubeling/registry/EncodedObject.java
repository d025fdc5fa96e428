package io.kubeling.registry;

/**
 * An object at one revision as the API sends it in JSON, compact: {@code json} is the whole object, and its
 * fields after the leading {@code apiVersion} and {@code kind} begin at {@code untypedFrom}, so that a typed
 * list's item, which kube sends without them, is {@code '{'} and the rest of the bytes. Shared by every response
 * that sends the object: not to be changed.
 */
public record EncodedObject(byte[] json, int untypedFrom) {

    /** The length of the object without its apiVersion and kind. */
    public int untypedLength() {
        return json.length - untypedFrom + 1;
    }

    /**
     * The same object with another resourceVersion: {@code ,"resourceVersion":"from"} replaced; null unless it is
     * there exactly once.
     */
    public EncodedObject withResourceVersion(String from, String to) {
        byte[] field = (",\"resourceVersion\":\"" + from + "\"").getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        int at = WrittenForm.indexOf(json, field, 0);
        if (at < untypedFrom || WrittenForm.indexOf(json, field, at + 1) >= 0) {
            return null;
        }
        byte[] replacement = (",\"resourceVersion\":\"" + to + "\"").getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        byte[] out = new byte[json.length - field.length + replacement.length];
        System.arraycopy(json, 0, out, 0, at);
        System.arraycopy(replacement, 0, out, at, replacement.length);
        System.arraycopy(json, at + field.length, out, at + replacement.length, json.length - at - field.length);
        return new EncodedObject(out, untypedFrom);
    }

    /** Copies the object without its apiVersion and kind into {@code target} at {@code at}; returns the end. */
    public int copyUntyped(byte[] target, int at) {
        target[at] = '{';
        System.arraycopy(json, untypedFrom, target, at + 1, json.length - untypedFrom);
        return at + untypedLength();
    }
}
