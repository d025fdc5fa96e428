package io.kubeling.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.ClassPathResource;

import io.kubeling.support.InMemoryStorage;

/**
 * A thread interrupted while it writes (a controller's worker stopped at shutdown, a cancelled task)
 * fails at most its own wait: the database's file is written through a channel an interrupt does not
 * close, the store's next write goes on from the log's last revision, and every acknowledged write is
 * there after a restart.
 */
class InterruptedWritesTest {

    private static final int WRITES = 60;
    private static final int INTERRUPTS = 200;

    @TempDir
    Path dataDir;

    @Test
    void interruptsOfAWritingThreadLoseNothingAndLeaveTheStoreWriting() throws Exception {
        JdbcDataSource file = new JdbcDataSource();
        file.setURL(defaultDatabaseUrl());
        file.setUser("sa");
        List<String> acknowledged = new ArrayList<>();
        try (InMemoryStorage storage = InMemoryStorage.on(file, Clock.systemUTC(), () -> shutdown(file))) {
            KeyValueStore store = storage.store();
            CompletableFuture<Void> writing = new CompletableFuture<>();
            Thread writer = new Thread(() -> {
                for (int i = 0; i < WRITES; i++) {
                    String key = "/registry/configmaps/default/c" + i;
                    try {
                        store.create(key, bytes("v" + i));
                        synchronized (acknowledged) {
                            acknowledged.add(key);
                        }
                    } catch (RuntimeException interrupted) {
                        Thread.interrupted();
                    }
                }
                writing.complete(null);
            });
            // a daemon, and the interrupts bounded: a writer stuck in the database fails the test, not the suite
            writer.setDaemon(true);
            writer.start();
            for (int i = 0; i < INTERRUPTS && !writing.isDone(); i++) {
                writer.interrupt();
                TimeUnit.MILLISECONDS.sleep(2);
            }
            assertThat(writing).as(() -> "the writer, still at " + Arrays.toString(writer.getStackTrace()))
                    .succeedsWithin(60, TimeUnit.SECONDS);

            assertThat(acknowledged).as("writes that went through between the interrupts").hasSizeGreaterThan(0);
            KeyValue after = store.create("/registry/configmaps/default/after", bytes("after"));
            assertThat(store.get(after.key())).isPresent();
            try (Connection c = file.getConnection(); Statement s = c.createStatement();
                    ResultSet last = s.executeQuery("select max(revision) from revision_log")) {
                last.next();
                assertThat(store.currentRevision()).as("every write that went through is the store's too")
                        .isEqualTo(last.getLong(1));
            }
        }
        try (InMemoryStorage reopened = InMemoryStorage.on(file, Clock.systemUTC(), () -> shutdown(file))) {
            for (String key : acknowledged) {
                assertThat(reopened.store().get(key)).as(key).isPresent();
            }
            assertThat(reopened.store().get("/registry/configmaps/default/after")).isPresent();
        }
    }

    /**
     * On the default URL's file system an interrupt does not close the database file: a thread whose interrupt
     * is pending still writes, where through H2's plain file channel each such write failed with an I/O error.
     */
    @Test
    void aThreadWithAPendingInterruptStillWrites() throws Exception {
        JdbcDataSource file = new JdbcDataSource();
        file.setURL(defaultDatabaseUrl());
        file.setUser("sa");
        try (InMemoryStorage storage = InMemoryStorage.on(file, Clock.systemUTC(), () -> shutdown(file))) {
            KeyValueStore store = storage.store();
            CompletableFuture<List<Long>> revisions = CompletableFuture.supplyAsync(() -> {
                List<Long> written = new ArrayList<>();
                for (int i = 0; i < 5; i++) {
                    Thread.currentThread().interrupt();
                    written.add(store.create("/registry/configmaps/default/i" + i, bytes("v" + i)).revision());
                }
                Thread.interrupted();
                return written;
            }, runnable -> {
                Thread writer = new Thread(runnable);
                writer.setDaemon(true);
                writer.start();
            });
            assertThat(revisions).succeedsWithin(60, TimeUnit.SECONDS).asList().hasSize(5);
            assertThat(store.get("/registry/configmaps/default/i4")).isPresent();
        }
    }

    /** The server's default database URL, as application.yml gives it, for this test's data directory. */
    private String defaultDatabaseUrl() throws IOException {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().addFirst(
                new MapPropertySource("test", Map.of("kubeling.data-dir", dataDir.toString())));
        new YamlPropertySourceLoader().load("application", new ClassPathResource("application.yml"))
                .forEach(environment.getPropertySources()::addLast);
        return environment.getRequiredProperty("spring.datasource.url");
    }

    private static void shutdown(JdbcDataSource file) throws java.sql.SQLException {
        try (Connection c = file.getConnection(); Statement s = c.createStatement()) {
            s.execute("SHUTDOWN");
        }
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
