package io.kubeling.config;

import java.net.InetAddress;
import java.net.UnknownHostException;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code kubeling.authorization.mode}: kube-apiserver's {@code --authorization-mode} as far as it applies:
 * {@code Node,RBAC} (kubeadm's: the Node authorizer for kubelets, then RBAC), {@code RBAC}, or {@code AlwaysAllow},
 * which lets every request through. Unset, it is AlwaysAllow on a loopback address, where only this machine's users
 * reach the server, and Node,RBAC on any other.
 */
@ConfigurationProperties("kubeling.authorization")
public record AuthorizationProperties(String mode) {

    public static final String RBAC = "RBAC";
    public static final String NODE_RBAC = "Node,RBAC";
    public static final String ALWAYS_ALLOW = "AlwaysAllow";

    /** The mode in force for a server bound to {@code bindAddress}. */
    public String modeFor(String bindAddress) {
        if (mode != null && !mode.isBlank()) {
            String given = mode.replace(" ", "");
            for (String known : new String[] {NODE_RBAC, RBAC, ALWAYS_ALLOW}) {
                if (given.equalsIgnoreCase(known)) {
                    return known;
                }
            }
            throw new IllegalStateException("kubeling.authorization.mode is " + mode + "; it must be "
                    + NODE_RBAC + ", " + RBAC + " or " + ALWAYS_ALLOW);
        }
        return loopback(bindAddress) ? ALWAYS_ALLOW : NODE_RBAC;
    }

    /** Whether the mode authorizes with RBAC (and, as {@link #NODE_RBAC}, the Node authorizer first). */
    public static boolean rbac(String mode) {
        return RBAC.equals(mode) || NODE_RBAC.equals(mode);
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
