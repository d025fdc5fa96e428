package io.kubeling.admission;

import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.kubeling.registry.AdmissionRequest;
import io.kubeling.registry.ResourceDefinition;
import io.kubeling.registry.UserInfo;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * AdmissionReview requests as kube writes them (admission.k8s.io v1, or v1beta1 for webhooks that ask only
 * for it) and the checks kube's VerifyAdmissionResponse makes of the answers, with its messages.
 * Each review names the user who asked (the admin for the server's own writes).
 */
final class AdmissionReviews {

    private AdmissionReviews() {
    }

    /** What a webhook answered, once checked. */
    record Answer(boolean allowed, byte[] patch, JsonNode result, List<String> warnings,
            Map<String, String> auditAnnotations) {
    }

    /**
     * The review of {@code request} sent to a webhook registered for {@code as}: the request's own resource, or an
     * equivalent one that matchPolicy Equivalent matched, in which {@code object} and {@code oldObject} are given.
     */
    static ObjectNode request(JsonMapper mapper, String version, String uid, AdmissionRequest<?> request,
            ResourceDefinition<?> as, JsonNode object, JsonNode oldObject) {
        ObjectNode review = mapper.createObjectNode();
        review.put("kind", "AdmissionReview");
        review.put("apiVersion", "admission.k8s.io/" + version);
        ObjectNode r = review.putObject("request");
        ResourceDefinition<?> def = request.resource();
        r.put("uid", uid);
        kind(r.putObject("kind"), as);
        resource(r.putObject("resource"), as);
        if (request.subresource() != null) {
            r.put("subResource", request.subresource());
        }
        kind(r.putObject("requestKind"), def);
        resource(r.putObject("requestResource"), def);
        if (request.subresource() != null) {
            r.put("requestSubResource", request.subresource());
        }
        if (request.name() != null && !request.name().isEmpty()) {
            r.put("name", request.name());
        }
        // kube names a namespace request's namespace after the namespace itself
        String namespace = ResourceRules.isNamespaces(def) ? request.name() : request.namespace();
        if (namespace != null && !namespace.isEmpty()) {
            r.put("namespace", namespace);
        }
        r.put("operation", request.operation().name());
        ObjectNode user = r.putObject("userInfo");
        UserInfo who = request.user();
        user.put("username", who.name());
        if (!who.uid().isEmpty()) {
            user.put("uid", who.uid());
        }
        if (!who.groups().isEmpty()) {
            ArrayNode groups = user.putArray("groups");
            who.groups().forEach(groups::add);
        }
        if (!who.extra().isEmpty()) {
            ObjectNode extra = user.putObject("extra");
            new java.util.TreeMap<>(who.extra()).forEach((k, v) -> {
                ArrayNode values = extra.putArray(k);
                v.forEach(values::add);
            });
        }
        r.set("object", object == null ? mapper.nullNode() : object);
        r.set("oldObject", oldObject == null ? mapper.nullNode() : oldObject);
        r.put("dryRun", request.dryRun());
        r.set("options", options(mapper, request));
        return review;
    }

    /** kube's AdmissionRequest for CEL's {@code request} variable: the review's request without uid or objects. */
    static ObjectNode attributes(JsonMapper mapper, AdmissionRequest<?> request, ResourceDefinition<?> as) {
        ObjectNode attributes = (ObjectNode) request(mapper, "v1", "", request, as, null, null).get("request");
        attributes.remove(List.of("uid", "object", "oldObject"));
        return attributes;
    }

    private static void kind(ObjectNode node, ResourceDefinition<?> def) {
        node.put("group", def.group());
        node.put("version", def.version());
        node.put("kind", def.kind());
    }

    private static void resource(ObjectNode node, ResourceDefinition<?> def) {
        node.put("group", def.group());
        node.put("version", def.version());
        node.put("resource", def.plural());
    }

    private static ObjectNode options(JsonMapper mapper, AdmissionRequest<?> request) {
        ObjectNode options = mapper.createObjectNode();
        options.put("kind", switch (request.operation()) {
            case CREATE -> "CreateOptions";
            case UPDATE -> "UpdateOptions";
            case DELETE -> "DeleteOptions";
        });
        options.put("apiVersion", "meta.k8s.io/v1");
        if (request.dryRun()) {
            options.putArray("dryRun").add("All");
        }
        if (request.fieldManager() != null && !request.fieldManager().isEmpty()) {
            options.put("fieldManager", request.fieldManager());
        }
        return options;
    }

    /** The webhook's answer, checked as kube checks it; a CallFailure with kube's reason when it cannot be used. */
    static Answer answer(JsonMapper mapper, String version, String uid, boolean mutating, byte[] body) {
        JsonNode review;
        try {
            review = mapper.readTree(body);
        } catch (JacksonException e) {
            throw new CallFailure("failed to call webhook: couldn't get version/kind; json parse error: "
                    + e.getOriginalMessage());
        }
        if (review == null || !review.isObject()) {
            throw new CallFailure("failed to call webhook: couldn't get version/kind; json parse error: "
                    + "json: cannot unmarshal " + (review == null ? "null" : review.getNodeType().name().toLowerCase())
                    + " into Go value of type struct { APIVersion string \"json:\\\"apiVersion,omitempty\\\"\"; "
                    + "Kind string \"json:\\\"kind,omitempty\\\"\" }");
        }
        JsonNode response = review.get("response");
        if (response == null || response.isNull()) {
            throw invalid("webhook response was absent");
        }
        if (!response.isObject()) {
            throw new CallFailure("failed to call webhook: json: cannot unmarshal " + response.getNodeType().name()
                    .toLowerCase() + " into Go struct field AdmissionReview.response of type v1.AdmissionResponse");
        }
        byte[] patch = patch(response.get("patch"));
        JsonNode patchType = response.get("patchType");
        boolean hasPatchType = patchType != null && !patchType.isNull();
        if (version.equals("v1")) {
            String got = response.path("uid").asString("");
            if (!got.equals(uid)) {
                throw invalid("expected response.uid=\"" + uid + "\", got \"" + got + "\"");
            }
            String apiVersion = review.path("apiVersion").asString("");
            String kind = review.path("kind").asString("");
            if (!apiVersion.equals("admission.k8s.io/v1") || !kind.equals("AdmissionReview")) {
                throw invalid("expected webhook response of admission.k8s.io/v1, Kind=AdmissionReview, got "
                        + groupVersion(apiVersion) + ", Kind=" + kind);
            }
            if (mutating) {
                if (patch.length > 0 && !hasPatchType) {
                    throw invalid("webhook returned response.patch but not response.patchType");
                }
                if (patch.length == 0 && hasPatchType) {
                    throw invalid("webhook returned response.patchType but not response.patch");
                }
                if (hasPatchType && patchType.asString("").isEmpty()) {
                    throw invalid("webhook returned invalid response.patchType of \"\"");
                }
                if (hasPatchType && !patchType.asString("").equals("JSONPatch")) {
                    throw new CallFailure("unsupported patch type \"" + patchType.asString("") + "\"");
                }
            } else {
                if (patch.length > 0) {
                    throw invalid("validating webhook may not return response.patch");
                }
                if (hasPatchType) {
                    throw invalid("validating webhook may not return response.patchType");
                }
            }
        }
        if (!mutating) {
            patch = new byte[0];
        }
        List<String> warnings = new ArrayList<>();
        response.path("warnings").forEach(w -> warnings.add(w.asString("")));
        Map<String, String> annotations = new LinkedHashMap<>();
        response.path("auditAnnotations").properties().forEach(e -> annotations.put(e.getKey(), e.getValue().asString("")));
        JsonNode result = response.get("status");
        return new Answer(response.path("allowed").asBoolean(false), patch,
                result == null || result.isNull() ? null : result, warnings, annotations);
    }

    private static byte[] patch(JsonNode node) {
        if (node == null || node.isNull()) {
            return new byte[0];
        }
        try {
            return Base64.getDecoder().decode(node.asString(""));
        } catch (IllegalArgumentException e) {
            throw new CallFailure("failed to call webhook: illegal base64 data in response.patch");
        }
    }

    private static String groupVersion(String apiVersion) {
        int slash = apiVersion.indexOf('/');
        return slash < 0 ? "/" + apiVersion : apiVersion;
    }

    private static CallFailure invalid(String reason) {
        return new CallFailure("received invalid webhook response: " + reason);
    }

    static JsonNode tree(JsonMapper mapper, HasMetadata object, ResourceDefinition<?> def) {
        if (object == null) {
            return null;
        }
        ObjectNode tree = mapper.valueToTree(object);
        tree.put("apiVersion", def.apiVersion());
        tree.put("kind", def.kind());
        return tree;
    }
}
