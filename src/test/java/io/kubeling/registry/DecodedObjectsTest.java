package io.kubeling.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class DecodedObjectsTest {

    private static final int MIB = 1 << 20;

    private static DecodedObjects cache(int entries, long bytes) {
        return new DecodedObjects(entries, bytes, o -> o.toString().getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void largeObjectsAreBoundedByTheirStoredSize() {
        DecodedObjects cache = cache(4096, 8L * MIB);
        for (int r = 1; r <= 449; r++) {
            cache.put("r" + r, MIB, "object " + r);
        }
        assertThat(cache.bytes()).isEqualTo(8L * MIB);
        assertThat(cache.size()).isEqualTo(8);
        assertThat((String) cache.find("r449")).isEqualTo("object 449");
        assertThat((String) cache.find("r441")).isNull();
    }

    @Test
    void smallObjectsAreBoundedByTheCountAndTheLeastRecentlyUsedGoFirst() {
        DecodedObjects cache = cache(3, MIB);
        cache.put("r1", 10, "one");
        cache.put("r2", 10, "two");
        cache.put("r3", 10, "three");
        assertThat((String) cache.find("r1")).isEqualTo("one");
        cache.put("r4", 10, "four");
        assertThat((String) cache.find("r2")).isNull();
        assertThat((String) cache.find("r1")).isEqualTo("one");
        assertThat(cache.size()).isEqualTo(3);
        assertThat(cache.bytes()).isEqualTo(30);
    }

    @Test
    void aDecodedObjectIsCachedUnderItsStoredSizeAndDecodedOnce() {
        DecodedObjects cache = cache(10, 100);
        int[] decodes = new int[1];
        String first = cache.get("r1", 60, () -> {
            decodes[0]++;
            return "decoded";
        });
        String again = cache.get("r1", 60, () -> {
            decodes[0]++;
            return "decoded again";
        });
        assertThat(again).isSameAs(first);
        assertThat(decodes[0]).isEqualTo(1);
        cache.get("d2", 60, () -> "deleted");
        assertThat(cache.size()).isEqualTo(1);
        assertThat(cache.bytes()).isEqualTo(60);
        assertThat((String) cache.find("r1")).isNull();
    }

    @Test
    @SuppressWarnings("unchecked")
    void withAssertionsOnAHitOnAnObjectChangedAfterItWasCachedFails() {
        assumeTrue(DecodedObjects.class.desiredAssertionStatus(), "assertions are off");
        DecodedObjects cache = cache(10, MIB);
        List<String> shared = new ArrayList<>(List.of("a"));
        cache.put("r1", 10, shared);
        assertThat((List<String>) cache.find("r1")).isSameAs(shared);
        shared.add("b");
        assertThatThrownBy(() -> cache.find("r1")).isInstanceOf(IllegalStateException.class)
                .hasMessage("shared object r1 was changed after it was cached: [a] is now [a, b]");
    }

    @Test
    void replacingAnEntryCountsItsSizeOnce() {
        DecodedObjects cache = cache(10, MIB);
        cache.put("r1", 100, "a");
        cache.put("r1", 300, "b");
        assertThat(cache.bytes()).isEqualTo(300);
        assertThat(cache.size()).isEqualTo(1);
    }

    @Test
    void aScanLargerThanTheCacheTakesWhatIsCachedAndPushesOutNoMoreThanAQuarterOfIt() {
        DecodedObjects cache = cache(10_000, 4000);
        cache.put("w1", 1000, "written");
        DecodedObjects.Scan scan = cache.scan();
        List<String> read = new ArrayList<>();
        read.add(scan.get("w1", 1000, () -> "decoded again"));
        for (int r = 1; r <= 20; r++) {
            int n = r;
            read.add(scan.get("s" + r, 100, () -> "s" + n));
        }

        assertThat(read).first().isEqualTo("written");
        assertThat(read).hasSize(21).endsWith("s20");
        assertThat((String) cache.find("w1")).as("what another reader shares stays").isEqualTo("written");
        assertThat((String) cache.find("s20")).as("past the scan's quarter, decoded objects are not cached").isNull();
        assertThat(cache.bytes()).isEqualTo(1000);
    }

    @Test
    void aScanWithinAQuarterOfTheCacheCachesWhatItDecodes() {
        DecodedObjects cache = cache(10_000, 4000);
        DecodedObjects.Scan scan = cache.scan();
        for (int r = 1; r <= 10; r++) {
            int n = r;
            scan.get("s" + r, 100, () -> "s" + n);
        }

        assertThat((String) cache.find("s10")).isEqualTo("s10");
        assertThat(cache.size()).isEqualTo(10);
    }
}
