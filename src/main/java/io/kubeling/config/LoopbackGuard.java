package io.kubeling.config;

import java.net.InetAddress;
import java.net.UnknownHostException;

import org.springframework.stereotype.Component;

/** Refuses to start on a non-loopback address unless {@code kubeling.allow-non-loopback} says so. */
@Component
class LoopbackGuard {

    LoopbackGuard(KubelingProperties properties) throws UnknownHostException {
        InetAddress address = InetAddress.getByName(properties.bindAddress());
        if (!address.isLoopbackAddress() && !properties.allowNonLoopback()) {
            throw new IllegalStateException("kubeling.bind-address " + properties.bindAddress()
                    + " is not a loopback address; set kubeling.allow-non-loopback=true to serve on it");
        }
    }
}
