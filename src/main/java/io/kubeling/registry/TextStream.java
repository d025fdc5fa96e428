package io.kubeling.registry;

import java.io.IOException;
import java.io.OutputStream;

/** A plain-text answer written as it is produced, such as a followed container log. */
@FunctionalInterface
public interface TextStream {

    /** Writes the text, flushing as it goes; returns when the text ends or the client has gone. */
    void writeTo(OutputStream out) throws IOException;
}
