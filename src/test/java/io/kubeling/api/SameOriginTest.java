package io.kubeling.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

class SameOriginTest {

    private final SameOrigin loopback = new SameOrigin("127.0.0.1", null);

    @Test
    void loopbackHostsAndNoOriginAreServed() {
        for (String host : List.of("127.0.0.1:8080", "localhost:8080", "localhost", "LOCALHOST.:1", "[::1]:8080",
                "127.0.0.2")) {
            assertThat(loopback.refusal(host, null, "127.0.0.1")).as(host).isNull();
        }
        assertThat(loopback.refusal(null, null, "127.0.0.1")).isNull();
    }

    @Test
    void otherHostsAreRefusedWithoutBeingLookedUp() {
        for (String host : List.of("attacker.example:8080", "attacker.example", "0.0.0.0:8080", "10.0.0.1:8080",
                "localhost.attacker.example")) {
            assertThat(loopback.refusal(host, null, "127.0.0.1")).as(host).contains("is not a name of this server");
        }
    }

    @Test
    void originsOfThisServerOnAnyPortAreServedAndOthersRefused() {
        for (String origin : List.of("http://localhost:3000", "http://127.0.0.1:8080", "https://[::1]")) {
            assertThat(loopback.refusal("127.0.0.1:8080", origin, "127.0.0.1")).as(origin).isNull();
        }
        for (String origin : List.of("http://attacker.example", "null", "file://", "http://localhost.attacker.example")) {
            assertThat(loopback.refusal("127.0.0.1:8080", origin, "127.0.0.1")).as(origin)
                    .contains("cross-origin request");
        }
    }

    @Test
    void theBindAddressConfiguredNamesAndTheConnectionsAddressAreThisServers() {
        SameOrigin wide = new SameOrigin("0.0.0.0", List.of("kubeling.internal"));
        assertThat(wide.refusal("kubeling.internal:8080", "http://kubeling.internal", "172.18.0.2")).isNull();
        assertThat(wide.refusal("172.18.0.2:8080", null, "172.18.0.2")).isNull();
        assertThat(wide.refusal("172.18.0.3:8080", null, "172.18.0.2")).isNotNull();
        assertThat(wide.refusal("0.0.0.0:8080", null, "172.18.0.2")).isNotNull();
        SameOrigin named = new SameOrigin("192.168.1.5", null);
        assertThat(named.refusal("192.168.1.5:8080", "http://192.168.1.5:9000", "192.168.1.5")).isNull();
    }
}
