package io.kubeling.controllers.kubelet;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * The images the simulated registries hold ({@code kubelet/images.yaml}, plus a file of the same form
 * from configuration): which tags exist and what a container of the image is made of.
 */
public final class ImageCatalog {

    private static final YAMLMapper YAML = YAMLMapper.builder().build();
    private static final String BUILT_IN = "/kubelet/images.yaml";
    private static volatile ImageCatalog builtIn;

    private final Map<String, Image> byRepository;

    private ImageCatalog(Map<String, Image> byRepository) {
        this.byRepository = byRepository;
    }

    /** The catalogue shipped with Kubeling. */
    public static ImageCatalog builtIn() {
        ImageCatalog catalog = builtIn;
        if (catalog == null) {
            try (InputStream in = ImageCatalog.class.getResourceAsStream(BUILT_IN)) {
                catalog = parse(List.of(YAML.readTree(in)));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            builtIn = catalog;
        }
        return catalog;
    }

    /** The built-in catalogue with the images (and bases) of an extra file added or replaced. */
    public static ImageCatalog withExtra(Path extra) {
        if (extra == null) {
            return builtIn();
        }
        try (InputStream base = ImageCatalog.class.getResourceAsStream(BUILT_IN)) {
            return parse(List.of(YAML.readTree(base), YAML.readTree(Files.readString(extra))));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Parses catalogue documents in order; a later one adds to and replaces the earlier ones' entries. */
    static ImageCatalog parse(List<JsonNode> documents) {
        Map<String, JsonNode> bases = new HashMap<>();
        List<JsonNode> images = new ArrayList<>();
        for (JsonNode doc : documents) {
            for (Map.Entry<String, JsonNode> e : doc.path("bases").properties()) {
                bases.put(e.getKey(), e.getValue());
            }
            doc.path("images").forEach(images::add);
        }
        Map<String, Image> byRepository = new LinkedHashMap<>();
        for (JsonNode node : images) {
            Image image = image(node, bases);
            byRepository.put(image.repository(), image);
        }
        return new ImageCatalog(byRepository);
    }

    private static Image image(JsonNode node, Map<String, JsonNode> bases) {
        Map<String, String> files = new LinkedHashMap<>();
        Set<String> bin = new LinkedHashSet<>();
        String tools = "gnu";
        List<JsonNode> chain = new ArrayList<>();
        String baseName = node.path("base").asString("scratch");
        for (int depth = 0; baseName != null && bases.containsKey(baseName) && depth < 8; depth++) {
            JsonNode base = bases.get(baseName);
            chain.add(0, base);
            baseName = base.path("inherits").isMissingNode() ? null : base.path("inherits").asString();
        }
        chain.add(node);
        for (JsonNode layer : chain) {
            if (layer.has("tools")) {
                tools = layer.path("tools").asString();
            }
            for (Map.Entry<String, JsonNode> f : layer.path("files").properties()) {
                files.put(f.getKey(), f.getValue().asString());
            }
            layer.path("bin").forEach(b -> bin.add(b.asString()));
        }
        Map<String, String> env = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> e : node.path("env").properties()) {
            env.put(e.getKey(), e.getValue().asString());
        }
        List<Integer> ports = new ArrayList<>();
        node.path("ports").forEach(p -> ports.add(p.asInt()));
        Set<String> tags = new LinkedHashSet<>();
        node.path("tags").forEach(t -> tags.add(t.asString()));
        String versions = node.path("versions").isMissingNode() ? null : node.path("versions").asString();
        Map<String, String> releases = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> r : node.path("releases").properties()) {
            releases.put(r.getKey(), r.getValue().asString());
        }
        return new Image(node.path("repository").asString(), strings(node.path("entrypoint")),
                strings(node.path("cmd")), env, ports, node.path("size").asLong(10_000_000L), tags,
                versions == null ? null : Pattern.compile(versions), files, bin, tools,
                node.path("workingDir").asString("/"), releases);
    }

    private static List<String> strings(JsonNode node) {
        List<String> out = new ArrayList<>();
        node.forEach(n -> out.add(n.asString()));
        return out;
    }

    /** What the registry answers for an image reference. */
    public Lookup lookup(ImageName name) {
        Image image = byRepository.get(name.registry() + "/" + name.repository());
        if (image == null) {
            return new Lookup(name.registry().equals("docker.io") ? Answer.NO_REPOSITORY : Answer.UNKNOWN_REGISTRY,
                    null);
        }
        if (name.tag() == null || image.hasTag(name.tag())) {
            return new Lookup(Answer.FOUND, image);
        }
        return new Lookup(Answer.NO_TAG, image);
    }

    /** Looks an image up by reference text; null when it does not parse or is not listed. */
    public Image find(String reference) {
        ImageName name = ImageName.parse(reference);
        return name == null ? null : byRepository.get(name.registry() + "/" + name.repository());
    }

    public enum Answer {
        FOUND,
        /** Not listed, on docker.io: it does not exist. */
        NO_REPOSITORY,
        NO_TAG,
        /** Not listed, on another registry: taken as it comes. */
        UNKNOWN_REGISTRY
    }

    public record Lookup(Answer answer, Image image) {
    }

    /**
     * One image: its process ({@code entrypoint} then {@code cmd}), environment, listening ports, size, tags,
     * root filesystem files, the programs it has ({@code bin}: names on the PATH or absolute paths) and the
     * flavour of its tools ({@code busybox}, {@code gnu} or {@code none}); {@code releases} names the
     * full version a shorter version tag ({@code 1.14}) points at.
     */
    public record Image(String repository, List<String> entrypoint, List<String> cmd, Map<String, String> env,
            List<Integer> ports, long size, Set<String> tags, Pattern versions, Map<String, String> files,
            Set<String> bin, String tools, String workingDir, Map<String, String> releases) {

        /**
         * The image's environment for a tag: a version tag ({@code 1.15.4}, {@code 1.14} by its
         * {@code releases}, with or without a variant suffix) sets the image's own {@code <NAME>_VERSION}, as
         * each tag's image has its own.
         */
        public Map<String, String> env(String tag) {
            String variable = shortName().toUpperCase(java.util.Locale.ROOT).replace('-', '_') + "_VERSION";
            if (tag == null || !env.containsKey(variable)) {
                return env;
            }
            java.util.regex.Matcher m = Pattern.compile("(\\d+(?:\\.\\d+)*)(-.*)?").matcher(tag);
            if (!m.matches()) {
                return env;
            }
            String version = m.group(1).matches("\\d+\\.\\d+\\.\\d+") ? m.group(1) : releases.get(m.group(1));
            if (version == null) {
                return env;
            }
            Map<String, String> tagged = new LinkedHashMap<>(env);
            tagged.put(variable, version);
            return tagged;
        }

        boolean hasTag(String tag) {
            return tags.contains(tag) || (versions != null && versions.matcher(tag).matches());
        }

        public String shortName() {
            return repository.substring(repository.lastIndexOf('/') + 1);
        }

        /** Whether the image has the program: a name on its PATH or an absolute path. */
        public boolean has(String program) {
            String base = program.substring(program.lastIndexOf('/') + 1);
            return bin.contains(program) || bin.contains(base);
        }

        public byte[] file(String path) {
            String text = files.get(path);
            return text == null ? null : text.getBytes(StandardCharsets.UTF_8);
        }
    }
}
