package io.kubeling.api;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;

import io.kubeling.registry.Errors;
import io.kubeling.registry.UserInfo;
import io.kubeling.registry.authentication.Authenticators;
import io.kubeling.registry.authentication.InvalidCredential;

/**
 * kube-apiserver's WithAuthentication: the client certificate, else the bearer token, names the request's user
 * ({@link RequestUser}). A credential that does not hold gets 401 {@code Unauthorized}, even where anonymous
 * requests are let in, audited as kube's WithFailedAuthenticationAudit audits it. Without credentials a request on
 * the secure port is {@code system:anonymous} (or 401 when anonymous access is off), and one on the plain loopback
 * port is the admin, as it always was.
 */
@Component
// after EdgeFilter, before impersonation and authorization
@Order(Ordered.HIGHEST_PRECEDENCE + 2)
class AuthenticationFilter extends ApiFilter {

    private static final Logger log = LoggerFactory.getLogger(AuthenticationFilter.class);
    static final String CERTIFICATES = "jakarta.servlet.request.X509Certificate";

    private final Authenticators authenticators;
    private final Codecs codecs;
    private final AuditFilter audit;

    AuthenticationFilter(Authenticators authenticators, Codecs codecs, AuditFilter audit) {
        this.authenticators = authenticators;
        this.codecs = codecs;
        this.audit = audit;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        UserInfo user;
        try {
            user = authenticate(request);
        } catch (InvalidCredential e) {
            // the reason stays in the log, as kube's; the client learns only that it is not let in
            log.debug("authentication of {} {} failed: {}", request.getMethod(), request.getRequestURI(),
                    e.getMessage());
            unauthorized(request, response);
            return;
        }
        if (user == null) {
            unauthorized(request, response);
            return;
        }
        RequestUser.set(request, user);
        chain.doFilter(request, response);
    }

    /** The user, or null when the request must be refused for want of credentials. */
    private UserInfo authenticate(HttpServletRequest request) {
        InvalidCredential failed = null;
        if (request.getAttribute(CERTIFICATES) instanceof X509Certificate[] chain && chain.length > 0) {
            try {
                UserInfo user = authenticators.certificate(chain);
                if (user != null) {
                    return user;
                }
            } catch (InvalidCredential e) {
                // kube's union goes on to the token, and fails with this only when nothing else vouches
                failed = e;
            }
        }
        String token = bearer(request.getHeader(HttpHeaders.AUTHORIZATION));
        if (token != null) {
            return authenticators.token(token, null);
        }
        if (failed != null) {
            throw failed;
        }
        if (!request.isSecure()) {
            return UserInfo.ADMIN;
        }
        return authenticators.anonymousAllowed() ? UserInfo.ANONYMOUS : null;
    }

    /** kube's bearertoken authenticator: {@code Bearer <token>}, the scheme in any case; anything else is no token. */
    static String bearer(String header) {
        if (header == null) {
            return null;
        }
        String[] parts = header.trim().split(" ", 3);
        if (parts.length < 2 || !parts[0].toLowerCase(Locale.ROOT).equals("bearer") || parts[1].isEmpty()) {
            return null;
        }
        return parts[1];
    }

    /** kube's getAuthMethods: what the client tried, for the audit event of its 401. */
    static String attemptedMethods(HttpServletRequest request) {
        List<String> methods = new ArrayList<>();
        String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
        String scheme = authorization == null ? "" : authorization.strip().split(" ", -1)[0];
        if (scheme.equalsIgnoreCase("basic") && basicCredentials(authorization.strip())) {
            methods.add("basic");
        }
        if (authorization != null && authorization.strip().split(" ", -1).length > 1
                && scheme.equalsIgnoreCase("bearer")) {
            methods.add("bearer");
        }
        String accessToken = request.getParameter("access_token");
        if (accessToken != null && !accessToken.isBlank()) {
            methods.add("access_token");
        }
        if (request.getAttribute(CERTIFICATES) instanceof X509Certificate[] chain && chain.length > 0) {
            methods.add("x509");
        }
        return methods.isEmpty() ? "Authentication failed, no credentials provided"
                : "Authentication failed, attempted: " + String.join(", ", methods);
    }

    /** Go's Request.BasicAuth: {@code Basic <base64 of user:password>}. */
    private static boolean basicCredentials(String authorization) {
        if (authorization.length() < 6) {
            return false;
        }
        try {
            return new String(Base64.getDecoder().decode(authorization.substring(6)), StandardCharsets.ISO_8859_1)
                    .contains(":");
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private void unauthorized(HttpServletRequest request, HttpServletResponse response) throws IOException {
        audit.failedAuthentication(request, response, attemptedMethods(request));
        response.setStatus(401);
        response.setContentType(WireFormat.JSON.mediaType());
        response.getOutputStream().write(codecs.write(Errors.error(401, "Unauthorized", "Unauthorized", null)
                .status(), WireFormat.JSON, false));
    }
}
