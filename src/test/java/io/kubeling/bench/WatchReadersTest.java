package io.kubeling.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import org.junit.jupiter.api.Test;

class WatchReadersTest {

    private static final String HEAD = "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
            + "Transfer-Encoding: chunked\r\n\r\n";

    private static String event(String type, long revision) {
        return "{\"type\":\"" + type + "\",\"object\":{\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"bench-0\","
                + "\"resourceVersion\":\"" + revision + "\"},\"data\":{\"i\":\"" + revision + "\"}}}\n";
    }

    private static String chunk(String data) {
        return Integer.toHexString(data.getBytes(StandardCharsets.UTF_8).length) + "\r\n" + data + "\r\n";
    }

    /** Feeds the bytes in reads of {@code step} bytes, each at the time of its own index. */
    private static void feed(WatchReaders.Stream stream, String wire, int step) {
        byte[] bytes = wire.getBytes(StandardCharsets.UTF_8);
        for (int at = 0, read = 0; at < bytes.length; at += step, read++) {
            byte[] part = Arrays.copyOfRange(bytes, at, Math.min(bytes.length, at + step));
            byte[] buffer = Arrays.copyOf(part, part.length + 16);
            stream.take(buffer, part.length, 1000 + read);
        }
    }

    @Test
    void countsModifiedEventsWithTheirRevisionsAcrossChunksAndReadsOfAnySize() throws Exception {
        // a line split over two chunks, two lines in one chunk, a chunk extension, events that are not counted
        String first = event("MODIFIED", 41);
        String wire = HEAD + chunk(first.substring(0, 30)) + chunk(first.substring(30))
                + chunk(event("BOOKMARK", 41) + event("MODIFIED", 42)).replaceFirst("\r\n", ";ext=1\r\n")
                + chunk(event("ADDED", 43)) + chunk(event("MODIFIED", 1000043));
        for (int step : new int[] {1, 2, 7, 64, 100_000}) {
            try (WatchReaders readers = new WatchReaders(1, 1)) {
                WatchReaders.Stream stream = readers.detached(3);
                feed(stream, wire, step);

                assertThat(readers.delivered()).as("step %d", step).isEqualTo(3);
                long[] received = readers.received().get(0);
                assertThat(new long[] {received[0], received[2], received[4]}).as("step %d", step)
                        .containsExactly(41, 42, 1000043);
                int newline = wire.indexOf('\n', wire.indexOf("\"resourceVersion\":\"1000043\""));
                assertThat(received[5]).as("the time of the read that ended its line").isEqualTo(1000 + newline / step);
                assertThat(readers.ended()).isZero();
                assertThat(readers.awaitDone(0)).as("every expected event came").isTrue();
            }
        }
    }

    @Test
    void findsTheRevisionPastTheOtherVersionsAndAnyAlignment() throws Exception {
        // lines of every length mod 8 and a revision past "apiVersion", so that the search meets both within and after
        // its eight-byte steps
        StringBuilder wire = new StringBuilder(HEAD);
        for (int pad = 0; pad < 16; pad++) {
            wire.append(chunk("{\"type\":\"MODIFIED\",\"object\":{\"apiVersion\":\"v1\",\"metadata\":{\"name\":\""
                    + "x".repeat(pad) + "\",\"resourceVersion\":\"" + (100 + pad) + "\"}}}\n"));
        }
        for (int step : new int[] {1, 3, 8, 100_000}) {
            try (WatchReaders readers = new WatchReaders(1, 1)) {
                WatchReaders.Stream stream = readers.detached(16);
                feed(stream, wire.toString(), step);

                long[] received = readers.received().get(0);
                for (int i = 0; i < 16; i++) {
                    assertThat(received[i * 2]).as("step %d, line %d", step, i).isEqualTo(100 + i);
                }
                assertThat(readers.outOfOrder()).isZero();
            }
        }
    }

    @Test
    void countsAnEventNoNewerThanTheOneBeforeAsOutOfOrder() throws Exception {
        try (WatchReaders readers = new WatchReaders(1, 1)) {
            WatchReaders.Stream stream = readers.detached(4);
            feed(stream, HEAD + chunk(event("MODIFIED", 7) + event("MODIFIED", 9)) + chunk(event("MODIFIED", 8)
                    + event("MODIFIED", 8)), 100_000);

            assertThat(readers.delivered()).isEqualTo(4);
            assertThat(readers.outOfOrder()).isEqualTo(2);
        }
    }

    @Test
    void aLineRevisionIsItsObjectsFirstResourceVersion() {
        byte[] pod = ("{\"type\":\"MODIFIED\",\"object\":{\"kind\":\"Pod\",\"apiVersion\":\"v1\",\"metadata\":{"
                + "\"managedFields\":[{\"apiVersion\":\"v1\"}],\"resourceVersion\":\"812\"},\"status\":{\"a\":{"
                + "\"resourceVersion\":\"9\"}}}}").getBytes(StandardCharsets.US_ASCII);
        assertThat(WatchReaders.revision(pod, 0, pod.length)).isEqualTo("812");
        assertThat(WatchReaders.revision(pod, 0, 40)).isNull();
    }

    @Test
    void findsABytePastEveryOffsetOfItsWord() {
        byte[] bytes = "abcdefghijklmnopqrstuvwxyz\n".getBytes(StandardCharsets.US_ASCII);
        for (int from = 0; from < bytes.length; from++) {
            for (int i = from; i < bytes.length; i++) {
                assertThat(WatchReaders.indexOf(bytes, from, bytes.length, bytes[i])).isEqualTo(i);
            }
            assertThat(WatchReaders.indexOf(bytes, from, bytes.length - 1, (byte) '\n')).isEqualTo(-1);
        }
        byte[] high = {(byte) 0x80, (byte) 0xff, 0x0a, 0x00, 0x01, (byte) 0x8a, 0x0a, 0x0b, 0x0a};
        assertThat(WatchReaders.indexOf(high, 0, high.length, (byte) 0x0a)).isEqualTo(2);
        assertThat(WatchReaders.indexOf(high, 3, high.length, (byte) 0x0a)).isEqualTo(6);
        assertThat(WatchReaders.indexOf(high, 0, high.length, (byte) 0x8a)).isEqualTo(5);
    }

    @Test
    void aStreamTheServerEndsEarlyCountsAsEnded() throws Exception {
        try (WatchReaders readers = new WatchReaders(1, 1)) {
            WatchReaders.Stream stream = readers.detached(5);
            feed(stream, HEAD + chunk(event("MODIFIED", 7)) + "0\r\n\r\n", 5);

            assertThat(readers.delivered()).isEqualTo(1);
            assertThat(readers.ended()).isEqualTo(1);
            assertThat(readers.awaitDone(0)).isTrue();
        }
    }

    @Test
    void aRefusedWatchCountsAsEndedWithNothingDelivered() throws Exception {
        try (WatchReaders readers = new WatchReaders(1, 1)) {
            WatchReaders.Stream stream = readers.detached(5);
            feed(stream, "HTTP/1.1 410 Gone\r\nContent-Length: 2\r\n\r\n{}", 8);

            assertThat(readers.delivered()).isZero();
            assertThat(readers.ended()).isEqualTo(1);
            assertThat(readers.awaitConnected(0)).isTrue();
        }
    }
}
