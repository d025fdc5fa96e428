package io.kubeling.rbac;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.kubeling.registry.Authorizer;
import io.kubeling.registry.Errors;
import io.kubeling.registry.ReadOnlyResource;
import io.kubeling.registry.UserInfo;
import io.kubeling.registry.validation.FieldError;
import io.kubeling.registry.validation.GoQuote;

/**
 * kube's four access reviews: SubjectAccessReview (may this user do this?), LocalSubjectAccessReview (the same,
 * within one namespace), SelfSubjectAccessReview (may I?, {@code kubectl auth can-i}) and SelfSubjectRulesReview
 * (what may I do in this namespace?, {@code kubectl auth can-i --list}).
 */
@Configuration(proxyBeanMethods = false)
public class AccessReviews {

    @Bean
    public ReadOnlyResource subjectAccessReviews(Authorizer authorizer) {
        return new SubjectReview(authorizer, false);
    }

    @Bean
    public ReadOnlyResource localSubjectAccessReviews(Authorizer authorizer) {
        return new SubjectReview(authorizer, true);
    }

    @Bean
    public ReadOnlyResource selfSubjectAccessReviews(Authorizer authorizer) {
        return new SelfReview(authorizer);
    }

    @Bean
    public ReadOnlyResource selfSubjectRulesReviews(Authorizer authorizer) {
        return new RulesReview(authorizer);
    }

    /** SubjectAccessReview, or LocalSubjectAccessReview, whose namespace is the path's. */
    static final class SubjectReview extends AccessReview {

        private final Authorizer authorizer;
        private final boolean local;

        SubjectReview(Authorizer authorizer, boolean local) {
            this.authorizer = authorizer;
            this.local = local;
        }

        @Override
        public String plural() {
            return local ? "localsubjectaccessreviews" : "subjectaccessreviews";
        }

        @Override
        public String kind() {
            return local ? "LocalSubjectAccessReview" : "SubjectAccessReview";
        }

        @Override
        public boolean namespaced() {
            return local;
        }

        @Override
        public Map<String, Object> create(String namespace, Map<String, Object> review, UserInfo caller) {
            Map<String, Object> spec = map(review.get("spec"));
            if (local) {
                Map<String, Object> meta = new LinkedHashMap<>(map(review.get("metadata")));
                String given = text(meta, "namespace");
                if (!given.isEmpty() && !given.equals(namespace)) {
                    throw Errors.badRequest("the namespace of the provided object does not match the namespace sent "
                            + "on the request");
                }
                meta.put("namespace", namespace);
                review.put("metadata", meta);
            }
            // kube's ValidateSubjectAccessReview and ValidateLocalSubjectAccessReview, in their order: the spec,
            // the metadata, then what a namespace's review may not ask
            List<FieldError> errs = new ArrayList<>(validateAttributes(spec));
            if (text(spec, "user").isEmpty() && strings(spec.get("groups")).isEmpty()) {
                errs.add(FieldError.invalid("spec.user", "", "at least one of user or group must be specified"));
            }
            if (!metadataEmpty(review, local ? "namespace" : null)) {
                errs.add(FieldError.invalid("metadata", FieldError.OMIT,
                        local ? "must be empty except for namespace" : "must be empty"));
            }
            if (local && spec.get("resourceAttributes") instanceof Map<?, ?> attributes) {
                String asked = text(map(attributes), "namespace");
                if (!asked.equals(namespace)) {
                    errs.add(FieldError.invalid("spec.resourceAttributes.namespace", asked,
                            "must match metadata.namespace"));
                }
            }
            if (local && spec.get("nonResourceAttributes") instanceof Map<?, ?> attributes) {
                errs.add(FieldError.invalid("spec.nonResourceAttributes", new NonResourceValue(
                        text(map(attributes), "path"), text(map(attributes), "verb")),
                        "disallowed on this kind of request"));
            }
            if (!errs.isEmpty()) {
                throw Errors.invalid(kind() + "." + GROUP, kind(), GROUP, "", errs);
            }
            UserInfo subject = new UserInfo(text(spec, "user"), text(spec, "uid"), strings(spec.get("groups")),
                    extra(spec.get("extra")));
            return answered(review, authorizer.authorize(attributes(subject, spec)));
        }
    }

    /** SelfSubjectAccessReview: the caller's own access. */
    static final class SelfReview extends AccessReview {

