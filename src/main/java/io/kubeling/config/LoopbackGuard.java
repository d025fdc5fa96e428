package io.kubeling.config;

import java.net.InetAddress;

import org.springframework.boot.web.server.AbstractConfigurableWebServerFactory;
import org.springframework.boot.web.server.ConfigurableWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.core.Ordered;
import org.springframework.stereotype.Component;

/**
 * Refuses to start on a non-loopback address unless {@code kubeling.allow-non-loopback} says so. It
 * looks at the address the web server is about to bind, after every other setting has been applied,
 * so that {@code kubeling.bind-address}, {@code server.address}, {@code SERVER_ADDRESS} and no
 * address at all (every interface) are judged alike. Such an address is served over HTTPS with authentication
 * only: the plain port then stays on loopback, and without TLS the server does not start.
 */
@Component
class LoopbackGuard implements WebServerFactoryCustomizer<ConfigurableWebServerFactory>, Ordered {

    private final boolean allowNonLoopback;
    private final boolean tls;

    LoopbackGuard(KubelingProperties properties, TlsProperties tls) {
        this.allowNonLoopback = properties.allowNonLoopback();
        this.tls = tls.enabled();
    }

    @Override
    public void customize(ConfigurableWebServerFactory factory) {
        InetAddress address = factory instanceof AbstractConfigurableWebServerFactory configured
                ? configured.getAddress() : null;
        check(address);
    }

    /** The address to bind, null for every interface. */
    void check(InetAddress address) {
        if (address != null && address.isLoopbackAddress()) {
            return;
        }
        String named = address == null ? "every interface" : address.getHostAddress();
        if (allowNonLoopback && !tls) {
            throw new IllegalStateException("the server address is " + named + ", not a loopback address, and"
                    + " kubeling.tls.enabled=false: only HTTPS with authentication may serve on it");
        }
        if (allowNonLoopback) {
            return;
        }
        throw new IllegalStateException("the server address (kubeling.bind-address or server.address) is " + named
                + ", not a loopback address; set kubeling.allow-non-loopback=true to serve on it");
    }

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }
}
