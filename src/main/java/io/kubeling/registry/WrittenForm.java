package io.kubeling.registry;

import java.nio.charset.StandardCharsets;

/**
 * A written object encoded once: {@code plain}, its JSON without {@code metadata.resourceVersion} (the stored form,
 * storage keeping the revision itself), and {@code at}, where the answer's {@code ,"resourceVersion":"N"} goes once
 * the write has its revision. The answer is then the bytes that encoding the object with that resourceVersion
 * gives, without encoding it a second time.
 */
record WrittenForm(byte[] plain, int at, int untypedFrom) {

    /** The resourceVersion the object is encoded with to find the place: no revision looks like it. */
    static final String PLACEHOLDER = "kubeling-written-7c1e3a95";

    private static final byte[] FIELD = (",\"resourceVersion\":\"" + PLACEHOLDER + "\"")
            .getBytes(StandardCharsets.US_ASCII);

    /**
     * The form of {@code json}, an object encoded with the placeholder as its resourceVersion; null unless the
     * placeholder's field is there exactly once and after the type fields, so that it can only be the metadata's.
     */
    static WrittenForm of(byte[] json, int untypedFrom) {
        int at = indexOf(json, FIELD, 0);
        if (at < untypedFrom || indexOf(json, FIELD, at + 1) >= 0) {
            return null;
        }
        byte[] plain = new byte[json.length - FIELD.length];
        System.arraycopy(json, 0, plain, 0, at);
        System.arraycopy(json, at + FIELD.length, plain, at, plain.length - at);
        return new WrittenForm(plain, at, untypedFrom);
    }

    /** The object as the API sends it at {@code revision}. */
    EncodedObject answer(long revision) {
        byte[] field = (",\"resourceVersion\":\"" + revision + "\"").getBytes(StandardCharsets.US_ASCII);
        byte[] json = new byte[plain.length + field.length];
        System.arraycopy(plain, 0, json, 0, at);
        System.arraycopy(field, 0, json, at, field.length);
        System.arraycopy(plain, at, json, at + field.length, plain.length - at);
        return new EncodedObject(json, untypedFrom);
    }

    /** Where {@code field} first is in {@code json} from {@code from} on, or -1. */
    static int indexOf(byte[] json, byte[] field, int from) {
        byte first = field[0];
        for (int i = from, last = json.length - field.length; i <= last; i++) {
            if (json[i] != first) {
                continue;
            }
            int j = 1;
            while (j < field.length && json[i + j] == field[j]) {
                j++;
            }
            if (j == field.length) {
                return i;
            }
        }
        return -1;
    }
}
