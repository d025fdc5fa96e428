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
        WrittenForm form = WrittenForm.cut(json, untypedFrom, from);
        return form == null ? null : form.answer(to);
    }

    /** Copies the object without its apiVersion and kind into {@code target} at {@code at}; returns the end. */
    public int copyUntyped(byte[] target, int at) {
        target[at] = '{';
        System.arraycopy(json, untypedFrom, target, at + 1, json.length - untypedFrom);
        return at + untypedLength();
    }
}
