package io.kubeling.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

import io.kubeling.config.AuthenticationProperties;
import io.kubeling.config.KubelingProperties;
import io.kubeling.config.ServiceNetworkProperties;
import io.kubeling.config.TlsProperties;
import io.kubeling.registry.ObjectCodec;
import io.kubeling.registry.UserInfo;
import io.kubeling.registry.authentication.Authenticators;
import io.kubeling.registry.authentication.ClusterPki;
import io.kubeling.registry.authentication.Pem;
import tools.jackson.databind.json.JsonMapper;

/**
 * Who a request is before anything else looks at it, as kube's WithAuthentication decides: a credential that does
 * not hold is refused with kube's 401 even where anonymous requests are let in; no credential on the secure port is
 * {@code system:anonymous}, or 401 with {@code --anonymous-auth=false}; on the plain loopback port it is the admin.
 */
class AuthenticationFilterTest {

    private static final String UNAUTHORIZED = "{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"metadata\":{},"
            + "\"status\":\"Failure\",\"message\":\"Unauthorized\",\"reason\":\"Unauthorized\",\"code\":401}";

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @TempDir
    Path dir;

    private AuthenticationFilter filter(boolean anonymous) throws Exception {
        Path tokens = Files.writeString(dir.resolve("tokens.csv"), "s3cret,jane,1001,devs\n");
        ClusterPki pki = pki(dir.resolve("pki-" + anonymous));
        return new AuthenticationFilter(new Authenticators(pki, new AuthenticationProperties(anonymous, tokens,
                "https://kubernetes.default.svc.cluster.local", null, null, false), null, Clock.systemUTC()),
                new Codecs(new ObjectCodec()), new AuditFilter(null, null, Clock.systemUTC(), 1024));
    }

    /** The cluster's keys, made now: with TLS off no thread of their own makes a serving certificate. */
    private static ClusterPki pki(Path directory) {
        ClusterPki pki = new ClusterPki(new KubelingProperties(directory, "127.0.0.1", 0, false, null, null, null, null,
                "v1.32.4", null, null, null), new TlsProperties(false, 0, true, null, null, null),
                new ServiceNetworkProperties("10.96.0.0/12", "30000-32767", List.of()), Clock.systemUTC());
        pki.ca();
        return pki;
    }

    /** The user the request went on as, or null when it was answered here. */
    private static UserInfo run(AuthenticationFilter filter, MockHttpServletRequest request,
            MockHttpServletResponse response) throws Exception {
        UserInfo[] user = new UserInfo[1];
        filter.doFilter(request, response, (req, res) -> user[0] = RequestUser.of(request));
        return user[0];
    }

    private static MockHttpServletRequest request(boolean secure, String authorization) {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/api/v1/namespaces");
        request.setSecure(secure);
        if (authorization != null) {
            request.addHeader("Authorization", authorization);
        }
        return request;
    }

    @Test
    void withoutCredentialsTheSecurePortIsAnonymousUnlessThatIsOffAndThePlainPortIsTheAdmin() throws Exception {
        MockHttpServletResponse response = new MockHttpServletResponse();
        assertThat(run(filter(true), request(true, null), response)).isEqualTo(UserInfo.ANONYMOUS);

        MockHttpServletResponse refused = new MockHttpServletResponse();
        assertThat(run(filter(false), request(true, null), refused)).isNull();
        assertThat(refused.getStatus()).isEqualTo(401);
        assertThat(JSON.readTree(refused.getContentAsString())).isEqualTo(JSON.readTree(UNAUTHORIZED));

        assertThat(run(filter(false), request(false, null), new MockHttpServletResponse())).isEqualTo(UserInfo.ADMIN);
    }

    @Test
    void aCredentialThatDoesNotHoldIsRefusedEvenWhereAnonymousRequestsAreLetIn() throws Exception {
        AuthenticationFilter filter = filter(true);
        assertThat(run(filter, request(true, "Bearer s3cret"), new MockHttpServletResponse()).name()).isEqualTo("jane");
        for (String bad : List.of("Bearer nope", "Bearer a.b.c", "Bearer " + "x".repeat(100_000),
                "Bearer eyJhbGciOiJub25lIn0.eyJpc3MiOiJodHRwczovL2t1YmVybmV0ZXMuZGVmYXVsdC5zdmMuY2x1c3Rlci5sb2NhbCJ9.")) {
            for (boolean secure : List.of(true, false)) {
                MockHttpServletResponse response = new MockHttpServletResponse();
                assertThat(run(filter, request(secure, bad), response)).as(bad).isNull();
                assertThat(response.getStatus()).isEqualTo(401);
                assertThat(JSON.readTree(response.getContentAsString())).isEqualTo(JSON.readTree(UNAUTHORIZED));
            }
        }
        // a certificate of another CA, with no token beside it
        ClusterPki other = pki(dir.resolve("other"));
        ClusterPki.ClientCredential forged = other.issueClient("kubernetes-admin", List.of("system:masters"));
        MockHttpServletRequest certified = request(true, null);
        certified.setAttribute(AuthenticationFilter.CERTIFICATES,
                Pem.certificates(forged.certificatePem()).toArray(X509Certificate[]::new));
        MockHttpServletResponse response = new MockHttpServletResponse();
        assertThat(run(filter, certified, response)).isNull();
        assertThat(response.getStatus()).isEqualTo(401);
        // kube's union of authenticators goes on to the token, which vouches
        certified.addHeader("Authorization", "Bearer s3cret");
        assertThat(run(filter, certified, new MockHttpServletResponse()).name()).isEqualTo("jane");
    }
}
