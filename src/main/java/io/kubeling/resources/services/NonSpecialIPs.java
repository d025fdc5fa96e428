package io.kubeling.resources.services;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;

import io.kubeling.registry.validation.FieldError;

/**
 * Kube's ValidateNonSpecialIP for external IPs: unspecified and loopback addresses make no sense there, and
 * link-local ones tend to serve node-local purposes such as metadata services.
 */
final class NonSpecialIPs {

    private NonSpecialIPs() {
    }

    static List<FieldError> validate(String ip, String path) {
        List<FieldError> errors = new ArrayList<>();
        InetAddress address = IpAddresses.parse(ip);
        if (address == null) {
            errors.add(FieldError.invalid(path, ip, "must be a valid IP address"));
            return errors;
        }
        if (address.isAnyLocalAddress()) {
            errors.add(FieldError.invalid(path, ip, "may not be unspecified (" + ip + ")"));
        }
        if (address.isLoopbackAddress()) {
            errors.add(FieldError.invalid(path, ip, "may not be in the loopback range (127.0.0.0/8, ::1/128)"));
        }
        if (address.isLinkLocalAddress()) {
            errors.add(FieldError.invalid(path, ip, "may not be in the link-local range (169.254.0.0/16, fe80::/10)"));
        }
        if (address.isMCLinkLocal()) {
            errors.add(FieldError.invalid(path, ip,
                    "may not be in the link-local multicast range (224.0.0.0/24, ff02::/10)"));
        }
        return errors;
    }
}
