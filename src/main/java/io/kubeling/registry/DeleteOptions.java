package io.kubeling.registry;

/**
 * Options of a delete, as in meta/v1 DeleteOptions, and who deletes ({@code user}, null for the request's user or,
 * outside a request, the server itself), for admission to see.
 */
public record DeleteOptions(boolean dryRun, Long gracePeriodSeconds, String preconditionUid,
        String preconditionResourceVersion, String propagationPolicy, UserInfo user) {

    public static final DeleteOptions DEFAULT = new DeleteOptions(false, null, null, null, null);

    public DeleteOptions(boolean dryRun, Long gracePeriodSeconds, String preconditionUid,
            String preconditionResourceVersion, String propagationPolicy) {
        this(dryRun, gracePeriodSeconds, preconditionUid, preconditionResourceVersion, propagationPolicy, null);
    }

    /** The same options for a delete made by {@code who}. */
    public DeleteOptions by(UserInfo who) {
        return new DeleteOptions(dryRun, gracePeriodSeconds, preconditionUid, preconditionResourceVersion,
                propagationPolicy, who);
    }
}
