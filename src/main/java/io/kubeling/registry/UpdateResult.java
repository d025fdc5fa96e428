package io.kubeling.registry;

/** The object after an update, and whether the update created it (PUT or apply on an absent object). */
public record UpdateResult<T>(T object, boolean created) {
}
