package io.kubeling.registry;

import io.fabric8.kubernetes.api.model.HasMetadata;

/**
 * Work a resource's storage does beside the object itself, as kube's BeginCreate, BeginUpdate and
 * AfterDelete hooks: the service storage allocating cluster IPs and node ports. A hook runs after
 * validation; what it reserves is committed once the object is written, and reverted when the write
 * fails, so that nothing stays reserved for an object that was never stored.
 */
public interface WriteHook<T extends HasMetadata> {

    Class<T> type();

    /** Reserves what a new object needs, filling it in; an error here (a StatusException) refuses the create. */
    default Pending beforeCreate(T object, boolean dryRun) {
        return Pending.NONE;
    }

    /** Reserves what an update needs and schedules what it frees, to be released on commit. */
    default Pending beforeUpdate(T object, T old, boolean dryRun) {
        return Pending.NONE;
    }

    /** Releases what a deleted object held, after it is gone from storage. */
    default void afterDelete(T object) {
    }

    /** What a hook did before a write: kept with {@link #commit} after the write, undone with {@link #revert}. */
    interface Pending {

        Pending NONE = new Pending() {
            @Override
            public void commit() {
            }

            @Override
            public void revert() {
            }
        };

        void commit();

        void revert();
    }
}
