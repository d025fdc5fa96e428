package io.kubeling.storage;

import java.sql.Connection;
import java.sql.SQLException;

import javax.sql.DataSource;

import org.h2.engine.SessionLocal;
import org.h2.jdbc.JdbcConnection;
import org.h2.mvstore.FileStore;
import org.h2.mvstore.MVStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * Gives the H2 file's dead space back. H2 writes every commit as a new chunk of its file and reuses a
 * chunk's space only once nothing in it is live, so a chunk that still holds one live page keeps all of
 * its space. Moving the live pages out of mostly dead chunks is the work of H2's background writer,
 * which does not run when every commit is written at once ({@link CommitDurability}); without this the
 * file grows with every commit however little the log holds.
 */
public final class FileCompactor {

    private static final Logger log = LoggerFactory.getLogger(FileCompactor.class);

    /** Chunks with less than this share of live data, in percent, have their live pages rewritten. */
    static final int FILL_RATE = 50;
    /** The live bytes one pass rewrites, under H2's store lock, which the writes wait for. */
    private static final int PASS_BYTES = 4 << 20;
    /** No further pass begins after this. */
    private static final long MAX_NANOS = 200_000_000L;

    private final DataSource dataSource;

    public FileCompactor(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * Rewrites the live pages of the sparsest chunks older than H2's retention time into new ones, as
     * H2's background writer would; the emptied chunks are freed by a later commit and their space
     * taken by the next chunks.
     */
    @Scheduled(fixedDelayString = "${kubeling.storage.compaction-interval:10s}",
            initialDelayString = "${kubeling.storage.compaction-interval:10s}")
    void run() {
        try (Connection c = dataSource.getConnection()) {
            MVStore store = fileStore(c);
            if (store == null) {
                return;
            }
            long deadline = System.nanoTime() + MAX_NANOS;
            int passes = 0;
            while (store.compact(FILL_RATE, PASS_BYTES)) {
                store.commit();
                passes++;
                if (System.nanoTime() - deadline > 0) {
                    break;
                }
            }
            if (passes > 0) {
                log.debug("rewrote sparse chunks of the database file in {} passes; its size is {} bytes", passes,
                        store.getFileStore().size());
            }
        } catch (SQLException e) {
            log.warn("cannot compact the database file", e);
        }
    }

    /** H2's store behind the connection when it is a file database open for writing, else null. */
    private static MVStore fileStore(Connection c) throws SQLException {
        if (!c.isWrapperFor(JdbcConnection.class)
                || !(c.unwrap(JdbcConnection.class).getSession() instanceof SessionLocal session)
                || session.getDatabase().getStore() == null) {
            return null;
        }
        MVStore store = session.getDatabase().getStore().getMvStore();
        FileStore<?> file = store.getFileStore();
        return file == null || file.isReadOnly() || !store.isPersistent() ? null : store;
    }
}
