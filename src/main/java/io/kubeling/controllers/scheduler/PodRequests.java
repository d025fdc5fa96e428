package io.kubeling.controllers.scheduler;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Quantity;

/**
 * What a pod asks of a node, as kube's resource helpers compute it: app containers and sidecars
 * added up, each regular init container (with the sidecars started before it) as a floor, plus
 * overhead. {@code nonZero} counts a container without a cpu or memory request as 100m and 200Mi,
 * as scoring does; {@code hostPorts} are the ports the pod takes on its node.
 */
record PodRequests(Resources requests, long nonZeroMilliCpu, long nonZeroMemory, List<HostPort> hostPorts) {

    static final long DEFAULT_MILLI_CPU = 100;
    static final long DEFAULT_MEMORY = 200L * 1024 * 1024;

    /** A host port: protocol, IP (0.0.0.0 for any) and port. */
    record HostPort(String protocol, String ip, int port) {

        boolean conflicts(HostPort other) {
            return port == other.port && protocol.equals(other.protocol)
                    && (ip.equals(other.ip) || ip.equals("0.0.0.0") || other.ip.equals("0.0.0.0"));
        }
    }

    static PodRequests of(Pod pod) {
        PodSpec spec = pod.getSpec();
        Resources apps = Resources.ZERO;
        long cpu = 0;
        long memory = 0;
        for (Container c : list(spec.getContainers())) {
            Resources r = Resources.of(requests(c));
            apps = apps.plus(r);
            cpu += r.milliCpu() == 0 && !has(c, "cpu") ? DEFAULT_MILLI_CPU : r.milliCpu();
            memory += r.memory() == 0 && !has(c, "memory") ? DEFAULT_MEMORY : r.memory();
        }
        Resources sidecars = Resources.ZERO;
        Resources initFloor = Resources.ZERO;
        long initCpu = 0;
        long initMemory = 0;
        long sidecarCpu = 0;
        long sidecarMemory = 0;
        for (Container c : list(spec.getInitContainers())) {
            Resources r = Resources.of(requests(c));
            long nzCpu = r.milliCpu() == 0 && !has(c, "cpu") ? DEFAULT_MILLI_CPU : r.milliCpu();
            long nzMemory = r.memory() == 0 && !has(c, "memory") ? DEFAULT_MEMORY : r.memory();
            if ("Always".equals(c.getRestartPolicy())) {
                sidecars = sidecars.plus(r);
                sidecarCpu += nzCpu;
                sidecarMemory += nzMemory;
                initFloor = initFloor.max(sidecars);
                initCpu = Math.max(initCpu, sidecarCpu);
                initMemory = Math.max(initMemory, sidecarMemory);
            } else {
                initFloor = initFloor.max(sidecars.plus(r));
                initCpu = Math.max(initCpu, sidecarCpu + nzCpu);
                initMemory = Math.max(initMemory, sidecarMemory + nzMemory);
            }
        }
        Resources total = apps.plus(sidecars).max(initFloor);
        cpu = Math.max(cpu + sidecarCpu, initCpu);
        memory = Math.max(memory + sidecarMemory, initMemory);
        if (spec.getOverhead() != null && !spec.getOverhead().isEmpty()) {
            Resources overhead = Resources.of(spec.getOverhead());
            total = total.plus(overhead);
            cpu += overhead.milliCpu();
            memory += overhead.memory();
        }
        return new PodRequests(total, cpu, memory, hostPorts(spec));
    }

    private static List<HostPort> hostPorts(PodSpec spec) {
        List<HostPort> ports = new ArrayList<>();
        for (Container c : list(spec.getContainers())) {
            addPorts(ports, c);
        }
        for (Container c : list(spec.getInitContainers())) {
            if ("Always".equals(c.getRestartPolicy())) {
                addPorts(ports, c);
            }
        }
        return ports;
    }

    private static void addPorts(List<HostPort> ports, Container c) {
        for (ContainerPort p : list(c.getPorts())) {
            if (p.getHostPort() != null && p.getHostPort() > 0) {
                String ip = p.getHostIP() == null || p.getHostIP().isEmpty() ? "0.0.0.0" : p.getHostIP();
                String protocol = p.getProtocol() == null || p.getProtocol().isEmpty() ? "TCP" : p.getProtocol();
                ports.add(new HostPort(protocol, ip, p.getHostPort()));
            }
        }
    }

    private static Map<String, Quantity> requests(Container c) {
        return c.getResources() == null ? null : c.getResources().getRequests();
    }

    private static boolean has(Container c, String resource) {
        Map<String, Quantity> r = requests(c);
        return r != null && r.containsKey(resource);
    }

    private static <T> List<T> list(List<T> values) {
        return values == null ? List.of() : values;
    }
}
