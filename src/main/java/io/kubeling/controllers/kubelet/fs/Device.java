package io.kubeling.controllers.kubelet.fs;

import java.util.concurrent.ThreadLocalRandom;

/**
 * The character devices a runtime puts in every container's {@code /dev}. A read of an endless one
 * gives a block, as one read(2) would, so {@code head -c 16 /dev/urandom} and
 * {@code tr -dc a-z < /dev/urandom | head -c 8} end.
 */
public enum Device {
    NULL(3), ZERO(5), FULL(7), RANDOM(8), URANDOM(9);

    private final int minor;

    Device(int minor) {
        this.minor = minor;
    }

    /** The device's numbers as {@code ls -l} shows them: these are all of major 1, the memory devices. */
    public String numbers() {
        return String.format(java.util.Locale.ROOT, "%3d, %3d", 1, minor);
    }

    /** What one read of an endless device gives. */
    static final int BLOCK = 64 << 10;

    /** The device file's name under {@code /dev}. */
    public String fileName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    byte[] read() {
        return switch (this) {
            case NULL -> new byte[0];
            case ZERO, FULL -> new byte[BLOCK];
            case RANDOM, URANDOM -> {
                byte[] block = new byte[BLOCK];
                ThreadLocalRandom.current().nextBytes(block);
                yield block;
            }
        };
    }

    /** Takes a write: every device but {@code full} discards it; {@code full} takes nothing but a truncation. */
    void write(int length) throws FsException {
        if (this == FULL && length > 0) {
            throw new FsException(FsException.NO_SPACE);
        }
    }
}
