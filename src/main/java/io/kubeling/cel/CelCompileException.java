package io.kubeling.cel;

/** An expression that does not parse or type-check; the message is cel-go's issue text. */
public class CelCompileException extends Exception {

    public CelCompileException(String message) {
        super(message);
    }
}
