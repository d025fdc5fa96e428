package io.kubeling.registry;

import java.util.List;

/**
 * How a watch begins: the changes it must send before live ones (the current state as
 * creations, or the history it resumes from) and the revision they bring it to.
 */
public record WatchStart(List<StoredChange> backlog, long revision) {
}
