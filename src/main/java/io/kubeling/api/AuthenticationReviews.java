package io.kubeling.api;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RestController;

import io.kubeling.registry.Errors;
import io.kubeling.registry.UserInfo;
import io.kubeling.registry.authentication.Authenticators;
import io.kubeling.registry.authentication.InvalidCredential;
import io.swagger.v3.oas.annotations.Hidden;
import tools.jackson.databind.JsonNode;

/**
 * {@code authentication.k8s.io/v1}'s two create-only resources, stored nowhere: TokenReview, which says whom a token
 * authenticates (for webhook authenticators and proxies), and SelfSubjectReview, which says who the caller is
 * ({@code kubectl auth whoami}).
 */
@RestController
@Hidden
class AuthenticationReviews {

    static final String GROUP_VERSION = "authentication.k8s.io/v1";

    private final Authenticators authenticators;
    private final RequestBody bodies;
    private final ResponseWriter writer;

    AuthenticationReviews(Authenticators authenticators, RequestBody bodies, ResponseWriter writer) {
        this.authenticators = authenticators;
        this.bodies = bodies;
        this.writer = writer;
    }

    @RequestMapping(path = "/apis/authentication.k8s.io/v1/tokenreviews", method = {RequestMethod.GET,
            RequestMethod.POST, RequestMethod.PUT, RequestMethod.PATCH, RequestMethod.DELETE})
    ResponseEntity<byte[]> tokenReview(HttpServletRequest request) {
        JsonNode body = body(request, "TokenReview");
        JsonNode spec = body.path("spec");
        String token = spec.path("token").asString("");
        if (token.isEmpty()) {
            throw Errors.badRequest("token is required for TokenReview in authentication");
        }
        List<String> audiences = spec.path("audiences").isArray()
                ? spec.path("audiences").valueStream().map(a -> a.asString("")).toList() : List.of();
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
        Map<String, Object> specOut = new LinkedHashMap<>();
        specOut.put("token", token);
        if (!audiences.isEmpty()) {
            specOut.put("audiences", audiences);
        }
        return created(request, "TokenReview", specOut, status);
    }

    @RequestMapping(path = "/apis/authentication.k8s.io/v1/selfsubjectreviews", method = {RequestMethod.GET,
            RequestMethod.POST, RequestMethod.PUT, RequestMethod.PATCH, RequestMethod.DELETE})
    ResponseEntity<byte[]> selfSubjectReview(HttpServletRequest request) {
        body(request, "SelfSubjectReview");
        return created(request, "SelfSubjectReview", null, Map.of("userInfo", user(RequestUser.of(request))));
    }

    private JsonNode body(HttpServletRequest request, String kind) {
        if (!request.getMethod().equals("POST")) {
            throw Errors.methodNotAllowed();
        }
        JsonNode body = bodies.tree(bodies.read(request), request.getHeader(HttpHeaders.CONTENT_TYPE),
                FieldValidation.IGNORE);
        String apiVersion = body.path("apiVersion").asString("");
        String bodyKind = body.path("kind").asString("");
        if ((!apiVersion.isEmpty() && !apiVersion.equals(GROUP_VERSION)) || (!bodyKind.isEmpty()
                && !bodyKind.equals(kind))) {
            throw Errors.badRequest("the API version in the data (" + apiVersion + ") does not match the expected"
                    + " API version (" + GROUP_VERSION + ")");
        }
        return body;
    }

    private ResponseEntity<byte[]> created(HttpServletRequest request, String kind, Map<String, Object> spec,
            Map<String, Object> status) {
        Map<String, Object> review = new LinkedHashMap<>();
        review.put("kind", kind);
        review.put("apiVersion", GROUP_VERSION);
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("creationTimestamp", null);
        review.put("metadata", metadata);
        if (spec != null) {
            review.put("spec", spec);
        }
        review.put("status", status);
        return writer.writeResource(request, new ApiResponse(201, review, List.of()));
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
            info.put("extra", new java.util.TreeMap<>(user.extra()));
        }
        return info;
    }
}
