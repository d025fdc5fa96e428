package io.kubeling.storage;

import java.util.List;

/**
 * How a watch begins: the events it must send before live ones (the current state as
 * synthetic creations, or the history it resumes from) and the revision they bring it to.
 */
public record WatchStart(List<StorageEvent> backlog, long revision) {
}
