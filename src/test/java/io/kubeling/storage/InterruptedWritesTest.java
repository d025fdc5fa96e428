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
 * fails at most its own write: H2 closes the file channel under the interrupt and the write rolls back,
 * the store's next write goes on from the log's last revision, and every acknowledged write is there
 * after a restart.
 */
class InterruptedWritesTest {

    private static final int WRITES = 200;

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
            writer.start();
            while (!writing.isDone()) {
                writer.interrupt();
                TimeUnit.MILLISECONDS.sleep(2);
            }
            writing.get(60, TimeUnit.SECONDS);

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
