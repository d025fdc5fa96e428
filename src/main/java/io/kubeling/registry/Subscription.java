package io.kubeling.registry;

/** A listener's place on a change feed; closing it stops the changes. */
@FunctionalInterface
public interface Subscription extends AutoCloseable {
    @Override
    void close();
}
