package io.kubeling.controllers.kubelet.fs;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.LongSupplier;

import io.kubeling.controllers.kubelet.fs.FileTree.Dir;
import io.kubeling.controllers.kubelet.fs.FileTree.File;
import io.kubeling.controllers.kubelet.fs.FileTree.Node;

/**
 * What a container sees as its files: its writable root layer (the image's files copied in, reset with
 * each new instance) and the volumes mounted over it, each a {@link FileTree} of its own, shared as the
 * kubelet shares them. Paths are absolute; the shell resolves relative ones against its directory.
 */
public final class ContainerFs {

    private final FileTree root;
    private final List<Mount> mounts = new ArrayList<>();
    private final LongSupplier clock;

    public ContainerFs(FileTree root, LongSupplier clock) {
        this.root = root;
        this.clock = clock;
    }

    /** A volume mounted at {@code path}; the mount point is made in the layer below. */
    public void mount(String path, FileTree tree, boolean readOnly) {
        mount(path, tree, "/", readOnly);
    }

    /** A directory of a volume ({@code subPath}) mounted at {@code path}; the directory is made if missing. */
    public void mount(String path, FileTree tree, String subPath, boolean readOnly) {
        String base = normalize("/", subPath);
        if (!base.equals("/")) {
            try {
                new ContainerFs(tree, clock).mkdirs(base);
            } catch (FsException e) {
                // a file where the directory would go: the mount shows the volume's root
                base = "/";
            }
        }
        String normal = normalize("/", path);
        try {
            mkdirs(normal, true);
        } catch (FsException e) {
            // a file where the mount goes: the mount hides it, as an overmount would
        }
        mounts.add(new Mount(normal, tree, base, readOnly));
        mounts.sort(Comparator.comparingInt((Mount m) -> m.path().length()).reversed());
    }

    /** Whether a path is where a volume is mounted (such a directory cannot be removed or renamed). */
    public boolean isMountPoint(String path) {
        String normal = normalize("/", path);
        return mounts.stream().anyMatch(m -> m.path().equals(normal));
    }

    /** {@code path} made absolute against {@code cwd}, with {@code .}, {@code ..} and double slashes resolved. */
    public static String normalize(String cwd, String path) {
        if (isNormal(path)) {
            return path;
        }
        String joined = path.startsWith("/") ? path : (cwd.endsWith("/") ? cwd : cwd + "/") + path;
        List<String> parts = new ArrayList<>();
        for (String p : joined.split("/")) {
            if (p.isEmpty() || p.equals(".")) {
                continue;
            }
            if (p.equals("..")) {
                if (!parts.isEmpty()) {
                    parts.remove(parts.size() - 1);
                }
            } else {
                parts.add(p);
            }
        }
        return "/" + String.join("/", parts);
    }

    /**
     * Whether a path is absolute and already in the form {@link #normalize} gives: no empty, {@code .} or {@code ..}
     * part and no trailing slash. A container's files are built from such paths, a few hundred lookups each, so they
     * are taken as they are rather than split and joined again.
     */
    static boolean isNormal(String path) {
        int length = path.length();
        if (length == 0 || path.charAt(0) != '/') {
            return false;
        }
        if (length == 1) {
            return true;
        }
        int partStart = 1;
        for (int i = 1; i <= length; i++) {
            if (i < length && path.charAt(i) != '/') {
                continue;
            }
            int part = i - partStart;
            if (part == 0 || (path.charAt(partStart) == '.' && (part == 1 || (part == 2
                    && path.charAt(partStart + 1) == '.')))) {
                return false;
            }
            partStart = i + 1;
        }
        return true;
    }

    // ---- reading

    public Stat stat(String path) throws FsException {
        Node node = node(path);
        return stat(node);
    }

    private static Stat stat(Node node) {
        return new Stat(node instanceof Dir, node instanceof File f ? f.data.length : 4096, node.mode, node.mtime,
                node instanceof File g ? g.device : null);
    }

