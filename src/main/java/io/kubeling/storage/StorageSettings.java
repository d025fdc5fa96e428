package io.kubeling.storage;

/**
 * How the store keeps what it is given: {@code fsync} makes each acknowledged write wait until it
 * is on disk; the most recent events, kept in memory for watches that resume, are bounded by
 * {@code historyWindow} events and {@code historyBytes} of values, whichever is reached first.
 */
public record StorageSettings(boolean fsync, int historyWindow, long historyBytes) {
}
