package io.kubeling.bench;

import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * Many watch streams read by a few threads, each with a selector over its share of the connections, so that the
 * load generator costs a wake-up per batch of ready sockets rather than a thread per watcher. Each stream's
 * chunked body is taken apart as it comes and only what the latency needs is parsed from each line: whether it
 * is a {@code MODIFIED} event, and its object's {@code resourceVersion}. Every such event is counted, and counted
 * again when it is not newer than the one before it on its stream; its revision and the time of the read that
 * brought it are kept per stream.
 */
final class WatchReaders implements AutoCloseable {

    private final List<Selector> selectors = new ArrayList<>();
    private final List<Stream> streams = new ArrayList<>();
    private final List<Thread> threads = new ArrayList<>();
    private final LongAdder delivered = new LongAdder();
    private final LongAdder reads = new LongAdder();
    private final LongAdder ended = new LongAdder();
    private final LongAdder outOfOrder = new LongAdder();
    private final CountDownLatch connected;
    private final CountDownLatch done;
    private volatile boolean closing;

    WatchReaders(int threadCount, int watchers) throws IOException {
        for (int i = 0; i < threadCount; i++) {
            selectors.add(Selector.open());
        }
        this.connected = new CountDownLatch(watchers);
        this.done = new CountDownLatch(watchers);
    }

