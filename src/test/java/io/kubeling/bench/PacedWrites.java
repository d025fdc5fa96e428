package io.kubeling.bench;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * Updates sent on a schedule: the i-th leaves at i / rate seconds after the first, whether or not the earlier
 * ones have been answered, so that a slow answer delays no later write (a writer waiting on each answer would
 * let the server's latency set the rate). At most {@code inFlight} wait for their answers at once, each on a kept-alive
 * connection of its own; beyond that the schedule waits, and the rate reached says so. Each answer's revision and
 * arrival time are kept. The requests are written and their answers read on plain sockets, one thread reading every
 * answer, rather than through an HTTP client whose machinery costs the load generator's core more than the server's
 * answers do.
 */
final class PacedWrites {

    private final Map<Long, Long> answered = new ConcurrentHashMap<>();
    private final Map<Long, Long> departed = new ConcurrentHashMap<>();
    private final long[] latencies;
    private final AtomicInteger failed = new AtomicInteger();
    private int mostInFlight;
    private volatile long lastAnswer;
    private long began;

    private PacedWrites(int writes) {
        this.latencies = new long[writes];
    }

    /** Merge-patches {@code writes} times, in turn, the objects {@code objectUrl + 0 .. objects - 1}. */
    static PacedWrites run(String objectUrl, int objects, int writes, int rate, int inFlight) throws Exception {
        PacedWrites paced = new PacedWrites(writes);
        URI uri = URI.create(objectUrl);
        try (Answers answers = paced.new Answers(new InetSocketAddress(uri.getHost(), uri.getPort()), inFlight,
                writes)) {
            paced.send(answers, uri, objects, writes, rate, inFlight);
        }
        return paced;
    }

    private void send(Answers answers, URI uri, int objects, int writes, int rate, int inFlight) throws Exception {
        String head = "Host: " + uri.getHost() + ":" + uri.getPort() + "\r\nUser-Agent: kubeling-watch-bench\r\n"
                + "Content-Type: application/merge-patch+json\r\nContent-Length: ";
        double period = 1e9 / rate;
        answers.start();
        began = System.nanoTime();
        for (int i = 0; i < writes; i++) {
            long due = began + (long) (i * period);
            for (long wait; (wait = due - System.nanoTime()) > 0;) {
                LockSupport.parkNanos(wait);
            }
            Connection connection = answers.free.take();
            mostInFlight = Math.max(mostInFlight, inFlight - answers.free.size());
            String body = "{\"data\":{\"i\":\"" + i + "\"}}";
            byte[] request = ("PATCH " + uri.getPath() + (i % objects) + " HTTP/1.1\r\n" + head + body.length()
                    + "\r\n\r\n" + body).getBytes(StandardCharsets.US_ASCII);
            connection.index = i;
            connection.sent = System.nanoTime();
            ByteBuffer out = ByteBuffer.wrap(request);
            while (out.hasRemaining()) {
                if (connection.channel.write(out) == 0) {
                    Thread.onSpinWait();
                }
            }
        }
        if (!answers.all.await(10, TimeUnit.MINUTES)) {
            System.err.println("writes unanswered after 10 minutes: " + answers.all.getCount());
        }
    }

    /** One kept-alive connection and the answer it is reading. */
    private static final class Connection {

        final SocketChannel channel;
        ByteBuffer in = ByteBuffer.allocate(1 << 14);
        int index;
        /** When the request under way left, 0 when none is: written after {@code index}, and read before it. */
        volatile long sent;

        Connection(SocketChannel channel) {
            this.channel = channel;
        }
    }

    /** The connections, and the thread that reads their answers and hands each connection back once answered. */
    private final class Answers implements AutoCloseable {

        final BlockingQueue<Connection> free;
        final CountDownLatch all;
        private final InetSocketAddress server;
        private final Selector selector = Selector.open();
        private final Thread thread = new Thread(this::run, "write-answers");
        private volatile boolean closing;

        Answers(InetSocketAddress server, int connections, int writes) throws IOException {
            this.server = server;
            this.free = new ArrayBlockingQueue<>(connections);
            this.all = new CountDownLatch(writes);
            for (int i = 0; i < connections; i++) {
                free.add(connect());
            }
            thread.setDaemon(true);
        }

        private Connection connect() throws IOException {
            SocketChannel channel = SocketChannel.open(server);
            channel.setOption(java.net.StandardSocketOptions.TCP_NODELAY, true);
            channel.configureBlocking(false);
            Connection connection = new Connection(channel);
            channel.register(selector, SelectionKey.OP_READ, connection);
            return connection;
        }

        void start() {
            thread.start();
        }

        private void run() {
            try {
                while (!closing) {
                    selector.select(200);
                    Iterator<SelectionKey> ready = selector.selectedKeys().iterator();
                    while (ready.hasNext()) {
                        SelectionKey key = ready.next();
                        ready.remove();
                        read(key, (Connection) key.attachment());
                    }
                }
            } catch (IOException | RuntimeException e) {
                if (!closing) {
                    System.err.println("write answers failed: " + e);
                }
            }
        }

        private void read(SelectionKey key, Connection connection) throws IOException {
            if (!connection.in.hasRemaining()) {
                connection.in = ByteBuffer.allocate(connection.in.capacity() * 2).put(connection.in.flip());
            }
            int n;
            try {
                n = connection.channel.read(connection.in);
            } catch (IOException e) {
                n = -1;
            }
            long now = System.nanoTime();
            if (n < 0) {
                // the server closed the connection: a write it was answering failed, and another connection takes
                // this one's place
                key.cancel();
                connection.channel.close();
                if (connection.sent != 0) {
                    answer(connection, -1, null, now);
                } else {
                    // closed while it waited in the free ones
                    free.remove(connection);
                }
                free.add(connect());
                return;
            }
            byte[] bytes = connection.in.array();
            int length = connection.in.position();
            int end = HttpAnswer.end(bytes, length);
            if (end < 0) {
                return;
            }
            answer(connection, HttpAnswer.status(bytes), HttpAnswer.body(bytes, end), now);
            connection.in.clear();
            if (HttpAnswer.closes(bytes, end)) {
                key.cancel();
                connection.channel.close();
                free.add(connect());
            } else {
                free.add(connection);
            }
        }

        private void answer(Connection connection, int status, String body, long now) {
            long sent = connection.sent;
            int index = connection.index;
            connection.sent = 0;
            if (status >= 200 && status < 300) {
                long revision = Long.parseLong(WatchBenchmark.field(body, "resourceVersion"));
                answered.put(revision, now);
                departed.put(revision, sent);
                latencies[index] = now - sent;
                lastAnswer = Math.max(lastAnswer, now);
            } else {
                failed.incrementAndGet();
                System.err.println("write failed: " + (status < 0 ? "connection closed" : status + " " + body));
            }
            all.countDown();
        }

        @Override
        public void close() throws IOException {
            closing = true;
            selector.wakeup();
            try {
                thread.join(2000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            for (SelectionKey key : selector.keys()) {
                key.channel().close();
            }
            selector.close();
        }
    }

    /** From the first write's departure to the last answer. */
    double seconds() {
        return (lastAnswer - began) / 1e9;
    }

    /** Each answered write's revision and the time (nanoTime) its answer came. */
    Map<Long, Long> answered() {
        return answered;
    }

    /** Each answered write's revision and the time (nanoTime) its request left. */
    Map<Long, Long> departed() {
        return departed;
    }

    double latencyPercentile(int p) {
        long[] sorted = Arrays.stream(latencies).filter(l -> l > 0).sorted().toArray();
        if (sorted.length == 0) {
            return 0;
        }
        return sorted[(int) Math.min(sorted.length - 1, Math.ceil(p / 100.0 * sorted.length) - 1)] / 1e6;
    }

    int mostInFlight() {
        return mostInFlight;
    }

    int failed() {
        return failed.get();
    }
}
