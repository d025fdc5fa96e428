package io.kubeling.registry.selection;

/** A selector that does not parse; its message is what the client is told. */
public final class SelectorException extends RuntimeException {
    public SelectorException(String message) {
        super(message);
    }
}
