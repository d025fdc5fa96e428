package io.kubeling.registry;

/** The object as the delete left it, and whether it is gone (false while finalizers or a grace period hold it). */
public record DeleteResult<T>(T object, boolean deleted) {
}