        private final Authorizer authorizer;

        SelfReview(Authorizer authorizer) {
            this.authorizer = authorizer;
        }

        @Override
        public String plural() {
            return "selfsubjectaccessreviews";
        }

        @Override
        public String kind() {
            return "SelfSubjectAccessReview";
        }

        @Override
        public boolean namespaced() {
            return false;
        }

        @Override
        public Map<String, Object> create(String namespace, Map<String, Object> review, UserInfo caller) {
            Map<String, Object> spec = map(review.get("spec"));
            List<FieldError> errs = new ArrayList<>();
            if (!metadataEmpty(review, null)) {
                errs.add(FieldError.invalid("metadata", FieldError.OMIT, "must be empty"));
            }
            errs.addAll(validateAttributes(spec));
            if (!errs.isEmpty()) {
                throw Errors.invalid(kind() + "." + GROUP, kind(), GROUP, "", errs);
            }
            return answered(review, authorizer.authorize(attributes(caller, spec)));
        }
    }

    /** SelfSubjectRulesReview: the rules the caller holds in a namespace; every rule when nothing is checked. */
    static final class RulesReview extends AccessReview {

        private final Authorizer authorizer;

        RulesReview(Authorizer authorizer) {
            this.authorizer = authorizer;
        }

        @Override
        public String plural() {
            return "selfsubjectrulesreviews";
        }

        @Override
        public String kind() {
            return "SelfSubjectRulesReview";
        }

        @Override
        public boolean namespaced() {
            return false;
        }

        @Override
        public Map<String, Object> create(String namespace, Map<String, Object> review, UserInfo caller) {
            Map<String, Object> spec = map(review.get("spec"));
            String ns = text(spec, "namespace");
            if (ns.isEmpty()) {
                throw Errors.badRequest("no namespace on request");
            }
            List<Map<String, Object>> resourceRules = new ArrayList<>();
            List<Map<String, Object>> nonResourceRules = new ArrayList<>();
            Map<String, Object> status = new LinkedHashMap<>();
            if (authorizer instanceof RbacAuthorizer rbac) {
                RuleResolver.Rules rules = rbac.rulesFor(caller, ns);
                for (PolicyRule rule : rules.rules()) {
                    if (!PolicyRules.list(rule.getResources()).isEmpty()) {
                        Map<String, Object> r = new LinkedHashMap<>();
                        r.put("verbs", PolicyRules.list(rule.getVerbs()));
                        putIfAny(r, "apiGroups", rule.getApiGroups());
                        putIfAny(r, "resources", rule.getResources());
                        putIfAny(r, "resourceNames", rule.getResourceNames());
                        resourceRules.add(r);
                    }
                    if (!PolicyRules.list(rule.getNonResourceURLs()).isEmpty()) {
                        Map<String, Object> r = new LinkedHashMap<>();
                        r.put("verbs", PolicyRules.list(rule.getVerbs()));
                        r.put("nonResourceURLs", rule.getNonResourceURLs());
                        nonResourceRules.add(r);
                    }
                }
                status.put("resourceRules", resourceRules);
                status.put("nonResourceRules", nonResourceRules);
                status.put("incomplete", false);
                if (!rules.errors().isEmpty()) {
                    status.put("evaluationError", rules.errorText());
                }
            } else {
                // kube's AlwaysAllow authorizer answers that everything is allowed
                resourceRules.add(Map.of("verbs", List.of("*"), "apiGroups", List.of("*"), "resources",
                        List.of("*")));
                nonResourceRules.add(Map.of("verbs", List.of("*"), "nonResourceURLs", List.of("*")));
                status.put("resourceRules", resourceRules);
                status.put("nonResourceRules", nonResourceRules);
                status.put("incomplete", false);
            }
            return withStatus(review, status);
        }

        private static void putIfAny(Map<String, Object> rule, String key, List<String> values) {
            if (values != null && !values.isEmpty()) {
                rule.put(key, values);
            }
        }
    }

    /** Non-resource attributes as kube's field error prints them, Go's %#v of the internal struct. */
    private record NonResourceValue(String path, String verb) {

        @Override
        public String toString() {
            return "authorization.NonResourceAttributes{Path:" + GoQuote.quote(path) + ", Verb:" + GoQuote.quote(verb)
                    + "}";
        }
    }
}
