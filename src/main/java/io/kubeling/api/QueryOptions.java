package io.kubeling.api;

import java.util.List;
import java.util.Set;

import jakarta.servlet.http.HttpServletRequest;

import io.kubeling.registry.DeleteOptions;
import io.kubeling.registry.Errors;
import io.kubeling.registry.ListOptions;
import io.kubeling.registry.WriteOptions;
import io.kubeling.registry.selection.FieldSelector;
import io.kubeling.registry.selection.LabelSelector;
import io.kubeling.registry.selection.SelectorException;
import io.kubeling.registry.validation.FieldError;
import tools.jackson.databind.JsonNode;

/** Turns query parameters (and a DELETE body) into registry options, refusing values kube refuses. */
final class QueryOptions {

    private QueryOptions() {
    }

    static ListOptions list(HttpServletRequest request) {
        LabelSelector labels;
        FieldSelector fields;
        try {
            labels = LabelSelector.parse(request.getParameter("labelSelector"));
            fields = FieldSelector.parse(request.getParameter("fieldSelector"));
        } catch (SelectorException e) {
            throw Errors.badRequest(e.getMessage());
        }
        long limit = 0;
        String limitText = request.getParameter("limit");
        if (limitText != null && !limitText.isEmpty()) {
            try {
                limit = Long.parseLong(limitText);
            } catch (NumberFormatException e) {
                throw Errors.badRequest("invalid value for limit: strconv.ParseInt: parsing \"" + limitText
                        + "\": invalid syntax");
            }
        }
        return new ListOptions(labels, fields, Math.max(0, limit), request.getParameter("continue"),
                request.getParameter("resourceVersion"), request.getParameter("resourceVersionMatch"));
    }

    /** Kube's ValidateListOptions for a list (not a watch): 422 on ListOptions. */
    static ListOptions validatedList(HttpServletRequest request) {
        ListOptions options = list(request);
        String match = options.resourceVersionMatch();
        String rv = options.resourceVersion();
        List<FieldError> errs = new java.util.ArrayList<>();
        if (match != null && !match.isEmpty()) {
            if (rv == null || rv.isEmpty()) {
                errs.add(FieldError.forbidden("resourceVersionMatch",
                        "resourceVersionMatch is forbidden unless resourceVersion is provided"));
            }
            if (options.continueToken() != null && !options.continueToken().isEmpty()) {
                errs.add(FieldError.forbidden("resourceVersionMatch",
                        "resourceVersionMatch is forbidden when continue is provided"));
            }
            if (!match.equals("Exact") && !match.equals("NotOlderThan")) {
                errs.add(FieldError.notSupported("resourceVersionMatch", match, List.of("Exact", "NotOlderThan", "")));
            }
            if (match.equals("Exact") && "0".equals(rv)) {
                errs.add(FieldError.forbidden("resourceVersionMatch",
                        "resourceVersionMatch \"exact\" is forbidden for resourceVersion \"0\""));
            }
        }
        if (request.getParameter("sendInitialEvents") != null) {
            errs.add(FieldError.forbidden("sendInitialEvents", "sendInitialEvents is forbidden for list"));
        }
        if (!errs.isEmpty()) {
            throw Errors.invalid("ListOptions.meta.k8s.io", "ListOptions", "meta.k8s.io", "", errs);
        }
        return options;
    }

    static WriteOptions write(HttpServletRequest request, String optionsKind) {
        boolean dryRun = dryRun(request.getParameterValues("dryRun"), optionsKind);
        List<FieldError> errs = FieldManagers.validate(request.getParameter("fieldManager"));
        if (!errs.isEmpty()) {
            throw Errors.invalid(optionsKind + ".meta.k8s.io", optionsKind, "meta.k8s.io", "", errs);
        }
        return new WriteOptions(dryRun, FieldManagers.of(request), RequestUser.of(request));
    }

    static DeleteOptions delete(HttpServletRequest request, JsonNode body) {
        boolean dryRun = dryRun(request.getParameterValues("dryRun"), "DeleteOptions");
        Long grace = null;
        String graceText = request.getParameter("gracePeriodSeconds");
        if (graceText != null && !graceText.isEmpty()) {
            try {
                grace = Long.parseLong(graceText);
            } catch (NumberFormatException e) {
                throw Errors.badRequest("invalid value for gracePeriodSeconds: " + graceText);
            }
        }
        String policy = request.getParameter("propagationPolicy");
        String uid = null;
        String rv = null;
        if (body != null) {
            if (body.hasNonNull("gracePeriodSeconds")) {
                grace = body.get("gracePeriodSeconds").asLong();
            }
            if (body.hasNonNull("propagationPolicy")) {
                policy = body.get("propagationPolicy").asString();
            }
            if (body.path("dryRun").isArray()) {
                java.util.List<String> values = new java.util.ArrayList<>();
                body.path("dryRun").forEach(v -> values.add(v.asString()));
                dryRun = dryRun || dryRun(values.toArray(String[]::new), "DeleteOptions");
            }
            JsonNode pre = body.path("preconditions");
            if (pre.hasNonNull("uid")) {
                uid = pre.get("uid").asString();
            }
            if (pre.hasNonNull("resourceVersion")) {
                rv = pre.get("resourceVersion").asString();
            }
        }
        String orphanText = request.getParameter("orphanDependents");
        Boolean orphan = orphanText == null || orphanText.isEmpty() ? null : Boolean.parseBoolean(orphanText);
        if (body != null && body.hasNonNull("orphanDependents")) {
            orphan = body.get("orphanDependents").asBoolean();
        }
        if (orphan != null && policy != null) {
            throw Errors.invalid("DeleteOptions.meta.k8s.io", "DeleteOptions", "meta.k8s.io", "", List.of(
                    FieldError.invalid("propagationPolicy", policy, "orphanDependents and deletionPropagation cannot be both set")));
        }
        if (orphan != null) {
            policy = orphan ? "Orphan" : "Background";
        }
        if (policy != null && !Set.of("Orphan", "Background", "Foreground").contains(policy)) {
            throw Errors.invalid("DeleteOptions.meta.k8s.io", "DeleteOptions", "meta.k8s.io", "", List.of(
                    FieldError.notSupported("propagationPolicy", policy, List.of("Foreground", "Background", "Orphan", "nil"))));
        }
        if (grace != null && grace < 0) {
            grace = 1L;
        }
        return new DeleteOptions(dryRun, grace, uid, rv, policy);
    }

    private static boolean dryRun(String[] values, String optionsKind) {
        if (values == null || values.length == 0) {
            return false;
        }
        for (String v : values) {
            if (!v.equals("All")) {
                throw Errors.invalid(optionsKind + ".meta.k8s.io", optionsKind, "meta.k8s.io", "",
                        List.of(FieldError.notSupported("dryRun", v, List.of("All"))));
            }
        }
        return true;
    }
}
