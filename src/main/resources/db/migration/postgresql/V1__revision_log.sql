-- The revision log on PostgreSQL: the same table as H2's three migrations leave. Keys compare
-- byte by byte (collation "C"), as the store's ranges and its in-memory sorted keys do.
CREATE TABLE revision_log (
    revision        BIGINT        NOT NULL PRIMARY KEY,
    item_key        VARCHAR(1024) COLLATE "C" NOT NULL,
    created         BOOLEAN       NOT NULL,
    deleted         BOOLEAN       NOT NULL,
    create_revision BIGINT        NOT NULL,
    prev_revision   BIGINT        NOT NULL,
    written_at      BIGINT        NOT NULL,
    item_value      BYTEA,
    old_value       BYTEA,
    CONSTRAINT revision_log_key_prev UNIQUE (item_key, prev_revision)
);

-- Store-wide markers, such as the revision the log is compacted to.
CREATE TABLE storage_marker (
    name         VARCHAR(64) NOT NULL PRIMARY KEY,
    marker_value BIGINT      NOT NULL
);
INSERT INTO storage_marker (name, marker_value) VALUES ('compacted', 0);
