package io.kubeling.resources.secrets;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.kubeling.config.EncryptionProperties;

/** The key file replicas share: made once, whole, however many of them start on it at the same moment. */
class EncryptionKeysTest {

    @TempDir
    Path dir;

    @Test
    void replicasStartingAtOnceOnAMissingKeyFileAllReadTheOneKeyMade() throws Exception {
        Path shared = dir.resolve("shared").resolve("encryption-keys");
        EncryptionProperties properties = new EncryptionProperties(null, shared);
        int replicas = 8;
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(replicas);
        try {
            List<Future<EncryptionKeys>> loads = new ArrayList<>();
            for (int i = 0; i < replicas; i++) {
                Path own = dir.resolve("replica-" + i);
                loads.add(pool.submit(() -> {
                    go.await();
                    return EncryptionKeys.load(properties, own);
                }));
            }
            go.countDown();
            List<EncryptionKeys> keys = new ArrayList<>();
            for (Future<EncryptionKeys> load : loads) {
                keys.add(load.get(30, TimeUnit.SECONDS));
            }
            byte[] first = keys.get(0).byName().get("key1").getEncoded();
            assertThat(keys).allSatisfy(k -> {
                assertThat(k.primary()).isEqualTo("key1");
                assertThat(k.byName().get("key1").getEncoded()).isEqualTo(first);
            });
        } finally {
            pool.shutdownNow();
        }
        assertThat(Files.getPosixFilePermissions(shared)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        try (var files = Files.list(shared.getParent())) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("encryption-keys");
        }
    }
}
