package io.kubeling.controllers.deployments;

import java.nio.charset.StandardCharsets;

import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import tools.jackson.databind.json.JsonMapper;

/**
 * The {@code pod-template-hash} of a template, after kube's controller.ComputeHash: FNV-32a over the
 * template's printed form (here its JSON, which is stable for equal templates) and the collision count,
 * the decimal digits then spelled in kube's vowel-free alphabet (rand.SafeEncodeString).
 */
final class TemplateHash {

    private static final String ALPHABET = "bcdfghjklmnpqrstvwxz2456789";
    private static final int FNV_OFFSET = 0x811c9dc5;
    private static final int FNV_PRIME = 0x01000193;

    private TemplateHash() {
    }

    static String of(JsonMapper mapper, PodTemplateSpec template, Integer collisionCount) {
        int hash = FNV_OFFSET;
        hash = fnv(hash, mapper.writeValueAsString(mapper.valueToTree(template)).getBytes(StandardCharsets.UTF_8));
        if (collisionCount != null) {
            int c = collisionCount;
            hash = fnv(hash, new byte[] {(byte) c, (byte) (c >>> 8), (byte) (c >>> 16), (byte) (c >>> 24)});
        }
        return safeEncode(Integer.toUnsignedString(hash));
    }

    private static int fnv(int hash, byte[] bytes) {
        for (byte b : bytes) {
            hash ^= b & 0xff;
            hash *= FNV_PRIME;
        }
        return hash;
    }

    private static String safeEncode(String s) {
        StringBuilder out = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            out.append(ALPHABET.charAt(c % ALPHABET.length()));
        }
        return out.toString();
    }
}
