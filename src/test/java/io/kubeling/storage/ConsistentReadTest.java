package io.kubeling.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import javax.sql.DataSource;

import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

import io.kubeling.support.InMemoryStorage;
import io.kubeling.support.PostgresServer;

/**
 * A read that must see every write committed before it, as kube's consistent read, on a replica whose follower
 * lags: the replica reads the log's latest revision and then the rows it lacks. A store alone on its log answers
 * without asking its database.
 */
class ConsistentReadTest {

    private final String prefix = "/registry/consistent-" + UUID.randomUUID() + "/";

    @Test
    void aLaggingReplicaReadsWhatAnotherJustAcknowledged() {
        String url = PostgresServer.shared().newDatabase();
        AtomicInteger connections = new AtomicInteger();
        try (InMemoryStorage writer = replica(url, new AtomicInteger());
                InMemoryStorage reader = replica(url, connections)) {
            LogStore lagging = (LogStore) reader.store();
            lagging.pauseFollowing();
            try {
                KeyValue created = writer.store().create(prefix + "a", bytes("1"));
                // what the replica serves to a read that takes any revision (resourceVersion "0")
                assertThat(lagging.list(prefix, null, 0, 0).items()).isEmpty();
                assertThat(lagging.consistentRevision()).isEqualTo(created.revision());
                assertThat(lagging.list(prefix, null, 0, 0).items()).extracting(KeyValue::key)
                        .containsExactly(prefix + "a");

                KeyValue updated = writer.store().update(created, bytes("2"));
                assertThat(text(lagging.get(prefix + "a").orElseThrow().value())).isEqualTo("1");
                assertThat(lagging.consistentRevision()).isEqualTo(updated.revision());
                KeyValue read = lagging.get(prefix + "a").orElseThrow();
                assertThat(read.revision()).isEqualTo(updated.revision());
                assertThat(text(read.value())).isEqualTo("2");

                // up to date, the replica asks for the latest revision and reads no row
                int before = connections.get();
                assertThat(lagging.consistentRevision()).isEqualTo(updated.revision());
                assertThat(connections.get() - before).isEqualTo(1);
            } finally {
                lagging.followAgain();
            }
        }
    }

    @Test
    void readsQueuedBehindOneThatCatchesUpAllSeeTheWrite() throws Exception {
        String url = PostgresServer.shared().newDatabase();
        try (InMemoryStorage writer = replica(url, new AtomicInteger());
                InMemoryStorage reader = replica(url, new AtomicInteger())) {
            LogStore lagging = (LogStore) reader.store();
            lagging.pauseFollowing();
            ExecutorService pool = Executors.newFixedThreadPool(4);
            try {
                long last = 0;
                for (int i = 0; i < 20; i++) {
                    last = writer.store().create(prefix + i, bytes("v")).revision();
                }
                List<Callable<Integer>> reads = new ArrayList<>();
                for (int t = 0; t < 4; t++) {
                    reads.add(() -> {
                        lagging.consistentRevision();
                        return lagging.list(prefix, null, 0, 0).items().size();
                    });
                }
                for (Future<Integer> seen : pool.invokeAll(reads, 60, TimeUnit.SECONDS)) {
                    assertThat(seen.get()).isEqualTo(20);
                }
                assertThat(lagging.currentRevision()).isEqualTo(last);
            } finally {
                pool.shutdownNow();
                lagging.followAgain();
            }
        }
    }

    @Test
    void aStoreAloneOnItsLogAsksNothing() {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:mem:consistent-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        h2.setUser("sa");
        AtomicInteger connections = new AtomicInteger();
        try (InMemoryStorage alone = InMemoryStorage.on(counted(h2, connections), Clock.systemUTC(), () -> {
            try (Connection c = h2.getConnection(); Statement s = c.createStatement()) {
                s.execute("SHUTDOWN");
            }
        })) {
            KeyValue created = alone.store().create(prefix + "a", bytes("1"));
            int before = connections.get();
            assertThat(alone.store().consistentRevision()).isEqualTo(created.revision());
            assertThat(connections.get()).isEqualTo(before);
        }
    }

    /** A store on the shared database, its connections counted. */
    private static InMemoryStorage replica(String url, AtomicInteger connections) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url);
        config.setUsername(PostgresServer.USER);
        config.setMaximumPoolSize(4);
        HikariDataSource dataSource = new HikariDataSource(config);
        return InMemoryStorage.on(counted(dataSource, connections), Clock.systemUTC(), dataSource::close);
    }

    /** {@code target}, counting the connections taken from it. */
    private static DataSource counted(DataSource target, AtomicInteger connections) {
        return (DataSource) Proxy.newProxyInstance(DataSource.class.getClassLoader(), new Class<?>[] {DataSource.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("getConnection")) {
                        connections.incrementAndGet();
                    }
                    try {
                        return method.invoke(target, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static String text(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }
}
