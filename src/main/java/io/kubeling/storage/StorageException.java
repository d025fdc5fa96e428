package io.kubeling.storage;

/** A write the store refused; {@code kind} says why, for the registry to turn into a Status. */
public final class StorageException extends RuntimeException {

    public enum Kind {
        /** The key exists already (create). */
        KEY_EXISTS,
        /** The key does not exist (update, delete). */
        KEY_NOT_FOUND,
        /** The key has been written since the expected revision. */
        CONFLICT,
        /** The revision asked for has been compacted away. */
        COMPACTED,
        /** The revision asked for is newer than the store. */
        FUTURE_REVISION,
        /** The database could not be reached: a lost connection, a restart; the call may succeed later. */
        UNREACHABLE
    }

    private final Kind kind;
    private final String key;
    private final long revision;

    public StorageException(Kind kind, String key, long revision) {
        super(kind + " " + key + " at " + revision);
        this.kind = kind;
        this.key = key;
        this.revision = revision;
    }

    StorageException(Kind kind, long revision, Throwable cause) {
        super("the revision log's database cannot be reached", cause);
        this.kind = kind;
        this.key = "";
        this.revision = revision;
    }

    public Kind kind() {
        return kind;
    }

    public String key() {
        return key;
    }

    /** For CONFLICT the key's current revision; for COMPACTED the compacted revision; else the store's. */
    public long revision() {
        return revision;
    }
}
