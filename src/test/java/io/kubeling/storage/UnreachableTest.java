package io.kubeling.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;

import org.junit.jupiter.api.Test;

/** Which database failures are an unreachable database, worth a retry, and which are faults. */
class UnreachableTest {

    @Test
    void connectionStatesAndPoolTimeoutsAreUnreachableWhereverTheyAreWrapped() {
        assertThat(Unreachable.cause(new SQLException("Connection refused", "08001"))).isTrue();
        assertThat(Unreachable.cause(new IllegalStateException("commit failed",
                new RuntimeException(new SQLException("terminating connection", "57P01"))))).isTrue();
        assertThat(Unreachable.cause(new SQLException("the database system is starting up", "57P03"))).isTrue();
        assertThat(Unreachable.cause(new RuntimeException(
                new SQLTransientConnectionException("Connection is not available, request timed out")))).isTrue();
    }

    @Test
    void failedStatementsAreNot() {
        assertThat(Unreachable.cause(new SQLException("duplicate key value", "23505"))).isFalse();
        assertThat(Unreachable.cause(new SQLException("syntax error", "42601"))).isFalse();
        assertThat(Unreachable.cause(new SQLException("no state"))).isFalse();
        assertThat(Unreachable.cause(new IllegalStateException("the store has not started"))).isFalse();
    }
}
