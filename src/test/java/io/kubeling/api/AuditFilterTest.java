package io.kubeling.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.StringWriter;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

import io.kubeling.audit.AuditLog;
import io.kubeling.audit.AuditPolicy;
import io.kubeling.registry.UserInfo;

class AuditFilterTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-07T00:00:00Z"), ZoneOffset.UTC);
    private static final AuditPolicy POLICY = AuditPolicy.parse("""
            apiVersion: audit.k8s.io/v1
            kind: Policy
            rules:
              - level: None
                users: ["quiet"]
              - level: Metadata
                omitStages: ["RequestReceived"]
            """);

    @Test
    void withoutALogOnlyTheAuditIdIsSet() throws Exception {
        MockHttpServletResponse response = new MockHttpServletResponse();
        new AuditFilter(null, null, CLOCK, 1024).doFilter(request("GET", "/version"), response, new MockFilterChain());
        assertThat(response.getHeader("Audit-Id")).matches("[0-9a-f-]{36}");
    }

    @Test
    void theAuthorizersDecisionAndAnImpersonatedUserAreInTheEvent() throws Exception {
        StringWriter out = new StringWriter();
        AuditLog log = AuditLog.to(out, 16);
        MockHttpServletRequest request = request("DELETE", "/api/v1/namespaces/ns/pods/p");
        UserInfo bob = new UserInfo("bob", "", List.of("system:authenticated"), Map.of());
        new AuditFilter(POLICY, log, CLOCK, 1024).doFilter(request, new MockHttpServletResponse(),
                (req, res) -> {
                    AuditFilter.annotate(request, "authorization.k8s.io/decision", "forbid");
                    RequestUser.set(request, bob);
                    ((jakarta.servlet.http.HttpServletResponse) res).setStatus(403);
                });
        log.close();
        List<String> lines = Arrays.asList(out.toString().split("\n"));
        assertThat(lines).hasSize(1);
        assertThat(lines.get(0)).contains("\"stage\":\"ResponseComplete\"", "\"verb\":\"delete\"",
                "\"impersonatedUser\":{\"username\":\"bob\"", "\"code\":403",
                "\"annotations\":{\"authorization.k8s.io/decision\":\"forbid\"}");
    }

    @Test
    void aFailingHandlerIsLoggedAtPanic() throws Exception {
        StringWriter out = new StringWriter();
        AuditLog log = AuditLog.to(out, 16);
        AuditFilter filter = new AuditFilter(POLICY, log, CLOCK, 1024);
        assertThatThrownBy(() -> filter.doFilter(request("GET", "/api/v1/pods"), new MockHttpServletResponse(),
                (req, res) -> {
                    throw new IllegalStateException("boom");
                })).isInstanceOf(IllegalStateException.class);
        log.close();
        assertThat(out.toString()).contains("\"stage\":\"Panic\"", "\"code\":500", "APIServer panic'd");
    }

    @Test
    void aRequestThePolicyDoesNotLogWritesNothing() throws Exception {
        StringWriter out = new StringWriter();
        AuditLog log = AuditLog.to(out, 16);
        MockHttpServletRequest request = request("GET", "/api/v1/pods");
        RequestUser.set(request, new UserInfo("quiet", "", List.of(), Map.of()));
        new AuditFilter(POLICY, log, CLOCK, 1024).doFilter(request, new MockHttpServletResponse(),
                new MockFilterChain());
        log.close();
        assertThat(out.toString()).isEmpty();
    }

    @Test
    void aFailedAuthenticationIsOneResponseStartedEventWithNoUserAndTheMethodsTried() throws Exception {
        StringWriter out = new StringWriter();
        AuditLog log = AuditLog.to(out, 16);
        AuditFilter filter = new AuditFilter(AuditPolicy.parse("""
                apiVersion: audit.k8s.io/v1
                kind: Policy
                rules:
                  - level: None
                    namespaces: ["quiet"]
                  - level: RequestResponse
                """), log, CLOCK, 1024);
        MockHttpServletRequest bearer = request("GET", "/api/v1/namespaces/default/pods");
        bearer.addHeader("Authorization", "Bearer nope");
        bearer.addHeader("Audit-Id", "given-id");
        MockHttpServletResponse response = new MockHttpServletResponse();
        filter.failedAuthentication(bearer, response, AuthenticationFilter.attemptedMethods(bearer));
        assertThat(response.getHeader("Audit-Id")).isEqualTo("given-id");
        MockHttpServletRequest nothing = request("GET", "/api/v1/namespaces/quiet/pods");
        MockHttpServletResponse quiet = new MockHttpServletResponse();
        filter.failedAuthentication(nothing, quiet, AuthenticationFilter.attemptedMethods(nothing));
        assertThat(quiet.getHeader("Audit-Id")).matches("[0-9a-f-]{36}");
        log.close();
        assertThat(out.toString()).isEqualTo("""
                {"kind":"Event","apiVersion":"audit.k8s.io/v1","level":"RequestResponse","auditID":"given-id",\
                "stage":"ResponseStarted","requestURI":"/api/v1/namespaces/default/pods","verb":"list","user":{},\
                "sourceIPs":["10.0.0.7"],"objectRef":{"resource":"pods","namespace":"default","apiVersion":"v1"},\
                "responseStatus":{"metadata":{},"message":"Authentication failed, attempted: bearer","code":401},\
                "requestReceivedTimestamp":"2026-12-07T00:00:00.000000Z","stageTimestamp":"2026-12-07T00:00:00.000000Z"}
                """);
    }

    @Test
    void theMethodsAFailedAuthenticationTriedAreNamedAsKubeNamesThem() {
        MockHttpServletRequest none = request("GET", "/api");
        assertThat(AuthenticationFilter.attemptedMethods(none))
                .isEqualTo("Authentication failed, no credentials provided");
        MockHttpServletRequest basic = request("GET", "/api");
        basic.addHeader("Authorization", "Basic " + java.util.Base64.getEncoder().encodeToString("u:p".getBytes()));
        basic.setAttribute(AuthenticationFilter.CERTIFICATES, new java.security.cert.X509Certificate[1]);
        assertThat(AuthenticationFilter.attemptedMethods(basic))
                .isEqualTo("Authentication failed, attempted: basic, x509");
        MockHttpServletRequest both = request("GET", "/api");
        both.addHeader("Authorization", "bearer x");
        both.setParameter("access_token", "y");
        assertThat(AuthenticationFilter.attemptedMethods(both))
                .isEqualTo("Authentication failed, attempted: bearer, access_token");
        MockHttpServletRequest bare = request("GET", "/api");
        bare.addHeader("Authorization", "Bearer");
        assertThat(AuthenticationFilter.attemptedMethods(bare))
                .isEqualTo("Authentication failed, no credentials provided");
    }

    private static MockHttpServletRequest request(String method, String path) {
        MockHttpServletRequest request = new MockHttpServletRequest(method, path);
        request.setRemoteAddr("10.0.0.7");
        return request;
    }

    @Test
    void newAuditIdsAreRandomVersion4Uuids() {
        java.util.Set<String> ids = new java.util.HashSet<>();
        for (int i = 0; i < 1000; i++) {
            String id = AuditFilter.newAuditId();
            java.util.UUID uuid = java.util.UUID.fromString(id);
            assertThat(uuid.version()).isEqualTo(4);
            assertThat(uuid.variant()).isEqualTo(2);
            assertThat(id).matches("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
            ids.add(id);
        }
        assertThat(ids).hasSize(1000);
    }
}
