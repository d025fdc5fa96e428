package io.kubeling.storage;

/**
 * One committed write, as the watch streams and controllers see it. A deletion carries the
 * last value in {@code previousValue} and no {@code value}.
 */
public record StorageEvent(Type type, String key, long revision, long createRevision, long previousRevision,
        byte[] value, byte[] previousValue) {

    public enum Type { CREATED, UPDATED, DELETED }
}
