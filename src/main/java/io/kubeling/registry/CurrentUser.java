package io.kubeling.registry;

import java.util.Optional;

/**
 * The user a client request runs as, while the registry serves it on the request's thread, as kube carries the
 * user in the request's context: checks that depend on who writes (RBAC's escalation checks) read it. In-process
 * callers (controllers, start-up hooks) run outside any scope, as kube's loopback client runs as a privileged user.
 */
public final class CurrentUser {

    private static final ThreadLocal<UserInfo> CURRENT = new ThreadLocal<>();

    private CurrentUser() {
    }

    /** Makes {@code user} the current user on this thread until the scope is closed. */
    public static Scope open(UserInfo user) {
        UserInfo outer = CURRENT.get();
        CURRENT.set(user);
        return () -> {
            if (outer == null) {
                CURRENT.remove();
            } else {
                CURRENT.set(outer);
            }
        };
    }

    /** The user of the client request this thread serves, empty for in-process callers. */
    public static Optional<UserInfo> get() {
        return Optional.ofNullable(CURRENT.get());
    }

    /** A scope that ends without an exception. */
    public interface Scope extends AutoCloseable {
        @Override
        void close();
    }
}
