package io.kubeling.controllers.kubelet;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Toleration;
import io.kubeling.controllers.Managers;
import io.kubeling.registry.DeleteOptions;
import io.kubeling.registry.ListOptions;
import io.kubeling.registry.ObjectCodec;
import io.kubeling.registry.Registry;
import io.kubeling.registry.StatusException;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Static pods: the manifests in {@code <staticPodPath>/<node>/} (YAML or JSON, one pod each) run on
 * that node, and the kubelet keeps a mirror pod {@code <name>-<node>} of each in the API, with the
 * {@code kubernetes.io/config.mirror} annotation: created when the file appears, replaced when it
 * changes, deleted when it goes. Manifests given with the node (kubeadm's on the control-plane node) count as files
 * of that directory.
 */
final class StaticPods {

    static final String MIRROR = "kubernetes.io/config.mirror";
    static final String HASH = "kubernetes.io/config.hash";
    static final String SOURCE = "kubernetes.io/config.source";
    static final String SEEN = "kubernetes.io/config.seen";

    private static final Logger log = LoggerFactory.getLogger(StaticPods.class);
    private static final YAMLMapper YAML = YAMLMapper.builder().build();

    private final Registry registry;
    private final ObjectCodec codec;
    private final Clock clock;
    private final Path root;
    private final List<byte[]> given;
    private final java.util.function.Function<String, List<Pod>> podsOn;
    // by source (a file, or a given manifest): one instance per node, checked by one timer at a time
    private final Map<String, Parsed> parsed = new ConcurrentHashMap<>();

    StaticPods(Registry registry, ObjectCodec codec, Clock clock, Path root) {
        this(registry, codec, clock, root, List.of());
    }

    /** Static pods read from {@code root} (none when null) and from {@code given}. */
    StaticPods(Registry registry, ObjectCodec codec, Clock clock, Path root, List<byte[]> given) {
        this(registry, codec, clock, root, given, node -> registry.store(Pod.class)
                .list(null, ListOptions.withFields("spec.nodeName=" + node)).items());
    }

    /** With the pods bound to a node found by {@code podsOn}, as read-only objects: the kubelet's own index. */
    StaticPods(Registry registry, ObjectCodec codec, Clock clock, Path root, List<byte[]> given,
            java.util.function.Function<String, List<Pod>> podsOn) {
        this.podsOn = podsOn;
        this.registry = registry;
        this.codec = codec;
        this.clock = clock;
        this.root = root;
        this.given = given;
    }

    /** Brings the node's mirror pods in line with its manifest directory. */
    void sync(String nodeName, String nodeUid) {
        Map<String, Pod> wanted = manifests(nodeName, nodeUid);
        Map<String, Pod> mirrors = new HashMap<>();
        for (Pod pod : podsOn.apply(nodeName)) {
            Map<String, String> annotations = pod.getMetadata().getAnnotations();
            if (annotations != null && annotations.containsKey(MIRROR) && "file".equals(annotations.get(SOURCE))) {
                mirrors.put(key(pod), pod);
            }
        }
        // a copy: a mirror replaced below leaves the map
        for (Pod mirror : List.copyOf(mirrors.values())) {
            Pod manifest = wanted.get(key(mirror));
            if (mirror.getMetadata().getDeletionTimestamp() != null) {
                wanted.remove(key(mirror));
            } else if (manifest == null) {
                delete(mirror, null);
            } else if (!manifest.getMetadata().getAnnotations().get(HASH)
                    .equals(mirror.getMetadata().getAnnotations().get(MIRROR))) {
                delete(mirror, 0L);
                mirrors.remove(key(mirror));
            }
        }
        for (Map.Entry<String, Pod> entry : wanted.entrySet()) {
            Pod current = mirrors.get(entry.getKey());
            if (current == null || !entry.getValue().getMetadata().getAnnotations().get(HASH)
                    .equals(current.getMetadata().getAnnotations().get(MIRROR))) {
                create(entry.getValue());
            }
        }
    }

    private Map<String, Pod> manifests(String nodeName, String nodeUid) {
        Map<String, Pod> pods = new LinkedHashMap<>();
        for (int i = 0; i < given.size(); i++) {
            read(given.get(i), nodeName, nodeUid, pods, "given manifest " + (i + 1));
        }
        Path dir = root == null ? null : root.resolve(nodeName);
        if (dir == null || !Files.isDirectory(dir)) {
            return pods;
        }
        List<Path> files = new ArrayList<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir, "*.{yaml,yml,json}")) {
            stream.forEach(files::add);
        } catch (IOException e) {
            log.warn("cannot read static pod directory {}: {}", dir, e.getMessage());
            return pods;
        }
        files.sort(null);
        // the files gone since the last check are parsed no more
        parsed.keySet().removeIf(source -> !source.startsWith("given manifest ")
                && files.stream().noneMatch(file -> file.toString().equals(source)));
        for (Path file : files) {
            try {
                read(Files.readAllBytes(file), nodeName, nodeUid, pods, file.toString());
            } catch (IOException e) {
                log.warn("cannot read static pod manifest {}: {}", file, e.getMessage());
            }
        }
        return pods;
    }

    private void read(byte[] bytes, String nodeName, String nodeUid, Map<String, Pod> pods, String source) {
        try {
            Parsed manifest = parsed.get(source);
            if (manifest == null || !Arrays.equals(manifest.bytes(), bytes)) {
                manifest = new Parsed(bytes, YAML.readTree(bytes), md5(bytes, nodeName));
                parsed.put(source, manifest);
            }
            Pod pod = codec.fromTree(manifest.tree(), Pod.class);
            if (pod.getMetadata() == null || pod.getMetadata().getName() == null || pod.getSpec() == null) {
                return;
            }
            Pod mirror = mirror(pod, nodeName, nodeUid, manifest.hash());
            pods.put(key(mirror), mirror);
        } catch (RuntimeException e) {
            log.warn("cannot read static pod manifest {}: {}", source, e.getMessage());
        }
    }

    /**
     * A manifest's bytes as last read, their YAML tree and hash: the check runs every second on every node, and
     * parsing the same YAML again each time was most of the simulated kubelets' CPU.
     */
    private record Parsed(byte[] bytes, JsonNode tree, String hash) {
    }

    private Pod mirror(Pod pod, String nodeName, String nodeUid, String hash) {
        ObjectMeta meta = pod.getMetadata();
        meta.setName(meta.getName() + "-" + nodeName);
        if (meta.getNamespace() == null || meta.getNamespace().isEmpty()) {
            meta.setNamespace("default");
        }
        meta.setUid(null);
        meta.setResourceVersion(null);
        Map<String, String> annotations = new LinkedHashMap<>(meta.getAnnotations() == null ? Map.of()
                : meta.getAnnotations());
        annotations.put(HASH, hash);
        annotations.put(MIRROR, hash);
        annotations.put(SEEN, DateTimeFormatter.ISO_INSTANT.format(clock.instant()));
        annotations.put(SOURCE, "file");
        meta.setAnnotations(annotations);
        OwnerReference owner = new OwnerReference();
        owner.setApiVersion("v1");
        owner.setKind("Node");
        owner.setName(nodeName);
        owner.setUid(nodeUid);
        owner.setController(true);
        meta.setOwnerReferences(new ArrayList<>(List.of(owner)));
        pod.getSpec().setNodeName(nodeName);
        List<Toleration> tolerations = new ArrayList<>(pod.getSpec().getTolerations());
        tolerations.add(new Toleration("NoExecute", null, "Exists", null, null));
        pod.getSpec().setTolerations(tolerations);
        pod.setStatus(null);
        return pod;
    }

    private void create(Pod mirror) {
        try {
            registry.store(Pod.class).create(mirror.getMetadata().getNamespace(), mirror,
                    Managers.kubelet(mirror.getSpec().getNodeName()));
        } catch (StatusException e) {
            if (e.code() != 409) {
                log.debug("mirror pod {} not created: {}", mirror.getMetadata().getName(), e.getMessage());
            }
        }
    }

    private void delete(Pod mirror, Long grace) {
        try {
            registry.store(Pod.class).delete(mirror.getMetadata().getNamespace(), mirror.getMetadata().getName(),
                    Managers.deleting(Managers.kubelet(mirror.getSpec().getNodeName()),
                            new DeleteOptions(false, grace, mirror.getMetadata().getUid(), null, null)));
        } catch (StatusException e) {
            if (e.code() != 404 && e.code() != 409) {
                throw e;
            }
        }
    }

    private static String key(Pod pod) {
        return pod.getMetadata().getNamespace() + "/" + pod.getMetadata().getName();
    }

    private static String md5(byte[] bytes, String nodeName) {
        try {
            MessageDigest md = MessageDigest.getInstance("MD5");
            md.update(bytes);
            md.update(nodeName.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(md.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
