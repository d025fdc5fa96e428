package io.kubeling.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import io.kubeling.KubelingApplication;
import io.kubeling.support.ServerOfItsOwn;

/** The file database's size follows what the log holds, not how many commits wrote it. */
@ServerOfItsOwn
class FileCompactorTest {

    private static final int KEYS = 50;

    @TempDir
    Path dataDir;

    private ConfigurableApplicationContext context;
    private KeyValueStore store;
    private FileCompactor compactor;
    private JdbcTemplate jdbc;
    private long written;

    @BeforeEach
    void start() {
        SpringApplication app = new SpringApplication(KubelingApplication.class);
        app.setWebApplicationType(WebApplicationType.NONE);
        // nothing scheduled runs during the test: it compacts the log and the file itself
        context = app.run("--kubeling.data-dir=" + dataDir, "--spring.main.banner-mode=off",
                "--kubeling.simulation.enabled=false", "--kubeling.history.compaction-interval=1h",
                "--kubeling.storage.compaction-interval=1h");
        store = context.getBean(KeyValueStore.class);
        compactor = context.getBean(FileCompactor.class);
        jdbc = new JdbcTemplate(context.getBean(javax.sql.DataSource.class));
        for (int k = 0; k < KEYS; k++) {
            store.create(key(k), value(0));
        }
    }

    @AfterEach
    void stop() {
        context.close();
    }

    @Test
    void keptHistoryTakesLessOfTheFileOnceSparseChunksAreRewritten() throws Exception {
        // chunks count as old at once, where the server waits H2's 45 s before it rewrites or reuses one
        jdbc.execute("SET RETENTION_TIME 0");
        long start = fileSize();
        updates(1000);
        long without = fileSize() - start;
        int fillWithout = chunksFillRate();

        long before = fileSize();
        for (int round = 0; round < 4; round++) {
            updates(250);
            compactor.run();
        }
        long with = fileSize() - before;

        assertThat(with).as("growth for 1,000 updates kept: %d bytes without rewriting sparse chunks (%d%% of the"
                + " chunks live), %d with (%d%% live)", without, fillWithout, with, chunksFillRate())
                .isLessThan(without / 2);
        assertThat(jdbc.queryForObject("select count(*) from revision_log where item_key like '/registry/soak/%'",
                Long.class)).as("the log keeps every revision until it is compacted").isEqualTo(KEYS + 2000);
        for (int k = 0; k < KEYS; k++) {
            assertThat(store.get(key(k)).orElseThrow().value()).isEqualTo(value(written - KEYS + k + 1));
        }
    }

    @Test
    void compactingTheLogGivesItsSpaceToTheNextWrites() throws Exception {
        jdbc.execute("SET RETENTION_TIME 0");
        updates(1000);
        compactor.run();
        long full = fileSize();

        store.compact(store.currentRevision());
        assertThat(jdbc.queryForObject("select count(*) from revision_log where item_key like '/registry/soak/%'",
                Long.class)).as("each key's latest row").isEqualTo(KEYS);
        for (int round = 0; round < 4; round++) {
            updates(250);
            store.compact(store.currentRevision());
            compactor.run();
        }

        assertThat(fileSize()).as("after as many updates again, each compacted away").isLessThanOrEqualTo(full);
    }

    private int chunksFillRate() {
        return Integer.parseInt(jdbc.queryForObject(
                "select setting_value from information_schema.settings where setting_name = 'info.CHUNKS_FILL_RATE'",
                String.class));
    }

    /** Updates the keys round robin, one commit each, with values of about a kilobyte. */
    private void updates(int count) {
        for (int i = 0; i < count; i++) {
            written++;
            String key = key((int) ((written - 1) % KEYS));
            store.update(store.get(key).orElseThrow(), value(written));
        }
    }

    private Path file() {
        return dataDir.resolve("kubeling.mv.db");
    }

    private long fileSize() throws Exception {
        return Files.size(file());
    }

    private static String key(int k) {
        return "/registry/soak/k-" + k;
    }

    private static byte[] value(long n) {
        return (n + ":" + "x".repeat(1000)).getBytes(StandardCharsets.UTF_8);
    }
}
