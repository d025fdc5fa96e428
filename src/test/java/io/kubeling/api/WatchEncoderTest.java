package io.kubeling.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.kubeling.registry.ObjectCodec;
import io.kubeling.registry.StoredChange;
import io.kubeling.registry.WatchEvent;

/** Watch lines are kube's JSON lines, worked out once per event and store and shared by every stream that sends them. */
class WatchEncoderTest {

    private final WatchEncoder encoder = new WatchEncoder(new Codecs(new ObjectCodec()));

    private static ConfigMap map(long rv) {
        return new ConfigMapBuilder().withNewMetadata().withName("m").withNamespace("ns")
                .withResourceVersion(Long.toString(rv)).endMetadata().addToData("k", "v").build();
    }

    private static StoredChange change(long revision) {
        return new StoredChange(StoredChange.Type.UPDATED, "/registry/configmaps/ns/m", revision, revision - 1,
                new byte[] {1}, new byte[] {2});
    }

    @Test
    void aLineIsOneJsonDocumentOfTypeAndObject() {
        String line = new String(encoder.encode(new WatchEvent<>(WatchEvent.Type.MODIFIED, map(7), "r7")),
                StandardCharsets.UTF_8);
        assertThat(line).startsWith("{\"type\":\"MODIFIED\",\"object\":{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\"")
                .contains("\"resourceVersion\":\"7\"").endsWith("}}\n");
    }

    @Test
    void anEventIsEncodedOnceForEveryUnfilteredStreamOfAStore() {
        Object store = new Object();
        Object otherVersion = new Object();
        StoredChange change = change(7);
        AtomicInteger translated = new AtomicInteger();
        java.util.function.Function<StoredChange, WatchEvent<?>> translate = c -> {
            translated.incrementAndGet();
            return new WatchEvent<>(WatchEvent.Type.MODIFIED, map(7), "r7");
        };

        byte[] first = encoder.unfiltered(store, change, translate);
        byte[] second = encoder.unfiltered(store, change, translate);
        assertThat(second).isSameAs(first);
        assertThat(translated).hasValue(1);

        byte[] other = encoder.unfiltered(otherVersion, change, translate);
        assertThat(other).isNotSameAs(first).isEqualTo(first);
        assertThat(translated).hasValue(2);

        byte[] typed = encoder.encode(new WatchEvent<>(WatchEvent.Type.MODIFIED, map(7), "r7"));
        assertThat(encoder.encode(new WatchEvent<>(WatchEvent.Type.MODIFIED, map(7), "r7"))).isSameAs(typed);
        assertThat(new String(encoder.encode(new WatchEvent<>(WatchEvent.Type.ADDED, map(7), "r7")),
                StandardCharsets.UTF_8)).startsWith("{\"type\":\"ADDED\"");
    }

    @Test
    void aChangeTheStreamsDoNotSeeIsWorkedOutOnce() {
        Object store = new Object();
        StoredChange change = change(8);
        AtomicInteger translated = new AtomicInteger();
        assertThat(encoder.unfiltered(store, change, c -> {
            translated.incrementAndGet();
            return null;
        })).isNull();
        assertThat(encoder.unfiltered(store, change, c -> {
            translated.incrementAndGet();
            return null;
        })).isNull();
        assertThat(translated).hasValue(1);
    }

    @Test
    void theMostRecentLinesHoldABoundedNumberOfBytes() {
        Object store = new Object();
        String large = "x".repeat(30 * 1024);
        ConfigMap map = new ConfigMapBuilder().withNewMetadata().withName("m").withNamespace("ns").endMetadata()
                .addToData("k", large).build();
        long held = 0;
        for (long revision = 1; revision <= 512; revision++) {
            byte[] line = encoder.unfiltered(store, change(revision), c -> new WatchEvent<>(WatchEvent.Type.MODIFIED,
                    map, null));
            assertThat(line.length).isLessThan(32 * 1024);
            held = Math.max(held, encoder.recentBytes());
        }
        assertThat(held).as("512 lines of 30 KiB would hold 15 MiB").isLessThanOrEqualTo(4L << 20);
        assertThat(encoder.recentBytes()).isGreaterThan(3L << 20);
    }

    @Test
    void linesJoinedForOneStreamAreJoinedOnceForTheNextThatWritesTheSame() {
        byte[] a = "a\n".getBytes(StandardCharsets.US_ASCII);
        byte[] b = "bc\n".getBytes(StandardCharsets.US_ASCII);
        byte[] all = encoder.joined(java.util.List.of(a, b), 5);
        assertThat(new String(all, StandardCharsets.US_ASCII)).isEqualTo("a\nbc\n");
        assertThat(encoder.joined(new java.util.ArrayList<>(java.util.List.of(a, b)), 5)).isSameAs(all);
        assertThat(encoder.joined(java.util.List.of(a, b.clone()), 5)).isNotSameAs(all).isEqualTo(all);
        assertThat(encoder.joined(java.util.List.of(a), 2)).isSameAs(a);
    }
}
