package io.kubeling.config;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;

class LoopbackGuardTest {

    private static KubelingProperties bind(String address, boolean allow) {
        return new KubelingProperties(Path.of("data"), address, 8080, allow, null, null, null, null, "v1.32.4", null, null,
                null);
    }

    @Test
    void loopbackIsServedWithoutAsking() {
        assertThatCode(() -> new LoopbackGuard(bind("127.0.0.1", false))).doesNotThrowAnyException();
        assertThatCode(() -> new LoopbackGuard(bind("::1", false))).doesNotThrowAnyException();
    }

    @Test
    void anyOtherAddressMustBeAnExplicitChoice() {
        assertThatThrownBy(() -> new LoopbackGuard(bind("0.0.0.0", false))).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("kubeling.allow-non-loopback=true");
        assertThatCode(() -> new LoopbackGuard(bind("0.0.0.0", true))).doesNotThrowAnyException();
    }
}
