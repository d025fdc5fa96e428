package io.kubeling.registry;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The opaque continue token of a paged list: the snapshot revision and the last key returned, as kube encodes it.
 * A negative revision, as in the token a 410 hands out once the snapshot is compacted, continues at the latest.
 */
record ContinueToken(long revision, String startAfter) {

    /** The revision of a token that continues at the latest revision rather than at a snapshot. */
    static final long LATEST = -1;

    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    String encode() {
        ObjectNode node = MAPPER.createObjectNode();
        node.put("v", "meta.k8s.io/v1");
        node.put("rv", revision);
        node.put("start", startAfter);
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString(MAPPER.writeValueAsString(node).getBytes(StandardCharsets.UTF_8));
    }

    static ContinueToken decode(String token) {
        try {
            JsonNode node = MAPPER.readTree(Base64.getUrlDecoder().decode(stripPadding(token)));
            if (!"meta.k8s.io/v1".equals(node.path("v").asString()) || !node.path("rv").isIntegralNumber()
                    || node.path("rv").asLong() == 0) {
                throw new IllegalArgumentException();
            }
            return new ContinueToken(node.path("rv").asLong(), node.path("start").asString());
        } catch (RuntimeException e) {
            throw Errors.badRequest("continue key is not valid: incorrect encoded start resourceVersion (version meta.k8s.io/v1)");
        }
    }

    /** Whether the pages that follow are read at the latest revision, not at a consistent snapshot. */
    boolean latest() {
        return revision < 0;
    }

    private static String stripPadding(String token) {
        return token.replace("=", "");
    }
}
