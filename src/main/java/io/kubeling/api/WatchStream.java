package io.kubeling.api;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;

import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Status;
import io.kubeling.registry.ListOptions;
import io.kubeling.registry.ResourceStore;
import io.kubeling.registry.StatusException;
import io.kubeling.registry.StoredChange;
import io.kubeling.registry.WatchEvent;

/**
 * One open watch: the events for it queue up and are written with non-blocking servlet output
 * by a small shared pool, so an idle watch holds no thread and a stalled client blocks no one.
 * Live events beyond the buffer end the stream, as kube's watch cache ends a watcher that
 * cannot keep up; the client then lists and watches again.
 *
 * <p>The container recycles a request's objects for other requests once it has completed it, which
 * it may do on a container thread while a writer is still inside a failed write (the container reports
 * the failure to a container thread before its write returns). Every use of the response by a
 * writer therefore happens under {@code io}, and the container's callbacks take {@code io}
 * before they let the request end: after they return, no writer touches the response again.
 */
final class WatchStream<T extends HasMetadata> implements WriteListener, AsyncListener {

    private static final Logger log = LoggerFactory.getLogger(WatchStream.class);

    /** Control items queued between events. */
    private record Bookmark(long revision, boolean initialEventsEnd) {
    }

    private record Failure(Status status) {
    }

    /** A timer's item, written once the stream has read the log up to {@code position}, as it was when queued. */
    private record Control(long position, Object item) {
    }

    private static final Object END = new Object();
    /** About how many bytes of ready lines one write takes. */
    private static final int GATHERED_BYTES = 64 * 1024;
    /** The lines of one write: a list for each writer thread, rather than one for every write. */
    private static final ThreadLocal<List<byte[]>> LINES = ThreadLocal.withInitial(java.util.ArrayList::new);
    /** Live items a writer takes from the log at once. */
    private static final int TAKEN = 16;

    private final ResourceStore<T> store;
    private final String namespace;
    private final ListOptions filter;
    private final boolean bookmarks;
    private final AsyncContext async;
    private final ServletOutputStream out;
    private final WatchFlusher flusher;
    private final WatchEncoder encoder;
    /** How a change reads to this watch when it has no selectors: made once, not for every event. */
    private final java.util.function.Function<StoredChange, WatchEvent<?>> unfiltered;
    private final ArrayDeque<Object> backlog = new ArrayDeque<>();
    /** How many live items (changes not yet read from the log, and the timers' items) end the stream. */
    private final int bufferSize;
    /** The store's live changes for this stream, read by position; set as the stream joins it. */
    private volatile ChangeLog changes;
    /** The log's next position this stream reads. */
    private volatile long cursor;
    /** The changes up to this revision came in the backlog (or never will, when the watch failed to start). */
    private long startAfter = Long.MAX_VALUE;
    /** Whether the cursor has moved past the log's changes that the backlog brings: only then do changes count. */
    private volatile boolean positioned;
    /** The timers' items; guarded by itself. */
    private final ArrayDeque<Control> controls = new ArrayDeque<>();
    private volatile int controlCount;
    /** Items taken from the log (or the backlog) and not yet written; guarded by {@code io}. */
    private final ArrayDeque<Object> taken = new ArrayDeque<>(TAKEN);
    /** Requests for a drain since the last one began; the first of them submits it. */
    private final AtomicInteger runs = new AtomicInteger();
    private final Runnable drain = this::drain;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final ReentrantLock io = new ReentrantLock();
    private volatile boolean started;
    private volatile boolean ending;
    private final List<ScheduledFuture<?>> timers = new java.util.concurrent.CopyOnWriteArrayList<>();
    private Runnable onClose = () -> {
    };
    private java.util.function.Function<T, Object> tableView;
    private String remoteAddress;
    private int remotePort;

    WatchStream(ResourceStore<T> store, String namespace, ListOptions filter, boolean bookmarks, AsyncContext async,
            WatchFlusher flusher, WatchEncoder encoder, int bufferSize) throws IOException {
        this.store = store;
        this.namespace = namespace;
        this.filter = filter;
        this.bookmarks = bookmarks;
        this.async = async;
        this.out = async.getResponse().getOutputStream();
        this.flusher = flusher;
        this.encoder = encoder;
        this.unfiltered = filter.labelSelector().isEmpty() && filter.fieldSelector().isEmpty()
                ? change -> store.translate(change, filter) : null;
        this.bufferSize = Math.max(1, bufferSize);
        async.addListener(this);
    }

    /** Sends each object as a one-row Table, for clients that asked for server-side printing. */
    void asTable(java.util.function.Function<T, Object> view) {
        this.tableView = view;
    }

    /** Where the client connects from, to tell when it has gone. */
    void client(String address, int port) {
        this.remoteAddress = address;
        this.remotePort = port;
    }

    void onClose(Runnable action) {
        this.onClose = action;
    }

    void addTimer(ScheduledFuture<?> timer) {
        timers.add(timer);
    }

