package io.kubeling.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A class that has a shared server to itself, no other class running on it meanwhile: it changes what the
 * others rely on (cordons, taints or fails nodes, compacts the history), counts what the whole server holds (its
 * open watch streams, which other classes' clients open and close meanwhile) or times the server's answers,
 * which a load beside it would slow. Such classes take the second of the {@link SharedServers} in turn.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
public @interface AloneOnTheServer {
}