    /** Opens one watch, expecting {@code expected} MODIFIED events; call for every watcher before {@link #start()}. */
    void open(InetSocketAddress server, String path, int expected) throws IOException {
        SocketChannel channel = SocketChannel.open(server);
        channel.write(ByteBuffer.wrap(("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII)));
        channel.configureBlocking(false);
        Stream stream = new Stream(channel, expected);
        streams.add(stream);
        channel.register(selectors.get(streams.size() % selectors.size()), SelectionKey.OP_READ, stream);
    }

    /** A stream fed by hand through {@link Stream#take} rather than read from a connection. */
    Stream detached(int expected) {
        Stream stream = new Stream(null, expected);
        streams.add(stream);
        return stream;
    }

    void start() {
        for (int i = 0; i < selectors.size(); i++) {
            Selector selector = selectors.get(i);
            Thread thread = new Thread(() -> run(selector), "watch-reader-" + i);
            thread.setDaemon(true);
            threads.add(thread);
            thread.start();
        }
    }

    boolean awaitConnected(long seconds) throws InterruptedException {
        return connected.await(seconds, TimeUnit.SECONDS);
    }

    boolean awaitDone(long seconds) throws InterruptedException {
        return done.await(seconds, TimeUnit.SECONDS);
    }

    long delivered() {
        return delivered.sum();
    }

    /** Streams the server ended before they had every event (too slow, as kube's watch cache ends them). */
    long ended() {
        return ended.sum();
    }

    /** Reads that brought bytes: with the events delivered, how many events each of the server's writes carried. */
    long reads() {
        return reads.sum();
    }

    /** Events that came after one of a revision as new or newer on their stream. */
    long outOfOrder() {
        return outOfOrder.sum();
    }

    /** Each stream's received events: revision and receipt time (nanoTime) in turn, up to its count. */
    List<long[]> received() {
        List<long[]> all = new ArrayList<>();
        for (Stream s : streams) {
            all.add(Arrays.copyOf(s.received, s.count * 2));
        }
        return all;
    }

    private void run(Selector selector) {
        ByteBuffer buffer = ByteBuffer.allocate(1 << 16);
        try {
            while (!closing) {
                selector.select(200);
                long now = System.nanoTime();
                Iterator<SelectionKey> ready = selector.selectedKeys().iterator();
                while (ready.hasNext()) {
                    SelectionKey key = ready.next();
                    ready.remove();
                    Stream stream = (Stream) key.attachment();
                    buffer.clear();
                    int n;
                    try {
                        n = stream.channel.read(buffer);
                    } catch (IOException e) {
                        n = -1;
                    }
                    reads.increment();
                    if (n < 0) {
                        stream.finish(false);
                        key.cancel();
                        continue;
                    }
                    if (stream.take(buffer.array(), n, now)) {
                        key.cancel();
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            if (!closing) {
                System.err.println("watch reader failed: " + e);
            }
        }
    }

    @Override
    public void close() throws IOException {
        closing = true;
        for (Selector s : selectors) {
            s.wakeup();
        }
        for (Thread t : threads) {
            try {
                t.join(2000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        for (Stream s : streams) {
            if (s.channel != null) {
                s.channel.close();
            }
        }
        for (Selector s : selectors) {
            s.close();
        }
    }

    private static final byte[] MODIFIED = "{\"type\":\"MODIFIED\"".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] RESOURCE_VERSION = "\"resourceVersion\":\"".getBytes(StandardCharsets.US_ASCII);

    /** One watch's connection and where its parse stands. */
    final class Stream {

        private static final int HEADERS = 0;
        private static final int SIZE = 1;
        private static final int DATA = 2;
        private static final int DATA_END = 3;

        private final SocketChannel channel;
        private final int expected;
        private final long[] received;
        private int count;
        /** The revision of the last event counted: each must be newer. */
        private long last;
        private int state = HEADERS;
        private final StringBuilder header = new StringBuilder();
        private int size;
        private boolean extension;
        private int remaining;
        /** A line begun in an earlier read or chunk, to be completed by a later one. */
        private byte[] partial = new byte[1 << 12];
        private int partialLength;
        private boolean finished;

        Stream(SocketChannel channel, int expected) {
            this.channel = channel;
            this.expected = expected;
            this.received = new long[expected * 2];
        }

        /** Takes {@code n} bytes read at {@code now}; true once the stream needs no more reading. */
        boolean take(byte[] bytes, int n, long now) {
            int at = 0;
            while (at < n && !finished) {
                switch (state) {
                    case HEADERS -> at = headers(bytes, at, n);
                    case SIZE -> at = size(bytes, at, n);
                    case DATA -> at = data(bytes, at, n, now);
                    default -> {
                        // the CRLF after a chunk's data
                        if (bytes[at++] == '\n') {
                            state = SIZE;
                            size = 0;
                            extension = false;
                        }
                    }
                }
            }
            return finished;
        }

        private int headers(byte[] bytes, int at, int n) {
            while (at < n) {
                char c = (char) bytes[at++];
                if (c == '\n') {
                    String line = header.toString().trim();
                    header.setLength(0);
                    if (line.isEmpty()) {
                        state = SIZE;
                        connected.countDown();
                        return at;
                    }
                    if (line.startsWith("HTTP/") && !line.startsWith(" 200", line.indexOf(' '))) {
                        System.err.println("watch refused: " + line);
                        connected.countDown();
                        finish(false);
                        return n;
                    }
                } else {
                    header.append(c);
                }
            }
            return at;
        }

        private int size(byte[] bytes, int at, int n) {
            while (at < n) {
                byte b = bytes[at++];
                if (b == '\n') {
                    if (size == 0) {
                        // the last chunk: the server ended the stream
                        finish(false);
                        return n;
                    }
                    remaining = size;
                    state = DATA;
                    return at;
                }
                if (b == ';') {
                    extension = true;
                } else if (!extension && b != '\r') {
                    size = size * 16 + Character.digit(b, 16);
                }
            }
            return at;
        }

        private int data(byte[] bytes, int at, int n, long now) {
            int end = Math.min(n, at + remaining);
            int lineStart = at;
            for (int i; (i = indexOf(bytes, lineStart, end, (byte) '\n')) >= 0; lineStart = i + 1) {
                if (partialLength == 0) {
                    line(bytes, lineStart, i, now);
                } else {
                    keep(bytes, lineStart, i);
                    line(partial, 0, partialLength, now);
                    partialLength = 0;
                }
                if (finished) {
                    return n;
                }
            }
            keep(bytes, lineStart, end);
            remaining -= end - at;
            if (remaining == 0) {
                state = DATA_END;
            }
            return end;
        }

        private void keep(byte[] bytes, int from, int to) {
            int length = to - from;
            if (partialLength + length > partial.length) {
                partial = Arrays.copyOf(partial, Math.max(partial.length * 2, partialLength + length));
            }
            System.arraycopy(bytes, from, partial, partialLength, length);
            partialLength += length;
        }

        private void line(byte[] bytes, int from, int to, long now) {
            if (!startsWith(bytes, from, to, MODIFIED)) {
                return;
            }
            int at = resourceVersion(bytes, from + MODIFIED.length, to);
            long revision = 0;
            for (int i = at + RESOURCE_VERSION.length; at >= 0 && i < to && bytes[i] != '"'; i++) {
                revision = revision * 10 + (bytes[i] - '0');
            }
            if (revision <= last) {
                outOfOrder.increment();
            }
            last = revision;
            received[count * 2] = revision;
            received[count * 2 + 1] = now;
            count++;
            delivered.increment();
            if (count == expected) {
                finish(true);
            }
        }

        void finish(boolean complete) {
            if (finished) {
                return;
            }
            finished = true;
            if (!complete) {
                ended.increment();
            }
            done.countDown();
        }
    }

    private static boolean startsWith(byte[] bytes, int from, int to, byte[] prefix) {
        if (to - from < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (bytes[from + i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    /**
     * Where the first {@code "resourceVersion":"} begins in the line, or -1: found by its {@code V}, which few bytes
     * before it share ({@code "apiVersion"}'s), rather than by its first byte, the quote that begins every name and
     * value.
     */
    static int resourceVersion(byte[] bytes, int from, int to) {
        int offset = 9; // of the V in "resourceVersion":"
        for (int v = from; (v = indexOf(bytes, v, to, (byte) 'V')) >= 0; v++) {
            if (v - offset >= from && startsWith(bytes, v - offset, to, RESOURCE_VERSION)) {
                return v - offset;
            }
        }
        return -1;
    }

    /** The first {@code resourceVersion} in the line (its object's, which the metadata brings first), or null. */
    static String revision(byte[] bytes, int from, int to) {
        int at = resourceVersion(bytes, from, to);
        if (at < 0) {
            return null;
        }
        int start = at + RESOURCE_VERSION.length;
        int end = start;
        while (end < to && bytes[end] != '"') {
            end++;
        }
        return new String(bytes, start, end - start, StandardCharsets.US_ASCII);
    }

    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long ONES = 0x0101010101010101L;
    private static final long HIGHS = 0x8080808080808080L;

    /**
     * The index of the first {@code wanted} byte in {@code [from, to)}, or -1: eight bytes at a time (a byte equal to
     * it is a zero byte of their xor), about three times faster than a byte at a time where the load generator runs
     * C1-compiled; the bytes of an event are what its reader spends its time on.
     */
    static int indexOf(byte[] bytes, int from, int to, byte wanted) {
        long pattern = (wanted & 0xFFL) * ONES;
        int i = from;
        for (; i + 8 <= to; i += 8) {
            long x = (long) LONGS.get(bytes, i) ^ pattern;
            // the lowest high bit set marks the first zero byte: a borrow only sets bits above a zero byte
            long zero = (x - ONES) & ~x & HIGHS;
            if (zero != 0) {
                return i + (Long.numberOfTrailingZeros(zero) >>> 3);
            }
        }
        for (; i < to; i++) {
            if (bytes[i] == wanted) {
                return i;
            }
        }
        return -1;
    }
}
