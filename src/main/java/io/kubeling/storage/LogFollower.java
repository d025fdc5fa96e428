package io.kubeling.storage;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

import javax.sql.DataSource;

import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps a replica's view of a shared log current, as kine's poller does: PostgreSQL's NOTIFY of each
 * appended revision wakes it, and it then reads the rows after the replica's revision, so a notification
 * lost (a dropped connection, a full queue) costs only time. It also reads every second whatever it
 * hears, and after a lost connection it reconnects and catches up from the log.
 */
final class LogFollower {

    private static final Logger log = LoggerFactory.getLogger(LogFollower.class);

    /** The longest wait without a notification before the log is read all the same. */
    static final int POLL_MILLIS = 1000;

    private final DataSource dataSource;
    private final Runnable catchUp;
    private final LongSupplier revision;
    private final Consumer<Exception> lost;
    private volatile boolean running;
    private Thread thread;

    /**
     * Calls {@code catchUp} when a revision past {@code revision} has been appended, or may have been,
     * and {@code lost} with what broke the connection it listens on.
     */
    LogFollower(DataSource dataSource, Runnable catchUp, LongSupplier revision, Consumer<Exception> lost) {
        this.dataSource = dataSource;
        this.catchUp = catchUp;
        this.revision = revision;
        this.lost = lost;
    }

    synchronized void start() {
        running = true;
        thread = new Thread(this::run, "kubeling-log-follower");
        thread.setDaemon(true);
        thread.start();
    }

    synchronized void stop() {
        running = false;
        if (thread != null) {
            thread.interrupt();
            try {
                thread.join(2L * POLL_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            thread = null;
        }
    }

    private void run() {
        while (running) {
            try (Connection c = dataSource.getConnection()) {
                listen(c);
            } catch (SQLException | RuntimeException e) {
                if (!running) {
                    return;
                }
                lost.accept(e);
                if (Unreachable.cause(e)) {
                    // the database is down or restarting: one line a second, not a trace
                    log.warn("cannot reach the revision log's database; trying again in {} ms: {}", POLL_MILLIS,
                            e.toString());
                } else {
                    log.warn("lost the revision log's notifications; reading the log again in {} ms", POLL_MILLIS, e);
                }
                try {
                    Thread.sleep(POLL_MILLIS);
                } catch (InterruptedException stop) {
                    return;
                }
            }
        }
    }

    private void listen(Connection c) throws SQLException {
        PGConnection pg = c.unwrap(PGConnection.class);
        try (Statement s = c.createStatement()) {
            s.execute("LISTEN " + Dialect.CHANNEL);
        }
        try {
            // what was appended before the LISTEN took effect
            catchUp.run();
            while (running) {
                PGNotification[] heard = pg.getNotifications(POLL_MILLIS);
                if (heard == null || heard.length == 0 || newest(heard) > revision.getAsLong()) {
                    catchUp.run();
                }
            }
        } finally {
            try (Statement s = c.createStatement()) {
                s.execute("UNLISTEN *");
            } catch (SQLException e) {
                // the connection is gone: the pool drops it
            }
        }
    }

    private static long newest(PGNotification[] heard) {
        long newest = 0;
        for (PGNotification n : heard) {
            try {
                newest = Math.max(newest, Long.parseLong(n.getParameter()));
            } catch (NumberFormatException e) {
                newest = Long.MAX_VALUE;
            }
        }
        return newest;
    }
}
