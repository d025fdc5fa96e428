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

    private static final byte[] PLACEHOLDER_FIELD = field(PLACEHOLDER);

    /**
     * The form of {@code json}, an object encoded with the placeholder as its resourceVersion; null unless the
     * placeholder's field is there exactly once and after the type fields, so that it can only be the metadata's.
     */
    static WrittenForm of(byte[] json, int untypedFrom) {
        return cut(json, untypedFrom, PLACEHOLDER_FIELD);
    }

    /** {@code json} without its {@code ,"resourceVersion":"version"}; null unless it is there once, after the types. */
    static WrittenForm cut(byte[] json, int untypedFrom, String version) {
        return cut(json, untypedFrom, field(version));
    }

    private static WrittenForm cut(byte[] json, int untypedFrom, byte[] field) {
        int at = indexOf(json, field, 0);
        if (at < untypedFrom || indexOf(json, field, at + 1) >= 0) {
            return null;
        }
        byte[] plain = new byte[json.length - field.length];
        System.arraycopy(json, 0, plain, 0, at);
        System.arraycopy(json, at + field.length, plain, at, plain.length - at);
        return new WrittenForm(plain, at, untypedFrom);
    }

    /** The object as the API sends it at {@code revision}. */
    EncodedObject answer(long revision) {
        return answer(Long.toString(revision));
    }

    /** The object as the API sends it with {@code version} as its resourceVersion. */
    EncodedObject answer(String version) {
        return EncodedObject.joined(plain, at, field(version), untypedFrom);
    }

    private static byte[] field(String version) {
        return (",\"resourceVersion\":\"" + version + "\"").getBytes(StandardCharsets.US_ASCII);
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