    String namespace() {
        return namespace;
    }

    ResourceStore<T> store() {
        return store;
    }

    // ---- what goes in

    /** Events to send before any live one; called before {@link #start()}. */
    void backlog(List<StoredChange> events) {
        backlog.addAll(events);
    }

    void backlogInitialEventsEnd(long revision) {
        backlog.add(new Bookmark(revision, true));
    }

    void backlogFailure(Status status) {
        backlog.add(new Failure(status));
    }

    /** Begins writing: the response headers go out at once, then the backlog. */
    void start() {
        out.setWriteListener(this);
        started = true;
        schedule(true);
    }

    /** Reads {@code log} from {@code position} on: called by the log as the stream joins it, before any change. */
    void follow(ChangeLog log, long position) {
        this.changes = log;
        this.cursor = position;
    }

    /**
     * The revision the backlog brings the stream to: the log's changes up to it are skipped. They lead the log, which
     * is in revision order, so the cursor moves past those already there, and from here on only the changes the stream
     * will send count against its buffer. Before {@link #start()}.
     */
    void startAfter(long revision) {
        this.startAfter = revision;
        ChangeLog from = changes;
        if (from != null) {
            long at = cursor;
            for (StoredChange change; at < from.head() && (change = from.at(at)) != null
                    && change.revision() <= revision; at++) {
                // a change the backlog brings
            }
            cursor = at;
        }
        positioned = true;
    }

    /**
     * The log's change at {@code head - 1} has come, as the log tells each stream under its monitor: asks for a drain,
     * or ends the stream when that puts it more than its buffer behind (once it knows which changes it skips: until
     * then, the ring's end is its limit). Answers the first position the stream still reads (none once it is ending).
     */
    long changed(long head) {
        if (ending || closed.get()) {
            return Long.MAX_VALUE;
        }
        long at = cursor;
        if (positioned && head - at + controlCount > bufferSize) {
            // The client cannot keep up: end its stream rather than hold every writer back.
            ending = true;
            schedule();
            return Long.MAX_VALUE;
        }
        schedule();
        return at;
    }

    void bookmark(long revision) {
        if (bookmarks) {
            enqueue(new Bookmark(revision, false));
        }
    }

    /** Ends the stream after what is queued, with a last bookmark when the client asked for them. */
    void finish(long revision) {
        if (bookmarks) {
            enqueue(new Bookmark(revision, false));
        }
        enqueue(END);
    }

    boolean isClosed() {
        return closed.get();
    }

    /** Queues a timer's item after the changes the log holds now; it counts against the buffer as they do. */
    private void enqueue(Object item) {
        if (closed.get() || ending) {
            return;
        }
        ChangeLog from = changes;
        synchronized (controls) {
            long head = from == null ? cursor : from.head();
            if (head - cursor + controls.size() >= bufferSize) {
                ending = true;
            } else {
                controls.add(new Control(head, item));
                controlCount = controls.size();
            }
        }
        schedule();
    }

    // ---- what goes out

    private void schedule() {
        schedule(false);
    }

    /** Asks for a drain: on the next flush tick for events, at once when the socket can take more. */
    private void schedule(boolean now) {
        if (started && runs.getAndIncrement() == 0) {
            flusher.submit(drain, now || ending);
        }
    }

    /**
     * Writes what is queued: one pass answers every request for a drain made before it began, rather than a pass each
     * (the events queued since the last drain, each of which asked), and a request made meanwhile gets another pass.
     */
    private void drain() {
        int asked = runs.get();
        do {
            io.lock();
            try {
                writeWhatIsReady();
            } catch (IOException | RuntimeException e) {
                log.debug("watch stream ended: {}", e.getClass().getName());
                close();
            } finally {
                io.unlock();
            }
        } while ((asked = runs.addAndGet(-asked)) != 0);
    }

    private void writeWhatIsReady() throws IOException {
        if (closed.get()) {
            return;
        }
        List<byte[]> lines = null;
        while (true) {
            // the socket is asked whether it is ready only when there is something to write: once per write
            Object item = next();
            if (item == null) {
                if (unflushed && out.isReady()) {
                    // the response headers, when nothing has been written yet
                    unflushed = false;
                    out.flush();
                }
                return;
            }
            if (!out.isReady()) {
                taken.addFirst(item);
                return;
            }
            if (lines == null) {
                lines = LINES.get();
                lines.clear();
            }
            // the lines that are ready leave in one write, and the stream is flushed once they are all out
            boolean end = false;
            int size = 0;
            for (; item != null; item = size < GATHERED_BYTES ? next() : null) {
                if (item == END) {
                    end = true;
                    break;
                }
                byte[] line;
                boolean failed = item instanceof Failure;
                try {
                    line = render(item);
                } catch (StatusException e) {
                    // an object that cannot be read in the watched version (a failed conversion) ends the watch
                    line = render(new Failure(e.status()));
                    failed = true;
                }
                if (line != null) {
                    lines.add(line);
                    size += line.length;
                }
                if (failed) {
                    end = true;
                    break;
                }
            }
            if (!lines.isEmpty()) {
                // a buffer goes out at once, headers and all, where an array would wait in the response's buffer
                // for a flush: one pass through the container and no copy per write
                out.write(java.nio.ByteBuffer.wrap(encoder.joined(lines, size)));
                lines.clear();
                unflushed = false;
            }
            if (end) {
                finishWriting();
                return;
            }
        }
    }

