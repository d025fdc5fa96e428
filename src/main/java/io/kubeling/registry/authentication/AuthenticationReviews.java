package io.kubeling.registry.authentication;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.kubeling.registry.CreateOnlyResource;
import io.kubeling.registry.Errors;
import io.kubeling.registry.ReadOnlyResource;
import io.kubeling.registry.UserInfo;

/**
 * {@code authentication.k8s.io/v1}'s two resources that answer a create and store nothing: TokenReview, which says
 * whom a token authenticates (for webhook authenticators and proxies), and SelfSubjectReview, which says who the
 * caller is ({@code kubectl auth whoami}).
 */
@Configuration(proxyBeanMethods = false)
public class AuthenticationReviews {

    static final String GROUP = "authentication.k8s.io";

    @Bean
    public ReadOnlyResource tokenReviews(Authenticators authenticators) {
        return new TokenReviews(authenticators);
    }

    @Bean
    public ReadOnlyResource selfSubjectReviews() {
        return new SelfSubjectReviews();
    }

    /** What both share: cluster-scoped, create only. */
    abstract static class Review extends CreateOnlyResource {

        @Override
        public String group() {
            return GROUP;
        }

        @Override
        public String version() {
            return "v1";
        }

        @Override
        public boolean namespaced() {
            return false;
        }

        static Map<String, Object> answered(Map<String, Object> review, Map<String, Object> status) {
            Map<String, Object> out = new LinkedHashMap<>(review);
            Map<String, Object> metadata = review.get("metadata") instanceof Map<?, ?> m
                    ? new LinkedHashMap<>(cast(m)) : new LinkedHashMap<>();
            metadata.putIfAbsent("creationTimestamp", null);
            out.put("metadata", metadata);
            out.put("status", status);
            return out;
        }

        @SuppressWarnings("unchecked")
        private static Map<String, Object> cast(Map<?, ?> m) {
            return (Map<String, Object>) m;
        }
    }

    static final class TokenReviews extends Review {

        private final Authenticators authenticators;

        TokenReviews(Authenticators authenticators) {
            this.authenticators = authenticators;
        }

        @Override
        public String plural() {
            return "tokenreviews";
        }

        @Override
        public String kind() {
            return "TokenReview";
        }

        @Override
        public Map<String, Object> create(String namespace, Map<String, Object> review, UserInfo caller) {
            Map<?, ?> spec = review.get("spec") instanceof Map<?, ?> m ? m : Map.of();
            String token = spec.get("token") instanceof String t ? t : "";
            if (token.isEmpty()) {
                throw Errors.badRequest("token is required for TokenReview in authentication");
            }
            List<String> audiences = new ArrayList<>();
            if (spec.get("audiences") instanceof List<?> list) {
                list.forEach(a -> audiences.add(String.valueOf(a)));
            }
            Map<String, Object> status = new LinkedHashMap<>();
            try {
                UserInfo user = authenticators.token(token, audiences);
                status.put("authenticated", true);
                status.put("user", user(user));
                status.put("audiences", audiences.isEmpty()
                        ? authenticators.serviceAccountTokens().apiAudiences() : audiences);
            } catch (InvalidCredential e) {
                status.put("user", Map.of());
                status.put("error", "[invalid bearer token, " + e.getMessage() + "]");
            }
            return answered(review, status);
        }
    }

    static final class SelfSubjectReviews extends Review {

        @Override
        public String plural() {
            return "selfsubjectreviews";
        }

        @Override
        public String kind() {
            return "SelfSubjectReview";
        }

        @Override
        public Map<String, Object> create(String namespace, Map<String, Object> review, UserInfo caller) {
            return answered(review, Map.of("userInfo", user(caller)));
        }
    }

    /** authentication/v1 UserInfo: empty fields left out, as Go's omitempty. */
    static Map<String, Object> user(UserInfo user) {
        Map<String, Object> info = new LinkedHashMap<>();
        info.put("username", user.name());
        if (!user.uid().isEmpty()) {
            info.put("uid", user.uid());
        }
        if (!user.groups().isEmpty()) {
            info.put("groups", user.groups());
        }
        if (!user.extra().isEmpty()) {
            info.put("extra", new TreeMap<>(user.extra()));
        }
        return info;
    }
}
