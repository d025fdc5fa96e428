package io.kubeling.controllers.nodes;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.fabric8.kubernetes.api.model.DaemonEndpoint;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeAddress;
import io.fabric8.kubernetes.api.model.NodeDaemonEndpoints;
import io.fabric8.kubernetes.api.model.NodeSpec;
import io.fabric8.kubernetes.api.model.NodeStatus;
import io.fabric8.kubernetes.api.model.NodeSystemInfo;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Taint;

/**
 * The Node a kubelet registers for a blueprint: the labels kubelet sets, capacity and allocatable
 * as kubelet reports them (memory in Ki less the 100Mi hard eviction threshold, ephemeral storage
 * less 10%), an InternalIP and Hostname address, a /24 pod CIDR and the node's system info.
 */
final class NodeTemplate {

    static final String CONTAINER_RUNTIME = "containerd://1.7.24";
    static final String OS_IMAGE = "Debian GNU/Linux 12 (bookworm)";
    static final String KERNEL = "6.8.0-49-generic";
    static final int KUBELET_PORT = 10250;
    private static final long EPHEMERAL_STORAGE_KI = 104_857_600L;
    private static final long MEMORY_EVICTION_KI = 102_400L;

    private NodeTemplate() {
    }

    static Node build(NodeBlueprint blueprint, String podCidr, String addressCidr, String kubeletVersion,
            Instant now) {
        Node node = new Node();
        ObjectMeta meta = new ObjectMeta();
        meta.setName(blueprint.name());
        meta.setLabels(labels(blueprint));
        Map<String, String> annotations = new LinkedHashMap<>();
        annotations.put("node.alpha.kubernetes.io/ttl", "0");
        annotations.put("volumes.kubernetes.io/controller-managed-attach-detach", "true");
        meta.setAnnotations(annotations);
        node.setMetadata(meta);

        NodeSpec spec = new NodeSpec();
        String cidr = podCidr(podCidr, blueprint.index());
        spec.setPodCIDR(cidr);
        spec.setPodCIDRs(List.of(cidr));
        spec.setProviderID("kubeling://kubeling/" + blueprint.name());
        List<Taint> taints = new ArrayList<>(blueprint.taints());
        spec.setTaints(taints.isEmpty() ? null : taints);
        node.setSpec(spec);

        NodeStatus status = new NodeStatus();
        status.setCapacity(capacity(blueprint));
        status.setAllocatable(allocatable(blueprint));
        status.setConditions(NodeConditionSet.healthy(now));
        status.setAddresses(List.of(new NodeAddress(address(addressCidr, blueprint.index()), "InternalIP"),
                new NodeAddress(blueprint.name(), "Hostname")));
        NodeDaemonEndpoints endpoints = new NodeDaemonEndpoints();
        endpoints.setKubeletEndpoint(new DaemonEndpoint(KUBELET_PORT));
        status.setDaemonEndpoints(endpoints);
        status.setNodeInfo(systemInfo(blueprint.name(), kubeletVersion));
        node.setStatus(status);
        return node;
    }

    static Map<String, String> labels(NodeBlueprint blueprint) {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put("beta.kubernetes.io/arch", "amd64");
        labels.put("beta.kubernetes.io/os", "linux");
        labels.put("kubernetes.io/arch", "amd64");
        labels.put("kubernetes.io/hostname", blueprint.name());
        labels.put("kubernetes.io/os", "linux");
        labels.putAll(blueprint.labels());
        return labels;
    }

    static Map<String, Quantity> capacity(NodeBlueprint blueprint) {
        Map<String, Quantity> capacity = new LinkedHashMap<>();
        capacity.put("cpu", new Quantity(blueprint.cpu()));
        capacity.put("ephemeral-storage", new Quantity(binaryText(EPHEMERAL_STORAGE_KI)));
        capacity.put("hugepages-1Gi", new Quantity("0"));
        capacity.put("hugepages-2Mi", new Quantity("0"));
        capacity.put("memory", new Quantity(binaryText(memoryKi(blueprint.memory()))));
        capacity.put("pods", new Quantity(Integer.toString(blueprint.pods())));
        return capacity;
    }

    static Map<String, Quantity> allocatable(NodeBlueprint blueprint) {
        Map<String, Quantity> allocatable = new LinkedHashMap<>();
        allocatable.put("cpu", new Quantity(blueprint.cpu()));
        allocatable.put("ephemeral-storage", new Quantity(Long.toString(EPHEMERAL_STORAGE_KI * 1024 / 10 * 9)));
        allocatable.put("hugepages-1Gi", new Quantity("0"));
        allocatable.put("hugepages-2Mi", new Quantity("0"));
        allocatable.put("memory", new Quantity(binaryText(Math.max(0, memoryKi(blueprint.memory()) - MEMORY_EVICTION_KI))));
        allocatable.put("pods", new Quantity(Integer.toString(blueprint.pods())));
        return allocatable;
    }

    static NodeSystemInfo systemInfo(String name, String kubeletVersion) {
        NodeSystemInfo info = new NodeSystemInfo();
        info.setArchitecture("amd64");
        info.setOperatingSystem("linux");
        info.setOsImage(OS_IMAGE);
        info.setKernelVersion(KERNEL);
        info.setContainerRuntimeVersion(CONTAINER_RUNTIME);
        info.setKubeletVersion(kubeletVersion);
        info.setKubeProxyVersion("");
        info.setMachineID(md5Hex("machine:" + name));
        info.setSystemUUID(UUID.nameUUIDFromBytes(("system:" + name).getBytes(StandardCharsets.UTF_8)).toString());
        info.setBootID(UUID.randomUUID().toString());
        return info;
    }

    /** An amount of Ki as kube-apiserver prints it: in the largest binary unit that divides it. */
    static String binaryText(long ki) {
        if (ki == 0) {
            return "0";
        }
        String[] units = {"Ki", "Mi", "Gi", "Ti", "Pi"};
        int unit = 0;
        long value = ki;
        while (unit < units.length - 1 && value % 1024 == 0) {
            value /= 1024;
            unit++;
        }
        return value + units[unit];
    }

    private static long memoryKi(String memory) {
        BigDecimal bytes = Quantity.getAmountInBytes(new Quantity(memory));
        return bytes.longValue() / 1024;
    }

    /** The index-th /24 of the pod range: 10.244.0.0/16 gives 10.244.0.0/24, 10.244.1.0/24... */
    static String podCidr(String range, int index) {
        long base = ipv4(range.substring(0, range.indexOf('/')));
        return text(base + ((long) index << 8)) + "/24";
    }

    /** The node's address: the range's base plus index plus two, as kind numbers its nodes. */
    static String address(String range, int index) {
        long base = ipv4(range.substring(0, range.indexOf('/')));
        return text(base + index + 2);
    }

    private static long ipv4(String text) {
        long value = 0;
        for (String part : text.split("\\.")) {
            value = (value << 8) | Integer.parseInt(part);
        }
        return value;
    }

    private static String text(long ip) {
        return ((ip >> 24) & 255) + "." + ((ip >> 16) & 255) + "." + ((ip >> 8) & 255) + "." + (ip & 255);
    }

    private static String md5Hex(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
