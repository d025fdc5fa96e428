package io.kubeling.registry;

/** Options of a create, update or patch: {@code dryRun=All} validates and defaults but stores nothing. */
public record WriteOptions(boolean dryRun, String fieldManager) {

    public static final WriteOptions DEFAULT = new WriteOptions(false, null);
}
