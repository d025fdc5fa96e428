package io.kubeling.storage;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** One write in the revision log; its id is the revision. */
@Entity
@Table(name = "revision_log")
class LogRow {

    @Id
    @Column(name = "revision")
    long revision;

    @Column(name = "item_key", nullable = false)
    String key;

    @Column(name = "created", nullable = false)
    boolean created;

    @Column(name = "deleted", nullable = false)
    boolean deleted;

    @Column(name = "create_revision", nullable = false)
    long createRevision;

    @Column(name = "prev_revision", nullable = false)
    long prevRevision;

    @Column(name = "written_at", nullable = false)
    long writtenAt;

    @JdbcTypeCode(SqlTypes.VARBINARY)
    @Column(name = "item_value")
    byte[] value;

    @JdbcTypeCode(SqlTypes.VARBINARY)
    @Column(name = "old_value")
    byte[] oldValue;

    protected LogRow() {
    }

    LogRow(long revision, String key, boolean created, boolean deleted, long createRevision, long prevRevision,
            long writtenAt, byte[] value, byte[] oldValue) {
        this.revision = revision;
        this.key = key;
        this.created = created;
        this.deleted = deleted;
        this.createRevision = createRevision;
        this.prevRevision = prevRevision;
        this.writtenAt = writtenAt;
        this.value = value;
        this.oldValue = oldValue;
    }

    StorageEvent toEvent() {
        return toEvent(oldValue);
    }

    /** The event of this row, with the previous value read from elsewhere when the row does not hold it. */
    StorageEvent toEvent(byte[] previousValue) {
        StorageEvent.Type type = deleted ? StorageEvent.Type.DELETED
                : created ? StorageEvent.Type.CREATED : StorageEvent.Type.UPDATED;
        return new StorageEvent(type, key, revision, createRevision, prevRevision, value, previousValue);
    }

    /** An update read back from the log, whose previous value is the row at its previous revision. */
    boolean lacksPreviousValue() {
        return !created && !deleted && oldValue == null;
    }
}
