package io.kubeling.controllers;

import java.util.HashMap;
import java.util.Map;

/**
 * What a cache kept from a change feed remembers until its first full list is in: the revision each
 * object was last seen at by uid, deletions included, so that the list, read before those changes,
 * cannot undo them. Not thread-safe: its cache's lock guards it.
 */
public final class SeenBeforeTheList {

    private Map<String, Long> seen = new HashMap<>();

    /** Whether a change or list entry at {@code revision} is older than what was seen of the uid; else records it. */
    public boolean stale(String uid, long revision) {
        if (seen == null) {
            return false;
        }
        Long last = seen.get(uid);
        if (last != null && last >= revision) {
            return true;
        }
        seen.put(uid, revision);
        return false;
    }

    /** A deletion: a uid is never used again, so no list read before it brings the object back. */
    public void deleted(String uid) {
        if (seen != null) {
            seen.put(uid, Long.MAX_VALUE);
        }
    }

    /** The first full list is in: from now on the feed alone, in revision order. */
    public void listed() {
        seen = null;
    }

    public boolean isListed() {
        return seen == null;
    }
}
