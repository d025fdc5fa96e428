package io.kubeling.resources.pods;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * The tag of a container image reference, as kube's defaulting reads it (docker's reference
 * grammar): an image without tag or digest means {@code latest}; an unparsable one has no tag.
 */
final class ImageReference {

    private static final String COMPONENT = "[a-z0-9]+(?:(?:[._]|__|[-]+)[a-z0-9]+)*";
    private static final String DOMAIN_COMPONENT = "(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])";
    private static final String DOMAIN = "(?:" + DOMAIN_COMPONENT + "(?:\\." + DOMAIN_COMPONENT + ")*"
            + "|\\[[a-fA-F0-9:]+\\])(?::[0-9]+)?";
    private static final String TAG = "[\\w][\\w.-]{0,127}";
    private static final String DIGEST = "[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}";
    private static final Pattern REFERENCE = Pattern.compile("(?:(" + DOMAIN + ")/)?(" + COMPONENT
            + "(?:/" + COMPONENT + ")*)(?::(" + TAG + "))?(?:@(" + DIGEST + "))?");

    /** Tags by image: a cluster's pods name few images, and each container's defaulting read its image again. */
    private static final Map<String, String> TAGS = new ConcurrentHashMap<>();
    private static final int TAGS_LIMIT = 1024;
    private static final int CACHED_LENGTH = 512;

    private ImageReference() {
    }

    /** The tag kube's SetDefaults_Container sees: "latest" when neither tag nor digest is given. */
    static String tag(String image) {
        if (image == null) {
            return "";
        }
        String known = TAGS.get(image);
        if (known != null) {
            return known;
        }
        String tag = parsedTag(image);
        if (image.length() > CACHED_LENGTH) {
            return tag;
        }
        if (TAGS.size() >= TAGS_LIMIT) {
            TAGS.clear();
        }
        TAGS.put(image, tag);
        return tag;
    }

    private static String parsedTag(String image) {
        var m = REFERENCE.matcher(image);
        if (!m.matches() || m.group(2).length() > 255) {
            return "";
        }
        String tag = m.group(3);
        String digest = m.group(4);
        if (tag == null && digest == null) {
            return "latest";
        }
        return tag == null ? "" : tag;
    }

    /** Always for {@code :latest} or untagged images, IfNotPresent otherwise. */
    static String defaultPullPolicy(String image) {
        return "latest".equals(tag(image)) ? "Always" : "IfNotPresent";
    }
}
