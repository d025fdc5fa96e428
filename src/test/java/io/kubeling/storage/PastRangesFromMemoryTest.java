package io.kubeling.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.kubeling.support.InMemoryStorage;

/** Ranges at a past revision, read from the live keys and the recent events rather than from the log. */
class PastRangesFromMemoryTest {

    private static final String PREFIX = "/registry/pods/";

    private InMemoryStorage storage;
    private KeyValueStore store;

    @BeforeEach
    void open() {
        storage = InMemoryStorage.open(Clock.systemUTC());
        store = storage.store();
    }

    @AfterEach
    void close() {
        storage.close();
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static String text(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }

    @Test
    void laterPagesOfASnapshotNeedNoLogAfterWrites() throws Exception {
        for (int i = 0; i < 10; i++) {
            store.create(PREFIX + "p" + i, bytes("v" + i));
        }
        store.create("/registry/services/s", bytes("other"));
        Range first = store.list(PREFIX, null, 4, 0);
        long then = first.revision();
        assertThat(first.items()).extracting(KeyValue::key).containsExactly(PREFIX + "p0", PREFIX + "p1",
                PREFIX + "p2", PREFIX + "p3");

        store.update(store.get(PREFIX + "p5").orElseThrow(), bytes("changed"));
        store.update(store.get(PREFIX + "p5").orElseThrow(), bytes("changed again"));
        store.delete(store.get(PREFIX + "p6").orElseThrow());
        store.create(PREFIX + "p45", bytes("new"));
        store.delete(store.get(PREFIX + "p7").orElseThrow());
        store.create(PREFIX + "p7", bytes("recreated"));
        store.create("/registry/services/t", bytes("other"));
        // the log loses every row behind the store's back: what follows can only come from memory
        try (Connection c = storage.dataSource().getConnection(); Statement s = c.createStatement()) {
            s.executeUpdate("DELETE FROM revision_log");
        }

        Range second = store.list(PREFIX, first.items().get(3).key(), 4, then);
        assertThat(second.revision()).isEqualTo(then);
        assertThat(second.more()).isTrue();
        assertThat(second.items()).extracting(kv -> kv.key().substring(PREFIX.length()) + "=" + text(kv.value()))
                .containsExactly("p4=v4", "p5=v5", "p6=v6", "p7=v7");
        KeyValue p5 = second.items().get(1);
        assertThat(p5.revision()).isLessThanOrEqualTo(then);
        assertThat(p5.createRevision()).isEqualTo(p5.revision());
        assertThat(store.count(PREFIX, second.items().get(3).key(), then)).isEqualTo(2);
        assertThat(store.count(PREFIX, first.items().get(3).key(), then)).isEqualTo(6);
        assertThat(store.count(PREFIX, first.items().get(3).key(), 0)).isEqualTo(6);
        Range last = store.list(PREFIX, second.items().get(3).key(), 4, then);
        assertThat(last.more()).isFalse();
        assertThat(last.items()).extracting(kv -> text(kv.value())).containsExactly("v8", "v9");

        assertThat(store.list(PREFIX, null, 0, 0).items())
                .extracting(kv -> kv.key().substring(PREFIX.length()) + "=" + text(kv.value()))
                .containsExactly("p0=v0", "p1=v1", "p2=v2", "p3=v3", "p4=v4", "p45=new", "p5=changed again",
                        "p7=recreated", "p8=v8", "p9=v9");
    }

    @Test
    void everyPastRevisionPagesAsTheStateOfThenWithinTheWindowAndBeyondIt() {
        Random random = new Random(23);
        Map<Long, TreeMap<String, String>> states = new HashMap<>();
        TreeMap<String, String> model = new TreeMap<>();
        long start = store.currentRevision();
        // more writes than the test store's history window (1,024 events): the oldest come from the log
        for (int i = 0; i < 1300; i++) {
            String key = PREFIX + "k" + random.nextInt(40);
            String value = "w" + i;
            if (!model.containsKey(key)) {
                store.create(key, bytes(value));
                model.put(key, value);
            } else if (random.nextInt(3) == 0) {
                store.delete(store.get(key).orElseThrow());
                model.remove(key);
            } else {
                store.update(store.get(key).orElseThrow(), bytes(value));
                model.put(key, value);
            }
            if (random.nextInt(5) == 0) {
                store.create("/registry/other/" + i, bytes("x"));
            }
            states.put(store.currentRevision(), new TreeMap<>(model));
        }
        List<Long> revisions = new ArrayList<>(states.keySet());
        revisions.sort(null);
        for (int i = 0; i < revisions.size(); i += 37) {
            long at = revisions.get(i);
            TreeMap<String, String> then = states.get(at);
            assertThat(pages(at, 1 + i % 9)).as("at %d (from %d)", at, start).isEqualTo(then);
            for (String after : List.of(PREFIX, PREFIX + "k2", PREFIX + "k35")) {
                assertThat(store.count(PREFIX, after, at)).as("count at %d after %s", at, after)
                        .isEqualTo(then.tailMap(after, false).size());
            }
        }
        long newest = revisions.get(revisions.size() - 1);
        assertThat(pages(newest, 5)).isEqualTo(states.get(newest));
    }

    @Test
    void aRevisionsCountsStayItsOwnAfterWritesIntoTheRange() {
        for (int i = 0; i < 6; i++) {
            store.create(PREFIX + "p" + i, bytes("v" + i));
        }
        long then = store.currentRevision();
        assertThat(store.count(PREFIX, PREFIX + "p1", then)).isEqualTo(4);
        assertThat(store.count(PREFIX, PREFIX, 0)).isEqualTo(6);

        store.delete(store.get(PREFIX + "p3").orElseThrow());
        store.create(PREFIX + "p25", bytes("new"));
        store.create(PREFIX + "p9", bytes("new"));
        store.create("/registry/podsx/a", bytes("beside the prefix"));

        assertThat(store.count(PREFIX, PREFIX + "p1", then)).isEqualTo(4);
        assertThat(store.count(PREFIX, PREFIX + "p2", then)).isEqualTo(3);
        assertThat(store.count(PREFIX, PREFIX + "p5", then)).isZero();
        assertThat(store.count(PREFIX, PREFIX + "p1", 0)).isEqualTo(5);
        assertThat(store.count(PREFIX, PREFIX + "p1", store.currentRevision())).isEqualTo(5);
        assertThat(store.count(PREFIX, PREFIX + "p3", store.currentRevision())).isEqualTo(3);
        store.compact(store.currentRevision());
        assertThatThrownBy(() -> store.count(PREFIX, PREFIX + "p1", then)).isInstanceOf(StorageException.class);
    }

    @Test
    void aCompactedRevisionIsRefusedThoughItsEventsAreStillInMemory() {
        KeyValue a = store.create(PREFIX + "a", bytes("1"));
        store.update(a, bytes("2"));
        store.compact(store.currentRevision());
        assertThatThrownBy(() -> store.list(PREFIX, null, 1, a.revision()))
                .isInstanceOfSatisfying(StorageException.class,
                        e -> assertThat(e.kind()).isEqualTo(StorageException.Kind.COMPACTED));
    }

    /** Every key and value at {@code at}, read page by page. */
    private TreeMap<String, String> pages(long at, int limit) {
        TreeMap<String, String> seen = new TreeMap<>();
        String after = null;
        while (true) {
            Range page = store.list(PREFIX, after, limit, at);
            assertThat(page.revision()).isEqualTo(at);
            assertThat(page.items().size()).isLessThanOrEqualTo(limit);
            for (KeyValue kv : page.items()) {
                assertThat(kv.revision()).isLessThanOrEqualTo(at);
                assertThat(seen.put(kv.key(), text(kv.value()))).isNull();
                after = kv.key();
            }
            if (!page.more()) {
                return seen;
            }
        }
    }
}
