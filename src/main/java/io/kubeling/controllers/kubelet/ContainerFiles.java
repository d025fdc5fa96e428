package io.kubeling.controllers.kubelet;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.DownwardAPIVolumeFile;
import io.fabric8.kubernetes.api.model.HostAlias;
import io.fabric8.kubernetes.api.model.KeyToPath;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.ServiceAccountTokenProjection;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.VolumeProjection;
import io.kubeling.controllers.kubelet.fs.ContainerFs;
import io.kubeling.controllers.kubelet.fs.Device;
import io.kubeling.controllers.kubelet.fs.FileTree;
import io.kubeling.controllers.kubelet.fs.FsException;

/**
 * Builds a container instance's files: a fresh writable layer with the image's files, the files the
 * kubelet manages ({@code /etc/hosts}, {@code /etc/resolv.conf}, {@code /etc/hostname}) and the pod's
 * volumes mounted where the container asks, each volume made once per pod (hostPath once per node,
 * a claim's once per claim) so that containers and restarts share it as kube shares it.
 */
final class ContainerFiles {

    /** A container's writable layer and an emptyDir without a sizeLimit hold at most this much. */
    static final long LAYER_LIMIT = 64L << 20;
    private static final List<String> DIRS = List.of("/bin", "/dev/mqueue", "/dev/pts", "/dev/shm", "/etc", "/home",
            "/lib", "/proc", "/root", "/run", "/sbin", "/srv", "/sys", "/tmp", "/usr/bin", "/usr/local/bin",
            "/usr/sbin", "/var/log", "/var/run", "/var/tmp", "/opt", "/mnt");

    private ContainerFiles() {
    }

    static ContainerFs build(PodWorker w, ContainerRun c, ImageCatalog.Image image) {
        LongSupplier clock = () -> w.node.time().now().toEpochMilli();
        ContainerFs fs = new ContainerFs(new FileTree(LAYER_LIMIT, clock.getAsLong()), clock);
        try {
            for (String dir : DIRS) {
                fs.mkdirs(dir);
            }
            for (Device device : Device.values()) {
                fs.mknod("/dev/" + device.fileName(), device);
            }
            if (image != null) {
                for (Map.Entry<String, String> f : image.files().entrySet()) {
                    put(fs, f.getKey(), f.getValue().getBytes(StandardCharsets.UTF_8));
                }
            }
            put(fs, "/etc/hosts", hosts(w).getBytes(StandardCharsets.UTF_8));
            put(fs, "/etc/resolv.conf", resolvConf(w).getBytes(StandardCharsets.UTF_8));
            put(fs, "/etc/hostname", (PodEnvironment.hostname(w) + "\n").getBytes(StandardCharsets.UTF_8));
        } catch (FsException e) {
            throw new IllegalStateException("image files exceed the layer: " + e.getMessage(), e);
        }
        try {
            // the kubelet's file for the container's last words, which it reads when the container ends
            put(fs, TerminationMessage.path(c), new byte[0]);
        } catch (FsException e) {
            // a path the image's files do not allow (a directory there): the message stays empty
        }
        for (VolumeMount mount : c.spec.getVolumeMounts()) {
            FileTree tree = volume(w, mount.getName());
            if (tree != null && mount.getMountPath() != null) {
                String subPath = mount.getSubPath() == null || mount.getSubPath().isEmpty() ? "/" : mount.getSubPath();
                Volume volume = volumeNamed(w, mount.getName());
                if (volume.getHostPath() != null) {
                    // a hostPath is a directory of the node's files
                    subPath = ContainerFs.normalize("/", volume.getHostPath().getPath() + "/" + subPath);
                }
                // the kubelet mounts the API's data (configMap, secret, downwardAPI, projected) read-only
                boolean apiData = volume.getConfigMap() != null || volume.getSecret() != null
                        || volume.getDownwardAPI() != null || volume.getProjected() != null;
                fs.mount(mount.getMountPath(), tree, subPath, apiData || Boolean.TRUE.equals(mount.getReadOnly()));
            }
        }
        return fs;
    }

