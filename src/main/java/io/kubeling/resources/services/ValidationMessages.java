package io.kubeling.resources.services;

/** Messages and the port range of apimachinery's validation helpers, which several service checks share. */
final class ValidationMessages {

    static final String PORT_RANGE = "must be between 1 and 65535, inclusive";
    static final String INVALID_IP = "must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)";
    static final String INVALID_CIDR = "must be a valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64)";
    static final String ONLY_LOAD_BALANCER = "may only be used when `type` is 'LoadBalancer'";
    static final String MAY_NOT_CHANGE = "may not change once set";

    private ValidationMessages() {
    }

    static boolean isValidPort(int port) {
        return port >= 1 && port <= 65535;
    }
}
