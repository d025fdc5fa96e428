package io.kubeling.resources.secrets;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import org.springframework.stereotype.Component;

import io.kubeling.config.EncryptionProperties;
import io.kubeling.config.KubelingProperties;
import io.kubeling.registry.Errors;
import io.kubeling.registry.GroupResource;
import io.kubeling.registry.ValueTransformer;

/**
 * Secrets encrypted at rest as kube-apiserver's {@code aesgcm} provider stores them: the value is
 * {@code k8s:enc:aesgcm:v1:<key name>:} followed by a random 12-byte nonce and the AES-GCM ciphertext with
 * its tag. Values stored before encryption (plain JSON) are still read, and count as stale.
 */
@Component
class SecretEncryption implements ValueTransformer {

    static final String PREFIX = "k8s:enc:aesgcm:v1:";
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final EncryptionKeys keys;
    private final byte[] primaryPrefix;
    private final SecureRandom random = new SecureRandom();

    SecretEncryption(EncryptionProperties properties, KubelingProperties kubeling) {
        this.keys = EncryptionKeys.load(properties, kubeling.dataDir());
        this.primaryPrefix = (PREFIX + keys.primary() + ":").getBytes(StandardCharsets.US_ASCII);
    }

    @Override
    public boolean appliesTo(GroupResource resource) {
        return resource.group().isEmpty() && resource.resource().equals("secrets");
    }

    @Override
    public byte[] toStorage(byte[] plain) {
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, keys.byName().get(keys.primary()), new GCMParameterSpec(TAG_BITS, nonce));
            byte[] sealed = cipher.doFinal(plain);
            return ByteBuffer.allocate(primaryPrefix.length + nonce.length + sealed.length)
                    .put(primaryPrefix).put(nonce).put(sealed).array();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available", e);
        }
    }

    @Override
    public byte[] fromStorage(byte[] stored) {
        if (!startsWith(stored, PREFIX.getBytes(StandardCharsets.US_ASCII))) {
            return stored;
        }
        int nameEnd = indexOf(stored, (byte) ':', PREFIX.length());
        if (nameEnd < 0) {
            throw Errors.internal("invalid encrypted value: no key name");
        }
        String name = new String(stored, PREFIX.length(), nameEnd - PREFIX.length(), StandardCharsets.US_ASCII);
        SecretKeySpec key = keys.byName().get(name);
        if (key == null) {
            throw Errors.internal("no matching prefix found: the key " + name + " is not configured");
        }
        int nonceStart = nameEnd + 1;
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, stored, nonceStart, NONCE_BYTES));
            return cipher.doFinal(stored, nonceStart + NONCE_BYTES, stored.length - nonceStart - NONCE_BYTES);
        } catch (GeneralSecurityException e) {
            throw Errors.internal("unable to decrypt a stored secret with key " + name + ": " + e.getMessage());
        }
    }

    @Override
    public boolean isStale(byte[] stored) {
        return !startsWith(stored, primaryPrefix);
    }

    private static boolean startsWith(byte[] value, byte[] prefix) {
        return value.length >= prefix.length && Arrays.equals(value, 0, prefix.length, prefix, 0, prefix.length);
    }

    private static int indexOf(byte[] value, byte b, int from) {
        for (int i = from; i < value.length; i++) {
            if (value[i] == b) {
                return i;
            }
        }
        return -1;
    }
}
