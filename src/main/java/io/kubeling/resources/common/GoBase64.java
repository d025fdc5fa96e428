package io.kubeling.resources.common;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;

/**
 * Base64 as Go's encoding/base64 StdEncoding decodes it, which is how kube reads the []byte fields of Secrets
 * and ConfigMaps from JSON: padding is required, CR and LF are skipped, and a fault is reported with Go's
 * message and byte offset. Shared by the secrets and configmaps strategies.
 */
public final class GoBase64 {

    private static final int[] DECODE = new int[256];

    static {
        Arrays.fill(DECODE, -1);
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
        for (int i = 0; i < alphabet.length(); i++) {
            DECODE[alphabet.charAt(i)] = i;
        }
    }

    private GoBase64() {
    }

    /** The decoded bytes; IllegalArgumentException carries Go's message ("illegal base64 data at input byte N"). */
    public static byte[] decode(String text) {
        // Go counts the offset in bytes of the UTF-8 JSON string.
        byte[] src = text.getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream out = new ByteArrayOutputStream(src.length * 3 / 4);
        int si = 0;
        while (si < src.length) {
            int[] quantum = new int[4];
            int length = 4;
            boolean end = false;
            for (int j = 0; j < 4; j++) {
                if (si == src.length) {
                    if (j == 0) {
                        return out.toByteArray();
                    }
                    // StdEncoding is padded, so a short final quantum is corrupt from its first byte.
                    throw corrupt(si - j);
                }
                int in = src[si] & 0xff;
                si++;
                if (DECODE[in] >= 0) {
                    quantum[j] = DECODE[in];
                    continue;
                }
                if (in == '\n' || in == '\r') {
                    j--;
                    continue;
                }
                if (in != '=') {
                    throw corrupt(si - 1);
                }
                if (j < 2) {
                    throw corrupt(si - 1);
                }
                if (j == 2) {
                    si = skipNewlines(src, si);
                    if (si == src.length) {
                        throw corrupt(src.length);
                    }
                    if (src[si] != '=') {
                        throw corrupt(si - 1);
                    }
                    si++;
                }
                si = skipNewlines(src, si);
                if (si < src.length) {
                    throw corrupt(si);
                }
                length = j;
                end = true;
                break;
            }
            int value = quantum[0] << 18 | quantum[1] << 12 | quantum[2] << 6 | quantum[3];
            out.write(value >> 16);
            if (length > 2) {
                out.write(value >> 8);
            }
            if (length > 3) {
                out.write(value);
            }
            if (end) {
                break;
            }
        }
        return out.toByteArray();
    }

    /** The canonical encoding, as kube writes a []byte back out. */
    public static String encode(byte[] bytes) {
        return Base64.getEncoder().encodeToString(bytes);
    }

    private static int skipNewlines(byte[] src, int si) {
        while (si < src.length && (src[si] == '\n' || src[si] == '\r')) {
            si++;
        }
        return si;
    }

    private static IllegalArgumentException corrupt(int offset) {
        return new IllegalArgumentException("illegal base64 data at input byte " + offset);
    }
}
