package io.kubeling.controllers.kubelet;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A container image reference read as containerd does: the registry host (docker.io by default),
 * the repository ({@code library/} added to one-part docker.io names), and a tag or digest.
 */
record ImageName(String registry, String repository, String tag, String digest) {

    private static final String COMPONENT = "[a-z0-9]+(?:(?:[._]|__|[-]+)[a-z0-9]+)*";
    private static final String DOMAIN_COMPONENT = "(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])";
    private static final String DOMAIN = "(?:" + DOMAIN_COMPONENT + "(?:\\." + DOMAIN_COMPONENT + ")*"
            + "|\\[[a-fA-F0-9:]+\\])(?::[0-9]+)?";
    private static final Pattern REFERENCE = Pattern.compile("(?:(" + DOMAIN + ")/)?(" + COMPONENT
            + "(?:/" + COMPONENT + ")*)(?::([\\w][\\w.-]{0,127}))?(?:@([A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:"
            + "[0-9a-fA-F]{32,}))?");

    /** The parsed reference, or null when it cannot be parsed (InvalidImageName). */
    static ImageName parse(String image) {
        if (image == null || image.isEmpty()) {
            return null;
        }
        Matcher m = REFERENCE.matcher(image);
        if (!m.matches()) {
            return null;
        }
        String domain = m.group(1);
        String path = m.group(2);
        // docker's rule: a first component is a host only if it has a dot or a port, or is localhost
        if (domain != null && !domain.contains(".") && !domain.contains(":") && !domain.equals("localhost")) {
            path = domain + "/" + path;
            domain = null;
        }
        if (domain == null) {
            domain = "docker.io";
        }
        if (domain.equals("docker.io") && !path.contains("/")) {
            path = "library/" + path;
        }
        String tag = m.group(3);
        String digest = m.group(4);
        if (tag == null && digest == null) {
            tag = "latest";
        }
        return new ImageName(domain, path, tag, digest);
    }

    /** The full reference the runtime reports, such as {@code docker.io/library/nginx:latest}. */
    String full() {
        return registry + "/" + repository + (tag != null ? ":" + tag : "") + (digest != null ? "@" + digest : "");
    }

    /** The last path component, which names well-known images whatever their registry. */
    String shortName() {
        return repository.substring(repository.lastIndexOf('/') + 1);
    }

    /** The image ID the runtime reports: repository and a digest (derived from the name, so stable). */
    String imageId() {
        String sha = digest != null ? digest : "sha256:" + sha256(full());
        return registry + "/" + repository + "@" + sha;
    }

    /** A plausible compressed size in bytes, stable per image. */
    long size() {
        long h = Math.abs((long) full().hashCode());
        return 2_000_000 + h % 180_000_000;
    }

    static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
