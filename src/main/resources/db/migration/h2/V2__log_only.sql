-- Current state is the latest row of each key in the log, as in kine; the store also keeps it in
-- memory. The log always holds that row, since compaction keeps every key's latest row.
DROP TABLE current_item;
