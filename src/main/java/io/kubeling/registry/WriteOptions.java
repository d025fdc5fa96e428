package io.kubeling.registry;

/**
 * Options of a create, update or patch: {@code dryRun=All} validates and defaults but stores nothing. {@code user}
 * is who asks, for admission to see; null when the write is the server's own (a controller's), taken as the admin.
 */
public record WriteOptions(boolean dryRun, String fieldManager, UserInfo user) {

    public static final WriteOptions DEFAULT = new WriteOptions(false, null);

    public WriteOptions(boolean dryRun, String fieldManager) {
        this(dryRun, fieldManager, null);
    }

    /** The user, the admin when none is named. */
    public UserInfo userOrAdmin() {
        return user == null ? UserInfo.ADMIN : user;
    }
}
