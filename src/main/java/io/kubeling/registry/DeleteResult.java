package io.kubeling.registry;

/**
 * The object as the delete left it, and whether it is gone (false while finalizers or a grace period hold it);
 * {@code removedRevision} is the revision a delete that is gone removed, 0 when none or not known.
 */
public record DeleteResult<T>(T object, boolean deleted, long removedRevision) {

    public DeleteResult(T object, boolean deleted) {
        this(object, deleted, 0);
    }
}
