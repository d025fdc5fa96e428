package io.kubeling.storage;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A named store-wide number, such as the compacted revision. */
@Entity
@Table(name = "storage_marker")
class MarkerRow {

    static final String COMPACTED = "compacted";

    @Id
    @Column(name = "name")
    String name;

    @Column(name = "marker_value", nullable = false)
    long value;

    protected MarkerRow() {
    }
}
