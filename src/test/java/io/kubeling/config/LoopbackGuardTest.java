package io.kubeling.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.web.server.AbstractConfigurableWebServerFactory;

import io.kubeling.KubelingApplication;
import io.kubeling.support.ServerOfItsOwn;

@ServerOfItsOwn
class LoopbackGuardTest {

    private static LoopbackGuard guard(boolean allow) {
        return guard(allow, true);
    }

    private static LoopbackGuard guard(boolean allow, boolean tls) {
        return new LoopbackGuard(new KubelingProperties(Path.of("data"), "127.0.0.1", 8080, allow, null, null, null,
                null, "v1.32.4", null, null, null), new TlsProperties(tls, 6443, true, null, null, null));
    }

    private static AbstractConfigurableWebServerFactory binding(String address) throws Exception {
        AbstractConfigurableWebServerFactory factory = new AbstractConfigurableWebServerFactory() {
        };
        factory.setAddress(address == null ? null : InetAddress.getByName(address));
        return factory;
    }

    @Test
    void loopbackIsServedWithoutAsking() {
        assertThatCode(() -> guard(false).customize(binding("127.0.0.1"))).doesNotThrowAnyException();
        assertThatCode(() -> guard(false).customize(binding("::1"))).doesNotThrowAnyException();
    }

    @Test
    void anyOtherAddressMustBeAnExplicitChoice() {
        assertThatThrownBy(() -> guard(false).customize(binding("0.0.0.0"))).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("0.0.0.0").hasMessageContaining("kubeling.allow-non-loopback=true");
        assertThatCode(() -> guard(true).customize(binding("0.0.0.0"))).doesNotThrowAnyException();
    }

    @Test
    void anyOtherAddressIsServedOverTlsOnly() {
        assertThatThrownBy(() -> guard(true, false).customize(binding("0.0.0.0")))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("kubeling.tls.enabled=false");
        assertThatCode(() -> guard(false, false).customize(binding("127.0.0.1"))).doesNotThrowAnyException();
    }

    @Test
    void noAddressAtAllIsEveryInterface() {
        assertThatThrownBy(() -> guard(false).customize(binding(null))).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("every interface");
        assertThatCode(() -> guard(true).customize(binding(null))).doesNotThrowAnyException();
    }

    /** server.address (and so SERVER_ADDRESS) reaches the web server past kubeling.bind-address: it is judged too. */
    @Test
    void serverAddressCannotGoAroundTheGuard() {
        for (String address : new String[] {"--server.address=0.0.0.0", "--server.address="}) {
            assertThatThrownBy(() -> SpringApplication.run(KubelingApplication.class, address, "--server.port=0",
                    "--kubeling.bind-address=127.0.0.1", "--kubeling.simulation.enabled=false",
                    "--kubeling.data-dir=target/guard-test-data",
                    "--spring.datasource.url=jdbc:h2:mem:guard-test;DB_CLOSE_DELAY=-1"))
                    .satisfies(e -> assertThat(rootMessage(e)).contains("not a loopback address"));
        }
    }

    private static String rootMessage(Throwable e) {
        StringBuilder all = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause()) {
            all.append(t.getMessage()).append('\n');
        }
        return all.toString();
    }
}
