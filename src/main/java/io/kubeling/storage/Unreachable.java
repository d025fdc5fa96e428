package io.kubeling.storage;

import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientConnectionException;

/**
 * Tells a database that cannot be reached (refused or lost connections, a server shutting down or
 * starting, a pool that found no connection in time) from a statement that failed: the first is
 * worth retrying and becomes kube's ServerTimeout, the second is a fault of the server.
 */
final class Unreachable {

    private Unreachable() {
    }

    static boolean cause(Throwable failure) {
        Throwable t = failure;
        for (int depth = 0; t != null && depth < 32; depth++, t = t.getCause()) {
            if (t instanceof SQLTransientConnectionException || t instanceof SQLNonTransientConnectionException
                    || t instanceof SQLRecoverableException) {
                return true;
            }
            if (t instanceof SQLException sql && sql.getSQLState() != null && connectionState(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    /** SQL state class 08 (connection exception), and PostgreSQL's shutdowns and start (57P01 to 57P03). */
    private static boolean connectionState(String state) {
        return state.startsWith("08") || state.equals("57P01") || state.equals("57P02") || state.equals("57P03");
    }
}
