package io.kubeling.registry;

import java.util.List;
import java.util.Map;

/**
 * Who makes a request, as kube's user.Info: the name, uid, groups and extra values an authenticator vouches for.
 * Admission, authorization, managedFields and the audit log all read the same value.
 */
public record UserInfo(String name, String uid, List<String> groups, Map<String, List<String>> extra) {

    public static final String MASTERS = "system:masters";
    public static final String AUTHENTICATED = "system:authenticated";
    public static final String UNAUTHENTICATED = "system:unauthenticated";

    /** kubeadm's admin identity: the caller when authentication is off, as on the loopback port. */
    public static final UserInfo ADMIN = new UserInfo("kubernetes-admin", "", List.of(MASTERS, AUTHENTICATED),
            Map.of());

    public static final UserInfo ANONYMOUS = new UserInfo("system:anonymous", "", List.of(UNAUTHENTICATED), Map.of());

    public UserInfo {
        uid = uid == null ? "" : uid;
        groups = List.copyOf(groups);
        extra = Map.copyOf(extra);
    }
}
