package io.kubeling.rbac;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import io.kubeling.registry.Authorizer;
import io.kubeling.registry.CreateOnlyResource;
import io.kubeling.registry.UserInfo;
import io.kubeling.registry.validation.FieldError;

/**
 * What kube's access reviews share (pkg/registry/authorization): a resource of authorization.k8s.io/v1 that
 * answers a create and stores nothing, the spec's attributes checked and put to the authorizer as they are.
 */
abstract class AccessReview extends CreateOnlyResource {

    static final String GROUP = "authorization.k8s.io";

    @Override
    public String group() {
        return GROUP;
    }

    @Override
    public String version() {
        return "v1";
    }

    /** The spec's resourceAttributes or nonResourceAttributes: exactly one, as ValidateSubjectAccessReviewSpec. */
    static List<FieldError> validateAttributes(Map<String, Object> spec) {
        List<FieldError> errs = new ArrayList<>();
        boolean resource = spec.get("resourceAttributes") instanceof Map;
        boolean nonResource = spec.get("nonResourceAttributes") instanceof Map;
        if (resource && nonResource) {
            errs.add(FieldError.invalid("spec.nonResourceAttributes", FieldError.OMIT,
                    "cannot be specified in combination with resourceAttributes"));
        }
        if (!resource && !nonResource) {
            errs.add(FieldError.invalid("spec.resourceAttributes", "null",
                    "exactly one of nonResourceAttributes or resourceAttributes must be specified"));
        }
        return errs;
    }

    /** ResourceAttributesFrom and NonResourceAttributesFrom; a missing version means every version. */
    static Authorizer.Attributes attributes(UserInfo user, Map<String, Object> spec) {
        Map<String, Object> r = map(spec.get("resourceAttributes"));
        if (spec.get("resourceAttributes") instanceof Map) {
            String version = text(r, "version");
            return new Authorizer.Attributes(user, text(r, "verb"), true, text(r, "group"),
                    version.isEmpty() ? "*" : version, text(r, "resource"), text(r, "subresource"),
                    text(r, "namespace"), text(r, "name"), "");
        }
        Map<String, Object> n = map(spec.get("nonResourceAttributes"));
        return new Authorizer.Attributes(user, text(n, "verb"), false, "", "", "", "", "", "", text(n, "path"));
    }

    /** The review as sent, with the authorizer's answer as its status. */
    static Map<String, Object> answered(Map<String, Object> review, Authorizer.Decision decision) {
        Map<String, Object> status = new LinkedHashMap<>();
        status.put("allowed", decision.allowed());
        if (decision.outcome() == Authorizer.Outcome.DENY) {
            status.put("denied", true);
        }
        if (decision.reason() != null && !decision.reason().isEmpty()) {
            status.put("reason", decision.reason());
        }
        return withStatus(review, status);
    }

    static Map<String, Object> withStatus(Map<String, Object> review, Map<String, Object> status) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("kind", review.get("kind"));
        out.put("apiVersion", review.get("apiVersion"));
        Map<String, Object> meta = new LinkedHashMap<>(map(review.get("metadata")));
        meta.put("creationTimestamp", null);
        out.put("metadata", meta);
        out.put("spec", review.getOrDefault("spec", Map.of()));
        out.put("status", status);
        return out;
    }

    /** Metadata must be empty but for what {@code allowed} names, as kube's validation of reviews says. */
    static boolean metadataEmpty(Map<String, Object> review, String allowed) {
        Map<String, Object> meta = new LinkedHashMap<>(map(review.get("metadata")));
        meta.remove("creationTimestamp");
        if (allowed != null) {
            meta.remove(allowed);
        }
        return meta.values().stream().allMatch(v -> v == null || "".equals(v)
                || (v instanceof Map<?, ?> m && m.isEmpty()) || (v instanceof List<?> l && l.isEmpty()));
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object value) {
        return value instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }

    static String text(Map<String, Object> map, String key) {
        Object v = map.get(key);
        return v == null ? "" : Objects.toString(v);
    }

    @SuppressWarnings("unchecked")
    static List<String> strings(Object value) {
        if (!(value instanceof List<?> list)) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        list.forEach(v -> out.add(Objects.toString(v)));
        return out;
    }

    /** spec.extra: each key's values. */
    static Map<String, List<String>> extra(Object value) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        map(value).forEach((k, v) -> out.put(k, strings(v)));
        return out;
    }
}
