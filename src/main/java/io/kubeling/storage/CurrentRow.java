package io.kubeling.storage;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** The latest value of one live key. */
@Entity
@Table(name = "current_item")
class CurrentRow {

    @Id
    @Column(name = "item_key")
    String key;

    @Column(name = "revision", nullable = false)
    long revision;

    @Column(name = "create_revision", nullable = false)
    long createRevision;

    @JdbcTypeCode(SqlTypes.VARBINARY)
    @Column(name = "item_value", nullable = false)
    byte[] value;

    protected CurrentRow() {
    }

    CurrentRow(String key, long revision, long createRevision, byte[] value) {
        this.key = key;
        this.revision = revision;
        this.createRevision = createRevision;
        this.value = value;
    }

    KeyValue toKeyValue() {
        return new KeyValue(key, value, revision, createRevision);
    }
}
