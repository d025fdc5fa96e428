-- The unique (item_key, prev_revision) index of the compare-and-swap also serves every lookup by
-- key; a second index on (item_key, revision) only cost each write another B-tree insert.
DROP INDEX IF EXISTS revision_log_key_rev;