    private static void put(ContainerFs fs, String path, byte[] data) throws FsException {
        String parent = path.substring(0, Math.max(1, path.lastIndexOf('/')));
        fs.mkdirs(parent);
        fs.write(path, data, false);
    }

    /** The kubelet's hosts file: localhost lines, the pod's own address and name, then its hostAliases. */
    static String hosts(PodWorker w) {
        Pod pod = w.pod;
        boolean hostNetwork = Boolean.TRUE.equals(pod.getSpec().getHostNetwork());
        // on the host's network the kubelet copies the node's own hosts file under its header
        StringBuilder out = new StringBuilder(hostNetwork ? "# Kubernetes-managed hosts file (host network).\n"
                : "# Kubernetes-managed hosts file.\n");
        out.append("127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\nfe00::0\tip6-localnet\n")
                .append("fe00::0\tip6-mcastprefix\nfe00::1\tip6-allnodes\nfe00::2\tip6-allrouters\n");
        String hostname = PodEnvironment.hostname(w);
        String subdomain = pod.getSpec().getSubdomain();
        if (hostNetwork) {
            out.append(w.node.ip()).append('\t').append(hostname).append('\n');
        } else if (subdomain != null && !subdomain.isEmpty()) {
            out.append(w.podIP).append('\t').append(hostname).append('.').append(subdomain).append('.')
                    .append(pod.getMetadata().getNamespace()).append(".svc.cluster.local\t").append(hostname)
                    .append('\n');
        } else {
            out.append(w.podIP).append('\t').append(hostname).append('\n');
        }
        if (!pod.getSpec().getHostAliases().isEmpty()) {
            out.append("\n# Entries added by HostAliases.\n");
            for (HostAlias alias : pod.getSpec().getHostAliases()) {
                out.append(alias.getIp()).append('\t').append(String.join("\t", alias.getHostnames())).append('\n');
            }
        }
        return out.toString();
    }

    static String resolvConf(PodWorker w) {
        Pod pod = w.pod;
        String policy = pod.getSpec().getDnsPolicy() == null ? "ClusterFirst" : pod.getSpec().getDnsPolicy();
        if (policy.equals("Default") || (policy.equals("ClusterFirst") && Boolean.TRUE.equals(pod.getSpec()
                .getHostNetwork()))) {
            return "nameserver 8.8.8.8\n";
        }
        String ns = pod.getMetadata().getNamespace();
        StringBuilder out = new StringBuilder("search " + ns + ".svc.cluster.local svc.cluster.local cluster.local\n");
        out.append("nameserver ").append(nameserver(w)).append("\noptions ndots:5\n");
        return out.toString();
    }

    static String nameserver(PodWorker w) {
        return w.node.port().service("kube-system", "kube-dns").map(s -> s.getSpec().getClusterIP())
                .filter(ip -> ip != null && !ip.isEmpty() && !ip.equals("None")).orElse("10.96.0.10");
    }

    /** The pod's volume of this name, made on first use; null when the pod has no such volume. */
    private static FileTree volume(PodWorker w, String name) {
        Volume volume = volumeNamed(w, name);
        if (volume == null) {
            return null;
        }
        long now = w.node.time().now().toEpochMilli();
        if (volume.getHostPath() != null) {
            return w.node.network().nodeRoot(w.node.name(), now);
        }
        if (volume.getPersistentVolumeClaim() != null) {
            String ns = w.pod.getMetadata().getNamespace();
            String claim = volume.getPersistentVolumeClaim().getClaimName();
            return w.node.network().claim(ns, claim, w.node.port().boundVolume(ns, claim), now);
        }
        Volume v = volume;
        return w.sandbox.volumes.computeIfAbsent(name, k -> make(w, v, now));
    }

    private static Volume volumeNamed(PodWorker w, String name) {
        Volume volume = null;
        for (Volume v : w.pod.getSpec().getVolumes()) {
            if (v.getName().equals(name)) {
                volume = v;
            }
        }
        return volume;
    }

