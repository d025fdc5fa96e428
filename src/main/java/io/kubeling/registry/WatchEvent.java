package io.kubeling.registry;

/**
 * One event of a watch as the client sees it. {@code objectKey} names the exact serialized
 * form of {@code object}, so that an event going to many watchers is encoded once.
 */
public record WatchEvent<T>(Type type, T object, String objectKey) {

    public enum Type { ADDED, MODIFIED, DELETED, BOOKMARK, ERROR }
}
