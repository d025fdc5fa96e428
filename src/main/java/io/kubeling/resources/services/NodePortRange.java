package io.kubeling.resources.services;

/** The node port range, {@code first-last} as kube's --service-node-port-range. */
record NodePortRange(int base, int size) {

    static NodePortRange parse(String text) {
        String[] parts = text.strip().split("-");
        int first = Integer.parseInt(parts[0].strip());
        int last = parts.length > 1 ? Integer.parseInt(parts[1].strip()) : first;
        if (first < 1 || last > 65535 || last < first) {
            throw new IllegalArgumentException("kubeling.services.node-port-range is not a port range: " + text);
        }
        return new NodePortRange(first, last - first + 1);
    }

    boolean contains(int port) {
        return port >= base && port < base + size;
    }

    /** As kube prints a port range in messages. */
    String text() {
        return base + "-" + (base + size - 1);
    }

    /** Kube's calculateRangeOffset for node ports: the low band kept for explicit requests. */
    int staticBand() {
        return size < 16 ? 0 : Math.max(16, Math.min(128, size / 32));
    }
}