    private static FileTree make(PodWorker w, Volume v, long now) {
        long limit = LAYER_LIMIT;
        if (v.getEmptyDir() != null && v.getEmptyDir().getSizeLimit() != null) {
            limit = Math.max(0, Quantity.getAmountInBytes(v.getEmptyDir().getSizeLimit()).longValue());
        }
        FileTree tree = new FileTree(limit, now);
        Map<String, byte[]> files = new LinkedHashMap<>();
        String ns = w.pod.getMetadata().getNamespace();
        KubeletPort port = w.node.port();
        if (v.getConfigMap() != null) {
            port.configMap(ns, v.getConfigMap().getName()).ifPresent(cm -> files.putAll(keys(cm, v.getConfigMap()
                    .getItems())));
        } else if (v.getSecret() != null) {
            port.secret(ns, v.getSecret().getSecretName()).ifPresent(s -> files.putAll(keys(s, v.getSecret()
                    .getItems())));
        } else if (v.getDownwardAPI() != null) {
            files.putAll(downward(w, v.getDownwardAPI().getItems()));
        } else if (v.getProjected() != null) {
            for (VolumeProjection source : v.getProjected().getSources()) {
                if (source.getConfigMap() != null) {
                    port.configMap(ns, source.getConfigMap().getName())
                            .ifPresent(cm -> files.putAll(keys(cm, source.getConfigMap().getItems())));
                } else if (source.getSecret() != null) {
                    port.secret(ns, source.getSecret().getName())
                            .ifPresent(s -> files.putAll(keys(s, source.getSecret().getItems())));
                } else if (source.getDownwardAPI() != null) {
                    files.putAll(downward(w, source.getDownwardAPI().getItems()));
                } else if (source.getServiceAccountToken() != null) {
                    ServiceAccountTokenProjection projection = source.getServiceAccountToken();
                    port.serviceAccountToken(w.pod, projection.getAudience(), projection.getExpirationSeconds())
                            .ifPresent(token -> files.put(projection.getPath(), token.getBytes(
                                    StandardCharsets.UTF_8)));
                }
            }
        }
        ContainerFs writer = new ContainerFs(tree, () -> now);
        for (Map.Entry<String, byte[]> f : files.entrySet()) {
            try {
                put(writer, "/" + f.getKey(), f.getValue());
            } catch (FsException e) {
                break;
            }
        }
        return tree;
    }

    private static Map<String, byte[]> keys(ConfigMap cm, List<KeyToPath> items) {
        Map<String, byte[]> all = new LinkedHashMap<>();
        if (cm.getData() != null) {
            cm.getData().forEach((k, v) -> all.put(k, v.getBytes(StandardCharsets.UTF_8)));
        }
        if (cm.getBinaryData() != null) {
            cm.getBinaryData().forEach((k, v) -> all.put(k, Base64.getDecoder().decode(v)));
        }
        return select(all, items);
    }

    private static Map<String, byte[]> keys(Secret secret, List<KeyToPath> items) {
        Map<String, byte[]> all = new LinkedHashMap<>();
        if (secret.getData() != null) {
            secret.getData().forEach((k, v) -> all.put(k, Base64.getDecoder().decode(v)));
        }
        if (secret.getStringData() != null) {
            secret.getStringData().forEach((k, v) -> all.put(k, v.getBytes(StandardCharsets.UTF_8)));
        }
        return select(all, items);
    }

    /** Every key as a file of its name, or only the listed keys at their paths. */
    private static Map<String, byte[]> select(Map<String, byte[]> all, List<KeyToPath> items) {
        if (items == null || items.isEmpty()) {
            return all;
        }
        Map<String, byte[]> picked = new LinkedHashMap<>();
        for (KeyToPath item : items) {
            if (all.containsKey(item.getKey())) {
                picked.put(item.getPath(), all.get(item.getKey()));
            }
        }
        return picked;
    }

    private static Map<String, byte[]> downward(PodWorker w, List<DownwardAPIVolumeFile> items) {
        Map<String, byte[]> files = new LinkedHashMap<>();
        for (DownwardAPIVolumeFile item : items) {
            String value = item.getFieldRef() != null ? PodEnvironment.fieldRef(w, item.getFieldRef().getFieldPath())
                    : "";
            files.put(item.getPath(), value.getBytes(StandardCharsets.UTF_8));
        }
        return files;
    }
}
