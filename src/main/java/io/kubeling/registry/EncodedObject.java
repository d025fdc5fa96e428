package io.kubeling.registry;

/**
 * An object at one revision as the API sends it in JSON, compact: {@link #json} is the whole object, and its
 * fields after the leading {@code apiVersion} and {@code kind} begin at {@link #untypedFrom}, so that a typed
 * list's item, which kube sends without them, is {@code '{'} and the rest of the bytes. Shared by every response
 * that sends the object: not to be changed. One made from a written form holds the form's bytes and the
 * resourceVersion's field apart, so that a list page copies both parts into its body without the whole object
 * being put together first; {@link #json} puts it together once, for the responses that send it alone.
 */
public final class EncodedObject {

    private final byte[] plain;
    /** Where {@code field} goes into {@code plain}, or -1 when {@code plain} is the whole object. */
    private final int at;
    private final byte[] field;
    private final int untypedFrom;
    private volatile byte[] json;

    public EncodedObject(byte[] json, int untypedFrom) {
        this(json, -1, null, untypedFrom);
        this.json = json;
    }

    private EncodedObject(byte[] plain, int at, byte[] field, int untypedFrom) {
        this.plain = plain;
        this.at = at;
        this.field = field;
        this.untypedFrom = untypedFrom;
    }

    /** {@code plain} with {@code field} at {@code at}, put together only when the whole is asked for. */
    static EncodedObject joined(byte[] plain, int at, byte[] field, int untypedFrom) {
        return new EncodedObject(plain, at, field, untypedFrom);
    }

    /** The whole object. */
    public byte[] json() {
        byte[] whole = json;
        if (whole == null) {
            whole = new byte[length()];
            copy(whole, 0, 0);
            json = whole;
        }
        return whole;
    }

    public int untypedFrom() {
        return untypedFrom;
    }

    /** The length of the whole object. */
    public int length() {
        return at < 0 ? plain.length : plain.length + field.length;
    }

    /** The length of the object without its apiVersion and kind. */
    public int untypedLength() {
        return length() - untypedFrom + 1;
    }

    /**
     * The same object with another resourceVersion: {@code ,"resourceVersion":"from"} replaced; null unless it is
     * there exactly once.
     */
    public EncodedObject withResourceVersion(String from, String to) {
        WrittenForm form = WrittenForm.cut(json(), untypedFrom, from);
        return form == null ? null : form.answer(to);
    }

    /** Copies the whole object into {@code target} at {@code to}; returns the end. */
    public int copyTo(byte[] target, int to) {
        return copy(target, to, 0);
    }

    /** Copies the object without its apiVersion and kind into {@code target} at {@code to}; returns the end. */
    public int copyUntyped(byte[] target, int to) {
        target[to] = '{';
        return copy(target, to + 1, untypedFrom);
    }

    /** Copies the object from its byte {@code from} (before the field's place) into {@code target} at {@code to}. */
    private int copy(byte[] target, int to, int from) {
        byte[] whole = json;
        if (whole != null || at < 0) {
            byte[] source = whole != null ? whole : plain;
            System.arraycopy(source, from, target, to, source.length - from);
            return to + source.length - from;
        }
        System.arraycopy(plain, from, target, to, at - from);
        to += at - from;
        System.arraycopy(field, 0, target, to, field.length);
        to += field.length;
        System.arraycopy(plain, at, target, to, plain.length - at);
        return to + plain.length - at;
    }
}
