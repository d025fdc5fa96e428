package io.kubeling.controllers.history;

import java.nio.charset.StandardCharsets;

/**
 * The hashes revisions are named by, as kube computes them: FNV-1 (32 bits) over the bytes, then the collision
 * count in decimal when there is one, the sum's decimal digits spelled in kube's vowel-free alphabet
 * (rand.SafeEncodeString).
 */
public final class RevisionHash {

    private static final String ALPHABET = "bcdfghjklmnpqrstvwxz2456789";
    private static final int OFFSET = 0x811c9dc5;
    private static final int PRIME = 0x01000193;

    private RevisionHash() {
    }

    /** history.HashControllerRevision over a revision's data. */
    public static String of(byte[] data, Integer collisionCount) {
        int hash = fnv1(OFFSET, data);
        if (collisionCount != null) {
            hash = fnv1(hash, Integer.toString(collisionCount).getBytes(StandardCharsets.UTF_8));
        }
        return safeEncode(Integer.toUnsignedString(hash));
    }

    private static int fnv1(int hash, byte[] bytes) {
        for (byte b : bytes) {
            hash *= PRIME;
            hash ^= b & 0xff;
        }
        return hash;
    }

    static String safeEncode(String s) {
        StringBuilder out = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            out.append(ALPHABET.charAt(c % ALPHABET.length()));
        }
        return out.toString();
    }
}
