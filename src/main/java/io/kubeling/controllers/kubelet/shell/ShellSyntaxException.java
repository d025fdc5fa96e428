package io.kubeling.controllers.kubelet.shell;

/** A script this interpreter does not understand. */
public class ShellSyntaxException extends RuntimeException {

    public ShellSyntaxException(String message) {
        super(message);
    }
}
