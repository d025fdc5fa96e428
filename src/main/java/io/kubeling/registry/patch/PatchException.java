package io.kubeling.registry.patch;

/** A patch that cannot be applied; the message follows kube-apiserver's wording where there is one. */
public final class PatchException extends RuntimeException {

    public PatchException(String message) {
        super(message);
    }
}
