package io.kubeling.storage;

import java.util.List;

/** A page of keys under a prefix, read at {@code revision}; {@code more} tells whether keys follow. */
public record Range(List<KeyValue> items, long revision, boolean more) {
}
