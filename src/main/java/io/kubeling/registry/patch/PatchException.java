package io.kubeling.registry.patch;

public final class PatchException extends RuntimeException {
    public PatchException(String message) {
        super(message);
    }
}
