-- Append-only revision log in the spirit of kine: the id is the revision.
CREATE TABLE revision_log (
    revision        BIGINT        NOT NULL PRIMARY KEY,
    item_key        VARCHAR(1024) NOT NULL,
    created         BOOLEAN       NOT NULL,
    deleted         BOOLEAN       NOT NULL,
    create_revision BIGINT        NOT NULL,
    prev_revision   BIGINT        NOT NULL,
    written_at      BIGINT        NOT NULL,
    item_value      VARBINARY,
    old_value       VARBINARY,
    CONSTRAINT revision_log_key_prev UNIQUE (item_key, prev_revision)
);
CREATE INDEX revision_log_key_rev ON revision_log (item_key, revision);

-- The latest value of every live key, so reads of current state need no scan of the log.
CREATE TABLE current_item (
    item_key        VARCHAR(1024) NOT NULL PRIMARY KEY,
    revision        BIGINT        NOT NULL,
    create_revision BIGINT        NOT NULL,
    item_value      VARBINARY          NOT NULL
);

-- Store-wide markers, such as the revision the log is compacted to.
CREATE TABLE storage_marker (
    name  VARCHAR(64) NOT NULL PRIMARY KEY,
    marker_value BIGINT NOT NULL
);
INSERT INTO storage_marker (name, marker_value) VALUES ('compacted', 0);
