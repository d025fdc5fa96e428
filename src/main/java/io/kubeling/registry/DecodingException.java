package io.kubeling.registry;

/** A client's object that kube's decoder would not read into its type; the message is the decoder's. */
public class DecodingException extends RuntimeException {

    public DecodingException(String message) {
        super(message, null, false, false);
    }
}
