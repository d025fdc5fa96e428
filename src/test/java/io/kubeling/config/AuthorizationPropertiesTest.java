package io.kubeling.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Node,RBAC unless the server listens on loopback only, or the setting says otherwise. */
class AuthorizationPropertiesTest {

    @Test
    void theModeFollowsTheAddressUnlessSet() {
        AuthorizationProperties unset = new AuthorizationProperties(null);
        assertThat(unset.modeFor("127.0.0.1")).isEqualTo("AlwaysAllow");
        assertThat(unset.modeFor("::1")).isEqualTo("AlwaysAllow");
        assertThat(unset.modeFor("0.0.0.0")).isEqualTo("Node,RBAC");
        assertThat(unset.modeFor("")).isEqualTo("Node,RBAC");
        assertThat(unset.modeFor("10.1.2.3")).isEqualTo("Node,RBAC");
        assertThat(new AuthorizationProperties("node, rbac").modeFor("127.0.0.1")).isEqualTo("Node,RBAC");
        assertThat(new AuthorizationProperties("rbac").modeFor("127.0.0.1")).isEqualTo("RBAC");
        assertThat(new AuthorizationProperties("AlwaysAllow").modeFor("0.0.0.0")).isEqualTo("AlwaysAllow");
        assertThatThrownBy(() -> new AuthorizationProperties("Node").modeFor("127.0.0.1"))
                .hasMessage("kubeling.authorization.mode is Node; it must be Node,RBAC, RBAC or AlwaysAllow");
    }
}
