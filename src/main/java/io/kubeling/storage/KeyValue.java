package io.kubeling.storage;

/** A stored value with the revision of its last write and of its creation. */
public record KeyValue(String key, byte[] value, long revision, long createRevision) {
}
