package io.kubeling.controllers.kubelet.fs;

/** A failed file operation, with the errno text the tools print ({@code No such file or directory}). */
public final class FsException extends Exception {

    public static final String NO_ENTRY = "No such file or directory";
    public static final String IS_DIR = "Is a directory";
    public static final String NOT_DIR = "Not a directory";
    public static final String EXISTS = "File exists";
    public static final String NOT_EMPTY = "Directory not empty";
    public static final String READ_ONLY = "Read-only file system";
    public static final String NO_SPACE = "No space left on device";
    public static final String BUSY = "Resource busy";

    public FsException(String message) {
        super(message, null, false, false);
    }
}
