package io.kubeling.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Clock;

import org.junit.jupiter.api.Test;

import io.kubeling.support.InMemoryStorage;

/** A store started on a thread of its own, as the server starts it: calls made meanwhile wait for the start. */
class LogStoreBackgroundStartTest {

    @Test
    void callsMadeWhileTheStoreStartsSeeTheWholeLog() {
        try (InMemoryStorage storage = InMemoryStorage.open(Clock.systemUTC())) {
            for (int i = 0; i < 50; i++) {
                storage.store().create("/registry/configmaps/default/c" + i, bytes("v" + i));
            }
            storage.store().delete(storage.store().get("/registry/configmaps/default/c7").orElseThrow());
            long revision = storage.store().currentRevision();

            LogStore second = new LogStore(storage.factory(), storage.dataSource(), Clock.systemUTC(),
                    new StorageSettings(false, 1024, 16L << 20));
            second.startInBackground();
            try {
                assertThat(second.get("/registry/configmaps/default/c49")).map(kv -> text(kv.value())).hasValue("v49");
                assertThat(second.currentRevision()).isEqualTo(revision);
                assertThat(second.list("/registry/configmaps/default/", "", 0, 0).items()).hasSize(49);
                second.awaitStarted();
                assertThat(second.create("/registry/configmaps/default/c7", bytes("again")).revision())
                        .isEqualTo(revision + 1);
                assertThatThrownBy(second::startInBackground).isInstanceOf(IllegalStateException.class);
            } finally {
                second.close();
            }
        }
    }

    @Test
    void aStartThatFailsFailsTheWaitAndEveryCall() {
        try (InMemoryStorage storage = InMemoryStorage.open(Clock.systemUTC())) {
            // durable commits need the file database, so this store refuses to start on an in-memory one
            LogStore store = new LogStore(storage.factory(), storage.dataSource(), Clock.systemUTC(),
                    new StorageSettings(true, 1024, 16L << 20));
            store.startInBackground();
            assertThatThrownBy(store::awaitStarted).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("fsync");
            assertThatThrownBy(() -> store.get("/registry/configmaps/default/a"))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("fsync");
            store.close();
        }
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static String text(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }
}
