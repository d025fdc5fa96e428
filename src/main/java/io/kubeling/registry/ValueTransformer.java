package io.kubeling.registry;

/**
 * Changes the stored bytes of one resource's objects on their way to storage and back, as kube-apiserver's
 * value transformers do for encryption at rest. Every value of the resource passes through it, so the
 * current values, the revision log and the watch history hold only what it wrote.
 */
public interface ValueTransformer {

    /** Whether values of this resource pass through this transformer. */
    boolean appliesTo(GroupResource resource);

    byte[] toStorage(byte[] plain);

    byte[] fromStorage(byte[] stored);

    /** Whether a stored value should be written again (not written with the current key), even when unchanged. */
    default boolean isStale(byte[] stored) {
        return false;
    }

    ValueTransformer IDENTITY = new ValueTransformer() {
        @Override
        public boolean appliesTo(GroupResource resource) {
            return true;
        }

        @Override
        public byte[] toStorage(byte[] plain) {
            return plain;
        }

        @Override
        public byte[] fromStorage(byte[] stored) {
            return stored;
        }
    };
}