    public boolean exists(String path) {
        try {
            node(path);
            return true;
        } catch (FsException e) {
            return false;
        }
    }

    public byte[] read(String path) throws FsException {
        Node node = node(path);
        if (node instanceof Dir) {
            throw new FsException(FsException.IS_DIR);
        }
        File file = (File) node;
        return file.device != null ? file.device.read() : file.data;
    }

    /** The names in a directory, sorted. */
    public List<String> list(String path) throws FsException {
        Node node = node(path);
        if (!(node instanceof Dir dir)) {
            throw new FsException(FsException.NOT_DIR);
        }
        return new ArrayList<>(dir.children.keySet());
    }

    // ---- writing

    public void write(String path, byte[] data, boolean append) throws FsException {
        Place place = place(path);
        place.writable();
        Node existing = place.dir.children.get(place.name);
        if (existing instanceof Dir) {
            throw new FsException(FsException.IS_DIR);
        }
        if (existing instanceof File f && f.device != null) {
            f.device.write(data.length);
            return;
        }
        byte[] old = existing == null ? new byte[0] : ((File) existing).data;
        byte[] next = data;
        if (append && old.length > 0) {
            next = new byte[old.length + data.length];
            System.arraycopy(old, 0, next, 0, old.length);
            System.arraycopy(data, 0, next, old.length, data.length);
        }
        place.tree.charge((long) next.length - old.length);
        if (existing instanceof File f) {
            f.data = next;
            f.mtime = clock.getAsLong();
        } else {
            place.dir.children.put(place.name, new File(next, 0644, clock.getAsLong()));
        }
    }

    /** Makes a device node ({@code mknod}): a file whose reads and writes the device answers. */
    public void mknod(String path, Device device) throws FsException {
        Place place = place(path);
        place.writable();
        if (place.dir.children.containsKey(place.name)) {
            throw new FsException(FsException.EXISTS);
        }
        place.dir.children.put(place.name, new File(new byte[0], 0666, clock.getAsLong(), device));
    }

    /** Creates an empty file, or sets a file's time. */
    public void touch(String path) throws FsException {
        Place place = place(path);
        Node existing = place.dir.children.get(place.name);
        if (existing != null) {
            existing.mtime = clock.getAsLong();
            return;
        }
        write(path, new byte[0], false);
    }

    public void mkdir(String path) throws FsException {
        Place place = place(path);
        place.writable();
        if (place.dir.children.containsKey(place.name)) {
            throw new FsException(FsException.EXISTS);
        }
        place.dir.children.put(place.name, new Dir(0755, clock.getAsLong()));
    }

    /** {@code mkdir -p}: every missing directory on the way, and no error when it exists. */
    public void mkdirs(String path) throws FsException {
        mkdirs(normalize("/", path), false);
    }

    private void mkdirs(String normal, boolean bypassReadOnly) throws FsException {
        String at = "";
        for (String part : normal.substring(1).split("/")) {
            if (part.isEmpty()) {
                continue;
            }
            at = at + "/" + part;
            Place place = place(at);
            Node existing = place.dir.children.get(place.name);
            if (existing instanceof File) {
                throw new FsException(FsException.NOT_DIR);
            }
            if (existing == null) {
                if (!bypassReadOnly) {
                    place.writable();
                }
                place.dir.children.putIfAbsent(place.name, new Dir(0755, clock.getAsLong()));
            }
        }
    }

    /** Removes a file, or a directory and all it holds when {@code recursive}. */
    public void remove(String path, boolean recursive) throws FsException {
        if (isMountPoint(path)) {
            throw new FsException(FsException.BUSY);
        }
        Place place = place(path);
        Node existing = place.dir.children.get(place.name);
        if (existing == null) {
            throw new FsException(FsException.NO_ENTRY);
        }
        if (existing instanceof Dir dir && !recursive) {
            throw new FsException(dir.children.isEmpty() ? FsException.IS_DIR : FsException.IS_DIR);
        }
        place.writable();
        place.dir.children.remove(place.name);
        place.tree.charge(-FileTree.size(existing));
    }

