package io.kubeling.config;

import java.net.InetAddress;
import java.net.UnknownHostException;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code kubeling.authorization.mode}: {@code RBAC}, as kube-apiserver's {@code --authorization-mode=RBAC}, or
 * {@code AlwaysAllow}, which lets every request through. Unset, it is AlwaysAllow on a loopback address, where only
 * this machine's users reach the server, and RBAC on any other.
 */
@ConfigurationProperties("kubeling.authorization")
public record AuthorizationProperties(String mode) {

    public static final String RBAC = "RBAC";
    public static final String ALWAYS_ALLOW = "AlwaysAllow";

    /** The mode in force for a server bound to {@code bindAddress}. */
    public String modeFor(String bindAddress) {
        if (mode != null && !mode.isBlank()) {
            if (mode.equalsIgnoreCase(RBAC)) {
                return RBAC;
            }
            if (mode.equalsIgnoreCase(ALWAYS_ALLOW)) {
                return ALWAYS_ALLOW;
            }
            throw new IllegalStateException("kubeling.authorization.mode is " + mode + "; it must be "
                    + RBAC + " or " + ALWAYS_ALLOW);
        }
        return loopback(bindAddress) ? ALWAYS_ALLOW : RBAC;
    }

    private static boolean loopback(String bindAddress) {
        if (bindAddress == null || bindAddress.isBlank()) {
            return false;
        }
        try {
            return InetAddress.getByName(bindAddress).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
