package io.kubeling.config;

import java.nio.file.Path;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Encryption at rest of secrets under {@code kubeling.encryption.*}, in the spirit of kube-apiserver's
 * EncryptionConfiguration with the {@code aesgcm} provider: the keys, first one encrypting and every one
 * decrypting; without keys here, they are read from {@code keyFile} (by default {@code encryption-keys}
 * in the data directory), which is generated with one key on first start.
 */
@ConfigurationProperties("kubeling.encryption")
public record EncryptionProperties(List<Key> keys, Path keyFile) {

    /** A named AES key: {@code secret} is 16, 24 or 32 bytes in base64, as kube's aesgcm keys. */
    public record Key(String name, String secret) {
    }
}