    /**
     * The next item to write: the backlog's, then the live ones, taken a few at a time; called under {@code io}. A
     * stream that is ending writes what it has taken, then ends.
     */
    private Object next() {
        Object item = taken.poll();
        if (item != null) {
            return item;
        }
        if (!backlog.isEmpty()) {
            return backlog.poll();
        }
        if (ending) {
            return END;
        }
        takeLive();
        return taken.poll();
    }

    /**
     * Moves up to {@link #TAKEN} live items to {@code taken}: the log's next changes, each timer's item at its place
     * among them. A change the log no longer holds (the stream fell more than the log's ring behind) ends the stream.
     */
    private void takeLive() {
        ChangeLog from = changes;
        if (from == null) {
            return;
        }
        long at = cursor;
        long end = from.head();
        Control control = controlCount == 0 ? null : control(false);
        for (int n = 0; n < TAKEN;) {
            if (control != null && control.position() <= at) {
                taken.add(control.item());
                n++;
                control = control(true);
            } else if (at < end) {
                StoredChange change = from.at(at);
                if (change == null) {
                    ending = true;
                    break;
                }
                at++;
                if (change.revision() > startAfter) {
                    taken.add(change);
                    n++;
                }
            } else if (control != null && (end = from.head()) > at) {
                // the timer's item came after changes this pass had not seen yet
                continue;
            } else {
                break;
            }
        }
        cursor = at;
    }

    /** The first timer's item, after dropping the one taken when {@code taken}. */
    private Control control(boolean taken) {
        synchronized (controls) {
            if (taken) {
                controls.poll();
                controlCount = controls.size();
            }
            return controls.peek();
        }
    }

    /** Sends what is buffered, then ends the response. */
    private void finishWriting() throws IOException {
        if (out.isReady()) {
            out.flush();
        }
        close();
    }

    /** Whether the response headers have yet to go out: they go with the first write, or alone at the start. */
    private boolean unflushed = true;

    private byte[] render(Object item) {
        if (item instanceof StoredChange event) {
            if (tableView == null && unfiltered != null) {
                return encoder.unfiltered(store, event, unfiltered);
            }
            WatchEvent<T> translated = store.translate(event, filter);
            if (translated == null) {
                return null;
            }
            return tableView == null ? encoder.encode(translated) : encoder.encode(new WatchEvent<>(translated.type(),
                    tableView.apply(translated.object()), null));
        }
        if (item instanceof Bookmark b) {
            return encoder.encode(new WatchEvent<>(WatchEvent.Type.BOOKMARK, store.bookmark(b.revision(),
                    b.initialEventsEnd()), null));
        }
        if (item instanceof Failure f) {
            return encoder.encode(new WatchEvent<>(WatchEvent.Type.ERROR, f.status(), null));
        }
        return null;
    }

    /**
     * Whether the client has closed its connection, asked only while the stream is open and under {@code io}: once
     * the response completes, the connection's next request is the container's to read, and no probe may take its bytes.
     */
    boolean clientGone(java.util.function.BiPredicate<String, Integer> gone) {
        io.lock();
        try {
            return !closed.get() && gone.test(remoteAddress, remotePort);
        } finally {
            io.unlock();
        }
    }

    /** Ends the stream and completes the response; on a writer thread, call with {@code io} held. */
    void close() {
        io.lock();
        try {
            if (closed.compareAndSet(false, true)) {
                release();
                try {
                    async.complete();
                } catch (IllegalStateException ignored) {
                    // the container has already ended the request
                }
            }
        } finally {
            io.unlock();
        }
    }

    /** The container ends the request itself: let no writer use it from here on. */
    private void ended() {
        io.lock();
        try {
            if (closed.compareAndSet(false, true)) {
                release();
            }
        } finally {
            io.unlock();
        }
    }

    private void release() {
        for (ScheduledFuture<?> timer : timers) {
            timer.cancel(false);
        }
        onClose.run();
    }

    // ---- container callbacks

    @Override
    public void onWritePossible() {
        schedule(true);
    }

    @Override
    public void onError(Throwable t) {
        close();
    }

    @Override
    public void onComplete(AsyncEvent event) {
        ended();
    }

    @Override
    public void onTimeout(AsyncEvent event) {
        close();
    }

    @Override
    public void onError(AsyncEvent event) {
        close();
    }

    @Override
    public void onStartAsync(AsyncEvent event) {
    }
}
