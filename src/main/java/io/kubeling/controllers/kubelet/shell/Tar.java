package io.kubeling.controllers.kubelet.shell;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.function.IntConsumer;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;

import io.kubeling.controllers.kubelet.fs.ContainerFs;
import io.kubeling.controllers.kubelet.fs.FsException;

/**
 * {@code tar} on the container's files, as {@code kubectl cp} runs it: {@code tar cf - path} writes an
 * archive to the output, {@code tar xmf - -C dir} unpacks the input; {@code t} lists, {@code z} gzips,
 * {@code f} names the archive file ({@code -} for the streams). Names are stored without the leading
 * slash, as GNU tar and busybox store them.
 */
final class Tar {

    private Tar() {
    }

    static void run(ShellEvaluator sh, String name, List<String> args, Io io, IntConsumer k) {
        String mode = null;
        boolean gzip = false;
        boolean verbose = false;
        String file = null;
        String dir = null;
        List<String> operands = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (a.equals("-C") && i + 1 < args.size()) {
                dir = args.get(++i);
            } else if (a.startsWith("--")) {
                if (a.startsWith("--file=")) {
                    file = a.substring(7);
                } else if (a.startsWith("--directory=")) {
                    dir = a.substring(12);
                }
            } else if (i == 0 || a.startsWith("-")) {
                String letters = a.startsWith("-") ? a.substring(1) : a;
                boolean takesFile = false;
                for (char c : letters.toCharArray()) {
                    switch (c) {
                        case 'c', 'x', 't' -> mode = String.valueOf(c);
                        case 'z' -> gzip = true;
                        case 'v' -> verbose = true;
                        case 'f' -> takesFile = true;
                        default -> {
                        }
                    }
                }
                if (takesFile && i + 1 < args.size()) {
                    file = args.get(++i);
                }
            } else {
                operands.add(a);
            }
        }
        ContainerFs fs = sh.host.fs();
        if (mode == null) {
            io.err().write("tar: need to specify one of -c, -t, -x\n");
            k.accept(2);
            return;
        }
        if (fs == null) {
            io.err().write("tar: Read-only file system\n");
            k.accept(2);
            return;
        }
        String base = dir == null ? sh.path(".") : sh.path(dir);
        boolean z = gzip;
        boolean v = verbose;
        boolean list = mode.equals("t");
        boolean gnu = sh.host.tools().startsWith("gnu");
        if (dir != null && !mode.equals("c") && !isDirectory(fs, base)) {
            // tar changes into -C before it reads the archive, and creates no missing directory
            String why = fs.exists(base) ? "Not a directory" : "No such file or directory";
            io.err().write(gnu ? "tar: " + dir + ": Cannot open: " + why + "\ntar: Error is not recoverable: exiting now\n"
                    : "tar: can't change directory to '" + dir + "': " + why + "\n");
            k.accept(gnu ? 2 : 1);
            return;
        }
        if (mode.equals("c")) {
            create(sh, fs, base, operands, file, z, v, gnu, io, k);
        } else if (file == null || file.equals("-")) {
            if (io.in() != null) {
                extract(sh, fs, base, io.in(), mode.equals("t"), z, v, io, k);
            } else {
                sh.host.readInput(data -> extract(sh, fs, base, data, list, z, v, io, k));
            }
        } else {
            try {
                extract(sh, fs, base, fs.read(sh.path(file)), mode.equals("t"), z, v, io, k);
            } catch (FsException e) {
                io.err().write("tar: can't open '" + file + "': " + e.getMessage() + "\n");
                k.accept(2);
            }
        }
    }

    private static boolean isDirectory(ContainerFs fs, String path) {
        try {
            return fs.stat(path).directory();
        } catch (FsException e) {
            return false;
        }
    }

    private static void create(ShellEvaluator sh, ContainerFs fs, String base, List<String> operands, String file,
            boolean gzip, boolean verbose, boolean gnu, Io io, IntConsumer k) {
        if (operands.isEmpty()) {
            io.err().write("tar: empty archive\n");
            k.accept(2);
            return;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int status = 0;
        try (OutputStream sink = gzip ? new GzipCompressorOutputStream(bytes) : bytes;
                TarArchiveOutputStream tar = new TarArchiveOutputStream(sink)) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
            boolean warned = false;
            for (String operand : operands) {
                String path = ContainerFs.normalize(base, operand);
                String stored = operand.replaceAll("^/+", "");
                boolean exists = fs.exists(path);
                // GNU tar warns of the leading slash as it reads the name; busybox once it has the file
                if (!warned && !stored.equals(operand) && (gnu || exists)) {
                    io.err().write(gnu ? "tar: Removing leading `/' from member names\n"
                            : "tar: removing leading '/' from member names\n");
                    warned = true;
                }
                if (!exists) {
                    io.err().write(gnu ? "tar: " + operand + ": Cannot stat: No such file or directory\n"
                            : "tar: " + operand + ": No such file or directory\n");
                    status = gnu ? 2 : 1;
                    continue;
                }
                add(fs, tar, path, stored.isEmpty() ? "." : stored, verbose, io);
            }
        } catch (IOException | FsException e) {
            io.err().write("tar: " + e.getMessage() + "\n");
            k.accept(2);
            return;
        }
        if (status != 0) {
            io.err().write(gnu ? "tar: Exiting with failure status due to previous errors\n"
                    : "tar: error exit delayed from previous errors\n");
        }
        if (file == null || file.equals("-")) {
            io.out().write(bytes.toByteArray());
        } else {
            try {
                fs.write(sh.path(file), bytes.toByteArray(), false);
            } catch (FsException e) {
                io.err().write("tar: can't open '" + file + "': " + e.getMessage() + "\n");
                status = 2;
            }
        }
        k.accept(status);
    }

    private static void add(ContainerFs fs, TarArchiveOutputStream tar, String path, String stored, boolean verbose,
            Io io) throws IOException, FsException {
        ContainerFs.Stat st = fs.stat(path);
        TarArchiveEntry entry = new TarArchiveEntry(st.directory() ? stored + "/" : stored);
        entry.setModTime(new Date(st.mtime()));
        entry.setMode((st.directory() ? 040000 : 0100000) | st.mode());
        if (verbose) {
            io.err().write(entry.getName() + "\n");
        }
        if (st.directory()) {
            tar.putArchiveEntry(entry);
            tar.closeArchiveEntry();
            for (String child : fs.list(path)) {
                add(fs, tar, ContainerFs.normalize(path, child), stored + "/" + child, verbose, io);
            }
            return;
        }
        byte[] data = fs.read(path);
        entry.setSize(data.length);
        tar.putArchiveEntry(entry);
        tar.write(data);
        tar.closeArchiveEntry();
    }

    private static void extract(ShellEvaluator sh, ContainerFs fs, String base, byte[] archive, boolean listOnly,
            boolean gzip, boolean verbose, Io io, IntConsumer k) {
        int status = 0;
        try (InputStream source = gzip ? new GzipCompressorInputStream(new ByteArrayInputStream(archive))
                : new ByteArrayInputStream(archive);
                TarArchiveInputStream tar = new TarArchiveInputStream(source)) {
            TarArchiveEntry entry;
            while ((entry = tar.getNextEntry()) != null) {
                String name = entry.getName();
                if (listOnly || verbose) {
                    io.out().write(name + "\n");
                }
                if (listOnly) {
                    continue;
                }
                String target = ContainerFs.normalize(base, name.replaceAll("^/+", ""));
                if (!target.equals(base) && !target.startsWith(base.endsWith("/") ? base : base + "/")) {
                    io.err().write("tar: removing leading '../' from member names\n");
                    continue;
                }
                try {
                    if (entry.isDirectory()) {
                        fs.mkdirs(target);
                    } else if (entry.isFile()) {
                        fs.mkdirs(target.substring(0, Math.max(1, target.lastIndexOf('/'))));
                        fs.write(target, tar.readAllBytes(), false);
                    }
                } catch (FsException e) {
                    io.err().write("tar: " + name + ": Cannot open: " + e.getMessage() + "\n");
                    status = 2;
                    if (e.getMessage().equals(FsException.NO_SPACE)) {
                        break;
                    }
                }
            }
        } catch (IOException e) {
            io.err().write("tar: invalid tar magic\n");
            k.accept(2);
            return;
        }
        k.accept(status);
    }
}
