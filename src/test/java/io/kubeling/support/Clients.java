package io.kubeling.support;

import static org.assertj.core.api.Assertions.fail;

import org.junit.jupiter.api.Assumptions;

/**
 * Where the client programs the end-to-end tests drive come from. A test whose client is missing is
 * skipped with a reason, unless KUBELING_REQUIRE_CLIENTS is set (as .ci/run sets it): then it fails.
 */
public final class Clients {

    private Clients() {
    }

    public static void assumeInstalled(String client, boolean installed, String howToInstall) {
        if (installed) {
            return;
        }
        String message = client + " is not installed: " + howToInstall;
        String required = System.getenv("KUBELING_REQUIRE_CLIENTS");
        if (required != null && !required.isBlank() && !required.equals("false")) {
            fail(message + " (KUBELING_REQUIRE_CLIENTS is set)");
        }
        Assumptions.abort(message);
    }
}
