package io.kubeling.registry;

import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Object uids: random (version 4) UUIDs, as kube-apiserver gives. They need to be unique, not
 * unguessable, so they come from the thread's own generator rather than a shared SecureRandom,
 * which cost more than the rest of an event's creation.
 */
final class Uids {

    private Uids() {
    }

    static String next() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long high = (random.nextLong() & ~0xF000L) | 0x4000L;
        long low = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(high, low).toString();
    }
}
