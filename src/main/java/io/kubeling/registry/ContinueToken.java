package io.kubeling.registry;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** The opaque continue token of a paged list: the snapshot revision and the last key returned, as kube encodes it. */
record ContinueToken(long revision, String startAfter) {

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
            if (!"meta.k8s.io/v1".equals(node.path("v").asString()) || node.path("rv").asLong() <= 0) {
                throw new IllegalArgumentException();
            }
            return new ContinueToken(node.path("rv").asLong(), node.path("start").asString());
        } catch (RuntimeException e) {
            throw Errors.badRequest("continue key is not valid: incorrect encoded start resourceVersion (version meta.k8s.io/v1)");
        }
    }

    private static String stripPadding(String token) {
        return token.replace("=", "");
    }
}
