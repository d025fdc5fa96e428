package io.kubeling.registry;

import io.kubeling.storage.StorageEvent;

/**
 * One committed write to an object, still encoded, as watches and change feeds receive it: a
 * deletion carries the object's last state in {@code previousValue} and no {@code value}. Decode it
 * through the object's {@link ResourceStore}.
 */
public record StoredChange(Type type, String key, long revision, long previousRevision, byte[] value,
        byte[] previousValue) {

    public enum Type { CREATED, UPDATED, DELETED }

    static StoredChange of(StorageEvent event) {
        Type type = switch (event.type()) {
            case CREATED -> Type.CREATED;
            case UPDATED -> Type.UPDATED;
            case DELETED -> Type.DELETED;
        };
        return new StoredChange(type, event.key(), event.revision(), event.previousRevision(), event.value(),
                event.previousValue());
    }
}