    /** Removes an empty directory ({@code rmdir}). */
    public void removeEmptyDir(String path) throws FsException {
        Node node = node(path);
        if (!(node instanceof Dir dir)) {
            throw new FsException(FsException.NOT_DIR);
        }
        if (!dir.children.isEmpty()) {
            throw new FsException(FsException.NOT_EMPTY);
        }
        remove(path, true);
    }

    /** Copies a file or a whole directory to a new path. */
    public void copy(String from, String to) throws FsException {
        Node node = node(from);
        if (node instanceof File) {
            write(to, read(from), false);
            return;
        }
        mkdirs(to);
        for (String name : ((Dir) node).children.keySet()) {
            copy(normalize(from, name), normalize(to, name));
        }
    }

    /** Moves a file or directory; across volumes it is copied and removed, as mv does. */
    public void rename(String from, String to) throws FsException {
        Place source = place(from);
        Place target = place(to);
        Node node = source.dir.children.get(source.name);
        if (node == null) {
            throw new FsException(FsException.NO_ENTRY);
        }
        if (source.tree == target.tree) {
            source.writable();
            target.writable();
            Node replaced = target.dir.children.put(target.name, node);
            source.dir.children.remove(source.name);
            if (replaced != null) {
                target.tree.charge(-FileTree.size(replaced));
            }
            return;
        }
        copy(from, to);
        remove(from, true);
    }

    // ---- resolution

    private Node node(String path) throws FsException {
        String normal = normalize("/", path);
        Mount mount = mountOf(normal);
        Node node = mount == null ? root.root() : mount.tree().root();
        if (mount != null) {
            node = walk(node, mount.base());
            return walk(node, normal.substring(mount.path().length()));
        }
        return walk(node, normal);
    }

    /** The node at {@code path} (its parts separated by slashes, empty ones skipped) below {@code from}. */
    private static Node walk(Node from, String path) throws FsException {
        Node node = from;
        int length = path.length();
        int partStart = 0;
        for (int i = 0; i <= length; i++) {
            if (i < length && path.charAt(i) != '/') {
                continue;
            }
            if (i > partStart) {
                if (!(node instanceof Dir dir)) {
                    throw new FsException(FsException.NOT_DIR);
                }
                node = dir.children.get(path.substring(partStart, i));
                if (node == null) {
                    throw new FsException(FsException.NO_ENTRY);
                }
            }
            partStart = i + 1;
        }
        return node;
    }

    /** The directory a new entry would go in, and its name; the directory must exist. */
    private Place place(String path) throws FsException {
        String normal = normalize("/", path);
        if (normal.equals("/")) {
            throw new FsException(FsException.BUSY);
        }
        int slash = normal.lastIndexOf('/');
        String parent = slash == 0 ? "/" : normal.substring(0, slash);
        Node dir = node(parent);
        if (!(dir instanceof Dir d)) {
            throw new FsException(FsException.NOT_DIR);
        }
        Mount mount = mountOf(parent);
        return new Place(d, normal.substring(slash + 1), mount == null ? root : mount.tree(),
                mount != null && mount.readOnly());
    }

    private Mount mountOf(String normal) {
        for (int i = 0; i < mounts.size(); i++) {
            Mount m = mounts.get(i);
            String at = m.path();
            if (normal.startsWith(at) && (normal.length() == at.length() || normal.charAt(at.length()) == '/')) {
                return m;
            }
        }
        return null;
    }

    private record Mount(String path, FileTree tree, String base, boolean readOnly) {
    }

    private record Place(Dir dir, String name, FileTree tree, boolean readOnly) {

        void writable() throws FsException {
            if (readOnly) {
                throw new FsException(FsException.READ_ONLY);
            }
        }
    }

    /** What {@code stat} tells of an entry; {@code device} is set for a device node. */
    public record Stat(boolean directory, long size, int mode, long mtime, Device device) {
    }
}
