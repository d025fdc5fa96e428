package io.kubeling.resources.secrets;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.crypto.spec.SecretKeySpec;

import io.kubeling.config.EncryptionProperties;

/**
 * The AES keys secrets are encrypted with, in order: the first encrypts, all decrypt. Taken from the
 * configuration, or else from a key file of {@code name:base64} lines, made with one random 256-bit key and
 * owner-only permissions when it does not exist yet.
 */
record EncryptionKeys(String primary, Map<String, SecretKeySpec> byName) {

    static final String FILE_NAME = "encryption-keys";

    static EncryptionKeys load(EncryptionProperties properties, Path dataDir) {
        List<EncryptionProperties.Key> keys = properties.keys();
        if (keys == null || keys.isEmpty()) {
            Path file = properties.keyFile() != null ? properties.keyFile() : dataDir.resolve(FILE_NAME);
            keys = readOrCreate(file);
        }
        Map<String, SecretKeySpec> byName = new LinkedHashMap<>();
        for (EncryptionProperties.Key key : keys) {
            String name = key.name() == null ? "" : key.name().strip();
            if (name.isEmpty() || name.contains(":")) {
                throw new IllegalArgumentException("encryption key names must be non-empty and free of ':': " + name);
            }
            byte[] secret = Base64.getDecoder().decode(key.secret().strip());
            if (secret.length != 16 && secret.length != 24 && secret.length != 32) {
                throw new IllegalArgumentException("encryption key " + name + " must be 16, 24 or 32 bytes, not "
                        + secret.length);
            }
            if (byName.put(name, new SecretKeySpec(secret, "AES")) != null) {
                throw new IllegalArgumentException("encryption key " + name + " is given twice");
            }
        }
        return new EncryptionKeys(byName.keySet().iterator().next(), byName);
    }

    private static List<EncryptionProperties.Key> readOrCreate(Path file) {
        try {
            if (!Files.exists(file)) {
                create(file);
            }
            List<EncryptionProperties.Key> keys = new ArrayList<>();
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                String text = line.strip();
                if (text.isEmpty() || text.startsWith("#")) {
                    continue;
                }
                int colon = text.indexOf(':');
                if (colon < 0) {
                    throw new IllegalArgumentException(file + ": a key line is name:base64-secret");
                }
                keys.add(new EncryptionProperties.Key(text.substring(0, colon), text.substring(colon + 1)));
            }
            if (keys.isEmpty()) {
                throw new IllegalArgumentException(file + " holds no key");
            }
            return keys;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Writes the file whole under a temporary name, then links it in place, which fails if it exists: replicas
     * started at once on one shared key file all read the one key the first of them made, never a half-written
     * file.
     */
    private static void create(Path file) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        if (dir != null) {
            Files.createDirectories(dir);
        }
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        String content = "# Kubeling secret encryption keys, name:base64. The first encrypts; all decrypt.\n"
                + "key1:" + Base64.getEncoder().encodeToString(secret) + "\n";
        Path draft;
        try {
            draft = Files.createTempFile(dir, ".encryption-keys-", ".tmp",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException notPosix) {
            draft = Files.createTempFile(dir, ".encryption-keys-", ".tmp");
        }
        try {
            Files.writeString(draft, content, StandardCharsets.UTF_8);
            try {
                Files.createLink(file, draft);
            } catch (UnsupportedOperationException noLinks) {
                Files.move(draft, file);
            }
        } catch (FileAlreadyExistsException raced) {
            // another process made it first: its keys are the ones
        } finally {
            Files.deleteIfExists(draft);
        }
    }
}
