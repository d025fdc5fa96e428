package io.kubeling.controllers.kubelet;

import java.nio.charset.StandardCharsets;
import java.util.List;

import io.kubeling.controllers.kubelet.fs.FsException;

/**
 * What the kubelet reports as an ended container's message: what it wrote to its
 * {@code terminationMessagePath} (4096 bytes at most), or, under {@code FallbackToLogsOnError}, the end of
 * its log when it failed without writing one (80 lines, 2048 bytes at most).
 */
final class TerminationMessage {

    static final String DEFAULT_PATH = "/dev/termination-log";
    private static final int FILE_BYTES = 4096;
    private static final int LOG_LINES = 80;
    private static final int LOG_BYTES = 2048;

    private TerminationMessage() {
    }

    /** The container's termination message file's path. */
    static String path(ContainerRun c) {
        String path = c.spec.getTerminationMessagePath();
        return path == null || path.isEmpty() ? DEFAULT_PATH : path;
    }

    /** The message of an instance that ended with {@code exitCode}; null when there is none. */
    static String of(ContainerRun c, int exitCode) {
        if (c.fs != null) {
            try {
                byte[] written = c.fs.read(path(c));
                if (written.length > 0) {
                    int length = Math.min(written.length, FILE_BYTES);
                    return new String(written, 0, length, StandardCharsets.UTF_8);
                }
            } catch (FsException e) {
                // no file: nothing was written
            }
        }
        if (exitCode == 0 || !"FallbackToLogsOnError".equals(c.spec.getTerminationMessagePolicy())
                || c.log == null) {
            return null;
        }
        List<ContainerLogs.Line> lines = c.log.snapshot().lines();
        StringBuilder tail = new StringBuilder();
        for (ContainerLogs.Line line : lines.subList(Math.max(0, lines.size() - LOG_LINES), lines.size())) {
            tail.append(line.text()).append('\n');
        }
        String text = tail.toString();
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        return bytes.length <= LOG_BYTES ? text
                : new String(bytes, bytes.length - LOG_BYTES, LOG_BYTES, StandardCharsets.UTF_8);
    }
}
