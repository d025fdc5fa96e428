package io.kubeling.audit;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Appends audit events as JSON lines from one thread of its own, so a request only queues its line: the queue is
 * bounded and a line that finds it full is dropped and counted rather than holding the request, as kube's
 * buffered audit backend drops events when its buffer is full.
 */
public final class AuditLog implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(AuditLog.class);
    private static final String STOP = "";

    private final BlockingQueue<String> lines;
    private final Writer out;
    private final Thread writer;
    private final AtomicLong dropped = new AtomicLong();
    private final boolean ownsOut;

    private AuditLog(Writer out, int capacity, boolean ownsOut) {
        this.out = out;
        this.ownsOut = ownsOut;
        this.lines = new ArrayBlockingQueue<>(capacity);
        this.writer = new Thread(this::drain, "audit-log");
        writer.setDaemon(true);
        writer.start();
    }

    /** A log appending to {@code path}, or to standard output for {@code -} as kube's --audit-log-path. */
    public static AuditLog open(String path, int capacity) {
        try {
            if ("-".equals(path)) {
                return new AuditLog(new BufferedWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8)),
                        capacity, false);
            }
            return new AuditLog(Files.newBufferedWriter(Path.of(path), StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND), capacity, true);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot open audit log " + path + ": " + e.getMessage(), e);
        }
    }

    public static AuditLog to(Writer out, int capacity) {
        return new AuditLog(out, capacity, true);
    }

    public void write(String line) {
        if (!lines.offer(line)) {
            dropped.incrementAndGet();
        }
    }

    public long dropped() {
        return dropped.get();
    }

    private void drain() {
        List<String> batch = new ArrayList<>();
        try {
            while (true) {
                String first = lines.take();
                batch.add(first);
                lines.drainTo(batch);
                boolean stop = false;
                for (String line : batch) {
                    if (line.isEmpty()) {
                        stop = true;
                        break;
                    }
                    out.write(line);
                    out.write('\n');
                }
                batch.clear();
                out.flush();
                if (stop) {
                    return;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            LOG.error("audit log stopped: {}", e.getMessage());
        }
    }

    /** Writes what is queued, then closes the file. */
    @Override
    public void close() {
        try {
            lines.offer(STOP, 5, TimeUnit.SECONDS);
            writer.join(TimeUnit.SECONDS.toMillis(5));
            if (ownsOut) {
                out.close();
            } else {
                out.flush();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            LOG.warn("closing the audit log: {}", e.getMessage());
        }
    }
}
