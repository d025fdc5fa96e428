package io.kubeling.controllers.kubelet.fs;

import java.util.Map;
import java.util.NavigableMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One directory tree with a byte budget: a container's writable layer or one volume. Its nodes may be
 * read from other threads (another pod fetching a page), so directories are concurrent maps and a
 * file's content is replaced whole.
 */
public final class FileTree {

    private final Dir root;
    private final long limitBytes;
    private final AtomicLong used = new AtomicLong();

    public FileTree(long limitBytes, long now) {
        this.limitBytes = limitBytes;
        this.root = new Dir(0755, now);
    }

    Dir root() {
        return root;
    }

    public long usedBytes() {
        return used.get();
    }

    /** Takes {@code delta} bytes of the budget (gives them back when negative), or fails as a full disk. */
    void charge(long delta) throws FsException {
        if (delta > 0 && used.get() + delta > limitBytes) {
            throw new FsException(FsException.NO_SPACE);
        }
        used.addAndGet(delta);
    }

    /** A file or a directory. */
    abstract static sealed class Node permits Dir, File {

        volatile int mode;
        volatile long mtime;

        Node(int mode, long mtime) {
            this.mode = mode;
            this.mtime = mtime;
        }
    }

    static final class Dir extends Node {

        final NavigableMap<String, Node> children = new ConcurrentSkipListMap<>();

        Dir(int mode, long mtime) {
            super(mode, mtime);
        }
    }

    static final class File extends Node {

        volatile byte[] data;
        /** Set for a device node, whose reads and writes the device answers; its data stays empty. */
        final Device device;

        File(byte[] data, int mode, long mtime) {
            this(data, mode, mtime, null);
        }

        File(byte[] data, int mode, long mtime, Device device) {
            super(mode, mtime);
            this.data = data;
            this.device = device;
        }
    }

    /** Bytes held under a node, for giving them back when it is removed. */
    static long size(Node node) {
        if (node instanceof File f) {
            return f.data.length;
        }
        long total = 0;
        for (Map.Entry<String, Node> e : ((Dir) node).children.entrySet()) {
            total += size(e.getValue());
        }
        return total;
    }
}
