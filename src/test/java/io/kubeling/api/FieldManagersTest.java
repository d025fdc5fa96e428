package io.kubeling.api;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;

class FieldManagersTest {

    private static String managerOf(String agent) {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/api/v1/namespaces/default/pods");
        if (agent != null) {
            request.addHeader("User-Agent", agent);
        }
        return FieldManagers.of(request);
    }

    @Test
    void theUserAgentsProductBeforeTheFirstSlashIsTheManager() {
        assertThat(managerOf("kubectl/v1.32.0 (linux/amd64) kubernetes/70d3cc9")).isEqualTo("kubectl");
        assertThat(managerOf("Java-http-client/17.0.15")).isEqualTo("Java-http-client");
        assertThat(managerOf("no-slash at all")).isEqualTo("no-slash at all");
        assertThat(managerOf(null)).isEmpty();
    }

    @Test
    void anExplicitFieldManagerWins() {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/api/v1/namespaces/default/pods");
        request.addHeader("User-Agent", "kubectl/v1.32.0");
        request.setParameter("fieldManager", "mine");
        assertThat(FieldManagers.of(request)).isEqualTo("mine");
    }

    @Test
    void unprintableCharactersAreDroppedAndTheNameStopsBefore128Bytes() {
        assertThat(managerOf("a\tb\u0000c\u200bd/1")).isEqualTo("abcd");
        // 42 three-byte characters fill 126 bytes; the 43rd would pass 128 and ends the name, a one-byte one does not
        String wide = "\u20ac".repeat(43);
        assertThat(managerOf(wide + "/1")).isEqualTo("\u20ac".repeat(42));
        assertThat(managerOf("\u20ac".repeat(42) + "xyz/1")).isEqualTo("\u20ac".repeat(42) + "xy");
        assertThat(managerOf("\ud83d\ude00".repeat(33) + "/1")).isEqualTo("\ud83d\ude00".repeat(32));
    }
}
