package io.kubeling.storage;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.function.LongSupplier;

import javax.sql.DataSource;

/**
 * Where a committed write is when it is acknowledged. H2 by default writes its commits to the
 * file half a second later, in the background, so a killed process lost the last half second of
 * acknowledged writes and, with them, revisions already handed out; here every commit is written
 * to the file before the commit returns, which a killed process cannot undo. H2 never flushes the
 * file to the disk on commit, so with {@code kubeling.storage.fsync} the writer also waits for
 * {@code CHECKPOINT SYNC}: one fsync covers every write committed before it began, and the writes
 * that commit while it runs share the next one (group commit). PostgreSQL flushes its write-ahead log
 * on every commit (synchronous_commit), so there an acknowledged write is on disk already.
 */
final class CommitDurability {

    private final DataSource dataSource;
    private final boolean fsync;
    // whether acknowledgements wait for CHECKPOINT SYNC: fsync asked for, on an H2 file
    private volatile boolean flushesOnAck;
    // the highest revision known to be on disk, and whether a writer is flushing now; guarded by this
    private long synced;
    private boolean flushing;
    private long flushes;

    CommitDurability(DataSource dataSource, boolean fsync) {
        this.dataSource = dataSource;
        this.fsync = fsync;
    }

    /**
     * Sets the database's write delay and tells which database it is; refuses fsync on an in-memory
     * H2 database. On PostgreSQL fsync asks for nothing more than its own commits give.
     */
    Dialect start() {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            Dialect dialect = Dialect.of(c);
            boolean file = dialect == Dialect.H2 && !c.getMetaData().getURL().startsWith("jdbc:h2:mem:");
            if (fsync && dialect == Dialect.H2 && !file) {
                throw new IllegalStateException("kubeling.storage.fsync needs the H2 file database");
            }
            if (file) {
                s.execute("SET WRITE_DELAY 0");
            }
            flushesOnAck = fsync && file;
            return dialect;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot set the database's write delay", e);
        }
    }

    /**
     * Returns once {@code revision}, already committed, is on disk; {@code committed} tells the
     * latest committed revision, all of which a flush begun now will cover.
     */
    void awaitOnDisk(long revision, LongSupplier committed) {
        if (!flushesOnAck) {
            return;
        }
        synchronized (this) {
            while (synced < revision && flushing) {
                try {
                    wait();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while revision " + revision + " was flushed");
                }
            }
            if (synced >= revision) {
                return;
            }
            flushing = true;
        }
        long covered = committed.getAsLong();
        boolean done = false;
        try {
            flush();
            done = true;
        } finally {
            synchronized (this) {
                flushing = false;
                if (done) {
                    synced = Math.max(synced, covered);
                    flushes++;
                }
                notifyAll();
            }
        }
    }

    /** How many flushes to disk have run. */
    synchronized long flushes() {
        return flushes;
    }

    private void flush() {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute("CHECKPOINT SYNC");
        } catch (SQLException e) {
            throw new IllegalStateException("cannot flush the database to disk", e);
        }
    }
}
