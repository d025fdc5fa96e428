package io.kubeling.api;

import java.io.IOException;
import java.util.List;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;

import io.fabric8.kubernetes.api.model.StatusDetails;
import io.kubeling.registry.Authorizer;
import io.kubeling.registry.CurrentUser;
import io.kubeling.registry.Errors;
import io.kubeling.registry.GroupResource;
import io.kubeling.registry.StatusException;
import io.kubeling.registry.UserInfo;

/**
 * kube's WithAuthorization: every request, once authentication has set its user ({@link RequestUser}), is put
 * to the authorizer as the attributes its method and path make ({@link RequestInfo}); a request the authorizer
 * does not allow is answered 403 with kube's message. The user is also the registry's {@link CurrentUser} while
 * the request is served, for checks that depend on who writes.
 */
@Component
// after EdgeFilter (its query-string parameters) and after authentication, which sets the request's user
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
class AuthorizationFilter extends ApiFilter {

    private final Authorizer authorizer;
    private final ResponseWriter writer;

    AuthorizationFilter(Authorizer authorizer, ResponseWriter writer) {
        this.authorizer = authorizer;
        this.writer = writer;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        UserInfo user = RequestUser.of(request);
        if (authorizer == Authorizer.ALWAYS_ALLOW) {
            annotate(request, "allow", "");
        } else {
            RequestInfo info = RequestInfo.of(request);
            Authorizer.Decision decision = authorizer.authorize(info.attributes(user));
            annotate(request, decision.allowed() ? "allow" : "forbid", decision.reason());
            if (!decision.allowed()) {
                forbid(request, response, forbidden(info, user, decision.reason()));
                return;
            }
        }
        try (CurrentUser.Scope scope = CurrentUser.open(user)) {
            chain.doFilter(request, response);
        }
    }

    private static void annotate(HttpServletRequest request, String decision, String reason) {
        AuditFilter.annotate(request, "authorization.k8s.io/decision", decision);
        AuditFilter.annotate(request, "authorization.k8s.io/reason", reason == null ? "" : reason);
    }

    /** responsewriters.Forbidden: what the user cannot do, and the authorizer's reason after a colon if it gave one. */
    static StatusException forbidden(RequestInfo info, UserInfo user, String reason) {
        String message;
        if (!info.resourceRequest()) {
            message = "User \"" + user.name() + "\" cannot " + info.verb() + " path \"" + info.path() + "\"";
        } else {
            String resource = info.subresource().isEmpty() ? info.resource()
                    : info.resource() + "/" + info.subresource();
            message = "User \"" + user.name() + "\" cannot " + info.verb() + " resource \"" + resource
                    + "\" in API group \"" + info.apiGroup() + "\""
                    + (info.namespace().isEmpty() ? " at the cluster scope"
                            : " in the namespace \"" + info.namespace() + "\"");
        }
        if (reason != null && !reason.isEmpty()) {
            message = message + ": " + reason;
        }
        if (!info.resourceRequest() || info.resource().isEmpty()) {
            return Errors.error(403, "Forbidden", "forbidden: " + message, new StatusDetails());
        }
        return Errors.forbidden(new GroupResource(info.apiGroup(), info.resource()), info.name(), message);
    }

    private void forbid(HttpServletRequest request, HttpServletResponse response, StatusException e)
            throws IOException {
        ResponseEntity<byte[]> answer = writer.writeLenient(request, new ApiResponse(403, e.status(), List.of()));
        ResponseWriter.head(response, answer);
        response.setHeader("X-Content-Type-Options", "nosniff");
        byte[] body = answer.getBody();
        if (body != null) {
            response.getOutputStream().write(body);
        }
    }
}
