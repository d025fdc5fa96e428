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
import io.kubeling.registry.validation.Names;

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
        if (resource) {
            Map<String, Object> r = map(spec.get("resourceAttributes"));
            errs.addAll(validateSelector(r.get("fieldSelector"), "spec.resourceAttributes.fieldSelector", false));
            errs.addAll(validateSelector(r.get("labelSelector"), "spec.resourceAttributes.labelSelector", true));
        }
        return errs;
    }

    /**
     * validateFieldSelectorAttributes and validateLabelSelectorAttributes: a raw selector or requirements, not both,
     * each requirement checked as a list's selector is, an operator kube does not know let through.
     */
    private static List<FieldError> validateSelector(Object selector, String path, boolean labels) {
        List<FieldError> errs = new ArrayList<>();
        if (!(selector instanceof Map)) {
            return errs;
        }
        Map<String, Object> s = map(selector);
        String raw = text(s, "rawSelector");
        List<Map<String, Object>> requirements = requirements(s);
        if (!raw.isEmpty() && !requirements.isEmpty()) {
            errs.add(FieldError.invalid(path + ".rawSelector", raw, "may not specified at the same time as requirements"));
        }
        if (raw.isEmpty() && requirements.isEmpty()) {
            errs.add(FieldError.required(path + ".requirements",
                    "when " + path + " is specified, requirements or rawSelector is required"));
        }
        for (int i = 0; i < requirements.size(); i++) {
            Map<String, Object> req = requirements.get(i);
            String at = path + ".requirements[" + i + "]";
            List<String> values = strings(req.get("values"));
            String key = text(req, "key");
            if (!labels && key.isEmpty()) {
                errs.add(FieldError.required(at + ".key", "must be specified"));
            }
            switch (text(req, "operator")) {
                case "In", "NotIn" -> {
                    if (values.isEmpty()) {
                        errs.add(FieldError.required(at + ".values",
                                "must be specified when `operator` is 'In' or 'NotIn'"));
                    }
                }
                case "Exists", "DoesNotExist" -> {
                    if (!values.isEmpty()) {
                        errs.add(FieldError.forbidden(at + ".values",
                                "may not be specified when `operator` is 'Exists' or 'DoesNotExist'"));
                    }
                }
                default -> {
                }
            }
            if (labels) {
                for (String message : Names.qualifiedName(key)) {
                    errs.add(FieldError.invalid(at + ".key", key, message));
                }
            }
        }
        return errs;
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> requirements(Map<String, Object> selector) {
        List<Map<String, Object>> out = new ArrayList<>();
        if (selector.get("requirements") instanceof List<?> list) {
            list.forEach(r -> out.add(map(r)));
        }
        return out;
    }

    /**
     * The field selector a review asks about, as kube's ResourceAttributesFrom reads it: the raw one, or the
     * requirements, each In or NotIn of one value; anything else limits nothing, as a selector kube cannot parse.
     */
    static String fieldSelector(Map<String, Object> resourceAttributes) {
        Map<String, Object> s = map(resourceAttributes.get("fieldSelector"));
        String raw = text(s, "rawSelector");
        if (!raw.isEmpty()) {
            return raw;
        }
        List<String> terms = new ArrayList<>();
        for (Map<String, Object> req : requirements(s)) {
            List<String> values = strings(req.get("values"));
            String op = text(req, "operator");
            if (values.size() != 1 || !op.equals("In") && !op.equals("NotIn")) {
                return "";
            }
            terms.add(text(req, "key") + (op.equals("In") ? "=" : "!=") + values.get(0));
        }
        return String.join(",", terms);
    }

    /** ResourceAttributesFrom and NonResourceAttributesFrom; a missing version means every version. */
    static Authorizer.Attributes attributes(UserInfo user, Map<String, Object> spec) {
        Map<String, Object> r = map(spec.get("resourceAttributes"));
        if (spec.get("resourceAttributes") instanceof Map) {
            String version = text(r, "version");
            return new Authorizer.Attributes(user, text(r, "verb"), true, text(r, "group"),
                    version.isEmpty() ? "*" : version, text(r, "resource"), text(r, "subresource"),
                    text(r, "namespace"), text(r, "name"), "", fieldSelector(r));
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
