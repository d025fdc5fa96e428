package io.kubeling.registry;

/** Options of a delete, as in meta/v1 DeleteOptions. */
public record DeleteOptions(boolean dryRun, Long gracePeriodSeconds, String preconditionUid,
        String preconditionResourceVersion, String propagationPolicy) {

    public static final DeleteOptions DEFAULT = new DeleteOptions(false, null, null, null, null);
}
