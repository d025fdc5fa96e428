package io.kubeling.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.util.FileSystemUtils;

import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.kubeling.config.KubelingProperties;
import io.kubeling.config.ServiceNetworkProperties;
import io.kubeling.config.TlsProperties;
import io.kubeling.registry.authentication.ClusterPki;
import io.kubeling.registry.authentication.Pem;
import io.kubeling.support.Kubectl;
import io.kubeling.support.SecureServer;
import io.kubeling.support.ServerOfItsOwn;
import io.kubeling.support.TestCsrs;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The secure port end to end, on the shared server with TLS and RBAC on: kubectl and fabric8 on the written kubeconfig
 * (HTTPS, the cluster CA, the admin's client certificate), service-account tokens from {@code kubectl create token},
 * the static token file, impersonation, anonymous requests, and 401s for credentials that do not hold.
 */
@ExtendWith(SecureServer.Resolver.class)
@ServerOfItsOwn
class SecurePortTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static Path dataDir;
    private static SecureServer server;
    private static Kubectl kubectl;
    private static int securePort;
    private static int plainPort;
    private static X509Certificate ca;
    private static HttpClient https;
    /** The admin's client certificate, as the written kubeconfig holds one. */
    private static HttpClient admin;

    @BeforeAll
    static void start(SecureServer secure) throws Exception {
        server = secure;
        dataDir = secure.dataDir();
        plainPort = secure.plainPort();
        securePort = secure.securePort();
        kubectl = new Kubectl(secure.kubeconfig(), "kubectl");
        ca = (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(Files.readAllBytes(dataDir.resolve("pki/ca.crt"))));
        https = client(null);
        ClusterPki.ClientCredential credential = server.context().getBean(ClusterPki.class)
                .issueClient("kubernetes-admin", List.of("system:masters"));
        admin = client(credential.keyPem() + credential.certificatePem());
    }

    /** An HTTPS client trusting the cluster CA, presenting {@code identity} (a PEM key and certificate) if given. */
    private static HttpClient client(String identityPem) throws Exception {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("ca", ca);
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        SSLContext context = SSLContext.getInstance("TLS");
        javax.net.ssl.KeyManager[] keyManagers = null;
        if (identityPem != null) {
            KeyStore keys = KeyStore.getInstance("PKCS12");
            keys.load(null, null);
            List<X509Certificate> chain = Pem.certificates(identityPem);
            keys.setKeyEntry("me", privateKey(identityPem), new char[0], chain.toArray(X509Certificate[]::new));
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(keys, new char[0]);
            keyManagers = kmf.getKeyManagers();
        }
        context.init(keyManagers, tmf.getTrustManagers(), null);
        return HttpClient.newBuilder().sslContext(context).connectTimeout(Duration.ofSeconds(10)).build();
    }

    private static java.security.PrivateKey privateKey(String pem) throws Exception {
        try (var parser = new org.bouncycastle.openssl.PEMParser(new java.io.StringReader(pem))) {
            for (Object o = parser.readObject(); o != null; o = parser.readObject()) {
                if (o instanceof org.bouncycastle.openssl.PEMKeyPair pair) {
                    return new org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter().getKeyPair(pair).getPrivate();
                }
            }
        }
        throw new IllegalArgumentException("no key");
    }

    private static HttpResponse<String> send(HttpClient client, String method, String url, String body,
            Map<String, String> headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(20))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        headers.forEach(request::header);
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private static String secure(String path) {
        return "https://127.0.0.1:" + securePort + path;
    }

    private static JsonNode whoami(HttpClient client, String base, Map<String, String> headers) throws Exception {
        HttpResponse<String> reply = send(client, "POST", base + "/apis/authentication.k8s.io/v1/selfsubjectreviews",
                "{\"apiVersion\":\"authentication.k8s.io/v1\",\"kind\":\"SelfSubjectReview\"}", headers);
        assertThat(reply.statusCode()).as(reply.body()).isEqualTo(201);
        return JSON.readTree(reply.body()).path("status").path("userInfo");
    }

    @Test
    void aClientOfferingOnlyTls11IsRefusedWithAProtocolVersionAlert() throws Exception {
        // a TLS 1.1 ClientHello written by hand: the JDK's own clients no longer offer 1.1 at all
        java.io.ByteArrayOutputStream hello = new java.io.ByteArrayOutputStream();
        hello.write(new byte[] {3, 2});
        hello.write(new byte[32]);
        hello.write(new byte[] {0, 0, 4, 0, 0x2f, (byte) 0xc0, 0x13, 1, 0});
        byte[] body = hello.toByteArray();
        java.io.ByteArrayOutputStream record = new java.io.ByteArrayOutputStream();
        record.write(new byte[] {0x16, 3, 2, 0, (byte) (body.length + 4), 1, 0, 0, (byte) body.length});
        record.write(body);
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", securePort)) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(record.toByteArray());
            byte[] answer = socket.getInputStream().readNBytes(7);
            // an alert record (21), fatal (2), protocol_version (70): no ServerHello
            assertThat(answer).hasSize(7);
            assertThat(answer[0]).isEqualTo((byte) 21);
            assertThat(answer[5]).isEqualTo((byte) 2);
            assertThat(answer[6]).isEqualTo((byte) 70);
        }
    }

    @Test
    void theServingCertificateNamesEveryAddressOfTheApiAndAClientByNameVerifiesIt() throws Exception {
        X509Certificate serving = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(
                new ByteArrayInputStream(Files.readAllBytes(dataDir.resolve("pki/apiserver.crt"))));
        assertThat(serving.getSubjectAlternativeNames().stream().map(n -> String.valueOf(n.get(1))).toList())
                .contains("localhost", "kubernetes", "kubernetes.default", "kubernetes.default.svc",
                        "kubernetes.default.svc.cluster.local", "127.0.0.1", "10.96.0.1")
                .anyMatch(n -> n.equals("::1") || n.equals("0:0:0:0:0:0:0:1"));
        serving.verify(ca.getPublicKey());
        // the JDK's client checks the name it dialled against the certificate
        assertThat(send(https, "GET", "https://localhost:" + securePort + "/version", null, Map.of()).statusCode())
                .isEqualTo(200);
    }

    @Test
    void onlyStrongCipherSuitesAreAgreedTo() throws Exception {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("ca", ca);
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        SSLContext context = SSLContext.getInstance("TLSv1.2");
        context.init(null, tmf.getTrustManagers(), null);
        // a forward-secret AEAD suite is agreed to; RSA key exchange, CBC with SHA-1 and 3DES are not
        assertThat(handshake(context, "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256")).isNull();
        for (String weak : List.of("TLS_RSA_WITH_AES_128_CBC_SHA", "TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA",
                "TLS_RSA_WITH_AES_256_GCM_SHA384")) {
            assertThat(handshake(context, weak)).as(weak).isEqualTo("Received fatal alert: handshake_failure");
        }
    }

    /** The handshake offering only {@code suite} over TLS 1.2: null when agreed, else why it failed. */
    private static String handshake(SSLContext context, String suite) throws Exception {
        try (javax.net.ssl.SSLSocket socket = (javax.net.ssl.SSLSocket) context.getSocketFactory()
                .createSocket("127.0.0.1", securePort)) {
            socket.setSoTimeout(10_000);
            socket.setEnabledProtocols(new String[] {"TLSv1.2"});
            socket.setEnabledCipherSuites(new String[] {suite});
            socket.startHandshake();
            assertThat(socket.getSession().getCipherSuite()).isEqualTo(suite);
            return null;
        } catch (javax.net.ssl.SSLHandshakeException e) {
            return e.getMessage();
        }
    }

    @Test
    void kubectlWorksOverHttpsWithTheWrittenKubeconfig() throws Exception {
        String kubeconfig = Files.readString(dataDir.resolve("kubeconfig"));
        assertThat(kubeconfig).contains("server: https://127.0.0.1:" + securePort + "\n")
                .contains("certificate-authority-data: ").contains("client-certificate-data: ")
                .doesNotContain("insecure-skip-tls-verify");
        assertThat(kubectl.ok("get", "ns", "default").out()).contains("default").contains("Active");
        assertThat(kubectl.ok("auth", "whoami").out()).containsPattern("Username\\s+kubernetes-admin")
                .containsPattern("Groups\\s+\\[system:masters system:authenticated\\]");
        assertThat(kubectl.ok("auth", "whoami", "--as", "alice", "--as-group", "devs").out())
                .containsPattern("Username\\s+alice").containsPattern("Groups\\s+\\[devs system:authenticated\\]");
    }

    @Test
    void aTokenFromKubectlCreateTokenAuthenticatesAsItsServiceAccountUntilTheAccountGoes() throws Exception {
        kubectl.ok("create", "namespace", "tokens");
        kubectl.ok("-n", "tokens", "create", "serviceaccount", "robot");
        String token = kubectl.ok("-n", "tokens", "create", "token", "robot", "--duration=15m").out().trim();
        Map<String, String> bearer = Map.of("Authorization", "Bearer " + token);

        JsonNode user = whoami(https, secure(""), bearer);
        assertThat(user.path("username").asString()).isEqualTo("system:serviceaccount:tokens:robot");
        assertThat(user.path("groups").toString()).isEqualTo(
                "[\"system:serviceaccounts\",\"system:serviceaccounts:tokens\",\"system:authenticated\"]");
        // the plain loopback port takes the token too
        assertThat(whoami(HttpClient.newHttpClient(), "http://127.0.0.1:" + plainPort, bearer)
                .path("username").asString()).isEqualTo("system:serviceaccount:tokens:robot");
        // kubectl with the token in a kubeconfig of its own, trusting the cluster CA
        Path tokenConfig = dataDir.resolve("robot.kubeconfig");
        Files.writeString(tokenConfig, kubeconfigWithToken(token));
        assertThat(new Kubectl(tokenConfig, "kubectl").ok("auth", "whoami").out())
                .containsPattern("Username\\s+system:serviceaccount:tokens:robot");

        JsonNode review = JSON.readTree(send(admin, "POST",
                secure("/apis/authentication.k8s.io/v1/tokenreviews"),
                "{\"apiVersion\":\"authentication.k8s.io/v1\",\"kind\":\"TokenReview\",\"spec\":{\"token\":\""
                        + token + "\"}}", Map.of()).body());
        assertThat(review.path("status").path("authenticated").asBoolean()).isTrue();
        assertThat(review.path("status").path("user").path("username").asString())
                .isEqualTo("system:serviceaccount:tokens:robot");

        // longer than the server's service-account-max-token-expiration: shortened, with kube's warning
        Kubectl.Result capped = kubectl.ok("-n", "tokens", "create", "token", "robot", "--duration=72h");
        assertThat(capped.err()).isEqualTo("Warning: requested expiration of 259200 seconds shortened to 172800"
                + " seconds\n");
        JsonNode claims = JSON.readTree(Base64.getUrlDecoder().decode(capped.out().trim().split("\\.")[1]));
        assertThat(claims.path("exp").asLong() - claims.path("iat").asLong()).isEqualTo(172800);

        kubectl.ok("-n", "tokens", "delete", "serviceaccount", "robot");
        HttpResponse<String> refused = send(https, "GET", secure("/api/v1/namespaces/tokens/pods"), null, bearer);
        assertThat(refused.statusCode()).isEqualTo(401);
        assertThat(JSON.readTree(refused.body()).path("reason").asString()).isEqualTo("Unauthorized");
    }

    private String kubeconfigWithToken(String token) throws Exception {
        String caData = java.util.Base64.getEncoder().encodeToString(Files.readAllBytes(dataDir.resolve("pki/ca.crt")));
        return """
                apiVersion: v1
                kind: Config
                clusters:
                - name: c
                  cluster: {server: "https://127.0.0.1:%d", certificate-authority-data: %s}
                users:
                - name: u
                  user: {token: %s}
                contexts:
                - name: x
                  context: {cluster: c, user: u}
                current-context: x
                """.formatted(securePort, caData, token);
    }

    @Test
    void theTokenFileAnonymousAccessAndBadCredentials() throws Exception {
        JsonNode jane = whoami(https, secure(""), Map.of("Authorization", "Bearer s3cret-token"));
        assertThat(jane.path("username").asString()).isEqualTo("jane");
        assertThat(jane.path("uid").asString()).isEqualTo("1001");
        assertThat(jane.path("groups").toString()).isEqualTo("[\"devs\",\"qa\",\"system:authenticated\"]");
        // impersonation without the permission to impersonate
        HttpResponse<String> impersonating = send(https, "GET", secure("/api/v1/namespaces"), null,
                Map.of("Authorization", "Bearer s3cret-token", "Impersonate-User", "bob"));
        assertThat(impersonating.statusCode()).isEqualTo(403);
        assertThat(JSON.readTree(impersonating.body()).path("message").asString()).isEqualTo("users \"bob\" is"
                + " forbidden: User \"jane\" cannot impersonate resource \"users\" in API group \"\" at the cluster"
                + " scope");

        // anonymous requests are let in, as system:anonymous, and RBAC gives that user next to nothing
        HttpResponse<String> anonymous = send(https, "POST",
                secure("/apis/authentication.k8s.io/v1/selfsubjectreviews"),
                "{\"apiVersion\":\"authentication.k8s.io/v1\",\"kind\":\"SelfSubjectReview\"}", Map.of());
        assertThat(anonymous.statusCode()).isEqualTo(403);
        assertThat(JSON.readTree(anonymous.body()).path("message").asString()).isEqualTo("selfsubjectreviews"
                + ".authentication.k8s.io is forbidden: User \"system:anonymous\" cannot create resource"
                + " \"selfsubjectreviews\" in API group \"authentication.k8s.io\" at the cluster scope");
        assertThat(send(https, "GET", secure("/version"), null, Map.of()).statusCode()).isEqualTo(200);
        for (String health : List.of("/healthz", "/livez", "/readyz")) {
            assertThat(send(https, "GET", secure(health), null, Map.of()).statusCode()).as(health).isEqualTo(200);
        }
        // discovery is for authenticated users only since kube 1.14
        HttpResponse<String> discovery = send(https, "GET", secure("/api"), null, Map.of());
        assertThat(discovery.statusCode()).isEqualTo(403);
        assertThat(JSON.readTree(discovery.body()).path("message").asString())
                .isEqualTo("forbidden: User \"system:anonymous\" cannot get path \"/api\"");
        // without credentials the plain loopback port is the admin, as it always was
        assertThat(whoami(HttpClient.newHttpClient(), "http://127.0.0.1:" + plainPort, Map.of())
                .path("username").asString()).isEqualTo("kubernetes-admin");

        for (String bad : List.of("Bearer nope", "Bearer a.b.c", "bearer " + "x".repeat(6000),
                "Bearer eyJhbGciOiJub25lIn0.eyJpc3MiOiJodHRwczovL2t1YmVybmV0ZXMuZGVmYXVsdC5zdmMuY2x1c3Rlci5sb2NhbCJ9.")) {
            HttpResponse<String> reply = send(https, "GET", secure("/api/v1/namespaces"), null,
                    Map.of("Authorization", bad));
            assertThat(reply.statusCode()).as(bad).isEqualTo(401);
            assertThat(JSON.readTree(reply.body())).isEqualTo(JSON.readTree("{\"kind\":\"Status\",\"apiVersion\":\"v1\","
                    + "\"metadata\":{},\"status\":\"Failure\",\"message\":\"Unauthorized\",\"reason\":\"Unauthorized\","
                    + "\"code\":401}"));
        }
    }

    @Test
    void aBootstrapTokenAuthenticatesWhileItsSecretHoldsIt() throws Exception {
        HttpResponse<String> created = send(admin, "POST", secure("/api/v1/namespaces/kube-system/secrets"), """
                {"apiVersion":"v1","kind":"Secret","metadata":{"name":"bootstrap-token-07401b"},
                 "type":"bootstrap.kubernetes.io/token",
                 "stringData":{"token-id":"07401b","token-secret":"f395accd246ae52d",
                  "usage-bootstrap-authentication":"true","auth-extra-groups":"system:bootstrappers:e2e"}}""",
                Map.of());
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        Map<String, String> bearer = Map.of("Authorization", "Bearer 07401b.f395accd246ae52d");
        JsonNode user = whoami(https, secure(""), bearer);
        assertThat(user.path("username").asString()).isEqualTo("system:bootstrap:07401b");
        assertThat(user.path("groups").toString()).isEqualTo(
                "[\"system:bootstrappers\",\"system:bootstrappers:e2e\",\"system:authenticated\"]");
        assertThat(send(https, "GET", secure("/api/v1/namespaces"), null,
                Map.of("Authorization", "Bearer 07401b.0000000000000000")).statusCode()).isEqualTo(401);

        assertThat(send(admin, "DELETE", secure("/api/v1/namespaces/kube-system/secrets/bootstrap-token-07401b"),
                null, Map.of()).statusCode()).isEqualTo(200);
        assertThat(send(https, "GET", secure("/api/v1/namespaces"), null, bearer).statusCode()).isEqualTo(401);
    }

    @Test
    void aLongTokenIsJudgedAndOnlyHeadersPastAMegabyteAreRefusedAsKubesServerRefusesThem() throws Exception {
        // kube-apiserver takes a megabyte of headers: a long token (an OIDC one with many groups) is judged
        HttpResponse<String> judged = send(https, "GET", secure("/api/v1/namespaces"), null,
                Map.of("Authorization", "Bearer " + "x".repeat(64 * 1024)));
        assertThat(judged.statusCode()).isEqualTo(401);
        assertThat(JSON.readTree(judged.body()).path("reason").asString()).isEqualTo("Unauthorized");
        HttpResponse<String> huge = send(https, "GET", secure("/api/v1/namespaces"), null,
                Map.of("X-Filler", "x".repeat(1100 * 1024)));
        assertThat(huge.statusCode()).isEqualTo(431);
        assertThat(send(https, "GET", secure("/version"), null, Map.of()).statusCode()).isEqualTo(200);
    }

    @Test
    void aFailedAuthenticationIsAuditedAsKubeAuditsIt() throws Exception {
        HttpResponse<String> refused = send(https, "GET", secure("/api/v1/namespaces/audited/configmaps"), null,
                Map.of("Authorization", "Bearer forged", "User-Agent", "audited-client"));
        assertThat(refused.statusCode()).isEqualTo(401);
        String auditId = refused.headers().firstValue("Audit-Id").orElseThrow();
        JsonNode event = await().atMost(Duration.ofSeconds(10)).until(() -> Files.readAllLines(server.auditLog())
                .stream().map(JSON::readTree).filter(e -> e.path("auditID").asString().equals(auditId))
                .toList(), events -> !events.isEmpty()).get(0);
        assertThat(event.path("stage").asString()).isEqualTo("ResponseStarted");
        assertThat(event.path("verb").asString()).isEqualTo("list");
        assertThat(event.path("user").toString()).isEqualTo("{}");
        assertThat(event.path("userAgent").asString()).isEqualTo("audited-client");
        assertThat(event.path("responseStatus").toString()).isEqualTo("{\"metadata\":{},"
                + "\"message\":\"Authentication failed, attempted: bearer\",\"code\":401}");
        assertThat(event.path("objectRef").path("namespace").asString()).isEqualTo("audited");
        assertThat(Files.readString(server.auditLog())).doesNotContain("forged");
    }

    @Test
    void aClientCertificateOfAnotherAuthorityIsRefusedAndOneOfTheClusterCaNamesItsUser() throws Exception {
        Path elsewhere = Files.createTempDirectory("kubeling-other-ca");
        try {
            ClusterPki other = new ClusterPki(new KubelingProperties(elsewhere, "127.0.0.1", 0, false, null, null,
                    null, null, "v1.32.4", null, null, null), new TlsProperties(true, 0, true, null, null, null),
                    new ServiceNetworkProperties("10.96.0.0/12", "30000-32767", List.of()), Clock.systemUTC());
            ClusterPki.ClientCredential forged = other.issueClient("kubernetes-admin", List.of("system:masters"));
            HttpResponse<String> reply = send(client(forged.keyPem() + forged.certificatePem()), "GET",
                    secure("/api/v1/namespaces"), null, Map.of());
            assertThat(reply.statusCode()).isEqualTo(401);
            assertThat(JSON.readTree(reply.body()).path("message").asString()).isEqualTo("Unauthorized");
        } finally {
            FileSystemUtils.deleteRecursively(elsewhere.toFile());
        }
        ClusterPki.ClientCredential bob = server.context().getBean(ClusterPki.class).issueClient("bob", List.of("team-a"));
        JsonNode user = whoami(client(bob.keyPem() + bob.certificatePem()), secure(""), Map.of());
        assertThat(user.path("username").asString()).isEqualTo("bob");
        assertThat(user.path("groups").toString()).isEqualTo("[\"team-a\",\"system:authenticated\"]");
    }

    @Test
    void aCertificateIssuedThroughAnApprovedSigningRequestAuthenticatesItsSubject() throws Exception {
        // the "normal user" flow of kube's documentation: key and request, CSR, approval, the issued certificate
        TestCsrs.Request request = TestCsrs.request("CN=carol,O=team-b");
        kubectl.ok("apply", "-f", Kubectl.manifest("""
                apiVersion: certificates.k8s.io/v1
                kind: CertificateSigningRequest
                metadata: {name: carol}
                spec:
                  request: %s
                  signerName: kubernetes.io/kube-apiserver-client
                  expirationSeconds: 86400
                  usages: [client auth]
                """.formatted(request.base64Request())).toString());
        kubectl.ok("certificate", "approve", "carol");
        String issued = await().atMost(Duration.ofSeconds(30)).until(() -> kubectl.ok("get", "csr", "carol", "-o",
                "jsonpath={.status.certificate}").out(), certificate -> !certificate.isEmpty());
        String certificate = new String(Base64.getDecoder().decode(issued), StandardCharsets.US_ASCII);

        JsonNode user = whoami(client(request.keyPem() + certificate), secure(""), Map.of());
        assertThat(user.path("username").asString()).isEqualTo("carol");
        assertThat(user.path("groups").toString()).isEqualTo("[\"team-b\",\"system:authenticated\"]");
        kubectl.ok("delete", "csr", "carol");
    }

    @Test
    void fabric8WorksOverHttpsWithTheWrittenKubeconfig() throws Exception {
        Config config = Config.fromKubeconfig(Files.readString(dataDir.resolve("kubeconfig")));
        config.setRequestRetryBackoffLimit(0);
        try (KubernetesClient client = new KubernetesClientBuilder().withConfig(config).build()) {
            assertThat(client.getMasterUrl().toString()).startsWith("https://");
            client.namespaces().resource(new Namespace(null, null,
                    new io.fabric8.kubernetes.api.model.ObjectMetaBuilder().withName("fabric8-tls").build(), null,
                    null)).create();
            assertThat(client.namespaces().withName("fabric8-tls").get()).isNotNull();
            await().atMost(Duration.ofSeconds(20)).until(() ->
                    client.serviceAccounts().inNamespace("fabric8-tls").withName("default").get() != null);
        }
    }

    @Test
    void aPodMountsItsProjectedTokenAndAPodBoundTokenGoesWithThePod() throws Exception {
        kubectl.ok("create", "namespace", "pods");
        await().atMost(Duration.ofSeconds(30)).until(() -> kubectl.run("-n", "pods", "get", "configmap",
                "kube-root-ca.crt", "-o", "jsonpath={.data.ca\\.crt}").out().equals(
                        Files.readString(dataDir.resolve("pki/ca.crt"))));
        await().atMost(Duration.ofSeconds(30)).until(() -> kubectl.run("-n", "pods", "get", "sa", "default")
                .exitCode() == 0);
        kubectl.ok("-n", "pods", "run", "web", "--image=nginx");
        Kubectl.Result ghost = kubectl.run("-n", "pods", "run", "ghost", "--image=nginx",
                "--overrides={\"apiVersion\":\"v1\",\"spec\":{\"serviceAccountName\":\"ghost\"}}");
        assertThat(ghost.exitCode()).isNotZero();
        assertThat(ghost.err().strip()).isEqualTo("Error from server (Forbidden): pods \"ghost\" is forbidden: error"
                + " looking up service account pods/ghost: serviceaccount \"ghost\" not found");
        assertThat(kubectl.ok("-n", "pods", "get", "pod", "web", "-o",
                "jsonpath={.spec.volumes[0].name} {.spec.containers[0].volumeMounts[0].mountPath}").out())
                .matches("kube-api-access-[a-z0-9]{5} /var/run/secrets/kubernetes.io/serviceaccount");

        String token = kubectl.ok("-n", "pods", "create", "token", "default", "--bound-object-kind=Pod",
                "--bound-object-name=web").out().trim();
        Map<String, String> bearer = Map.of("Authorization", "Bearer " + token);
        JsonNode user = whoami(https, secure(""), bearer);
        assertThat(user.path("username").asString()).isEqualTo("system:serviceaccount:pods:default");
        assertThat(user.path("extra").path("authentication.kubernetes.io/pod-name").toString())
                .isEqualTo("[\"web\"]");
        // an hour asked for is an hour: only the kubelet's 3607 s are extended
        JsonNode asked = JSON.readTree(Base64.getUrlDecoder().decode(token.split("\\.")[1]));
        assertThat(asked.path("exp").asLong() - asked.path("iat").asLong()).isEqualTo(3600);
        assertThat(asked.path("kubernetes.io").has("warnafter")).isFalse();

        // the token the kubelet asked for and mounted, as the pod's process reads it
        kubectl.ok("-n", "pods", "wait", "pod/web", "--for=condition=Ready", "--timeout=60s");
        String mounted = kubectl.ok("-n", "pods", "exec", "web", "--", "cat",
                "/var/run/secrets/kubernetes.io/serviceaccount/token").out();
        Map<String, String> podBearer = Map.of("Authorization", "Bearer " + mounted);
        JsonNode pod = whoami(https, secure(""), podBearer);
        assertThat(pod.path("username").asString()).isEqualTo("system:serviceaccount:pods:default");
        assertThat(pod.path("extra").path("authentication.kubernetes.io/pod-name").toString())
                .isEqualTo("[\"web\"]");
        assertThat(pod.path("extra").path("authentication.kubernetes.io/node-name").toString())
                .isEqualTo("[\"" + kubectl.ok("-n", "pods", "get", "pod", "web", "-o", "jsonpath={.spec.nodeName}")
                        .out() + "\"]");
        // kube's extended projected token: it holds a year and warns after the hour and seven seconds asked for
        JsonNode claims = JSON.readTree(Base64.getUrlDecoder().decode(mounted.split("\\.")[1]));
        long issued = claims.path("iat").asLong();
        assertThat(claims.path("exp").asLong() - issued).isEqualTo(365L * 24 * 3600);
        assertThat(claims.path("kubernetes.io").path("warnafter").asLong() - issued).isEqualTo(3607);
        assertThat(claims.path("aud").toString()).isEqualTo("[\"https://kubernetes.default.svc.cluster.local\"]");
        assertThat(kubectl.ok("-n", "pods", "exec", "web", "--", "cat",
                "/var/run/secrets/kubernetes.io/serviceaccount/namespace").out()).isEqualTo("pods");
        assertThat(kubectl.ok("-n", "pods", "exec", "web", "--", "cat",
                "/var/run/secrets/kubernetes.io/serviceaccount/ca.crt").out())
                .isEqualTo(Files.readString(dataDir.resolve("pki/ca.crt")));

        kubectl.ok("-n", "pods", "delete", "pod", "web", "--grace-period=0", "--force");
        await().atMost(Duration.ofSeconds(30)).until(() ->
                send(https, "GET", secure("/api/v1/namespaces/pods/pods"), null, bearer).statusCode() == 401);
        HttpResponse<String> gone = send(https, "GET", secure("/api/v1/namespaces/pods/pods"), null, podBearer);
        assertThat(gone.statusCode()).isEqualTo(401);
        assertThat(JSON.readTree(gone.body()).path("message").asString()).isEqualTo("Unauthorized");
    }

    @Test
    void theIssuerDiscoveryDocumentsNameTheKeyThatSignsTokens() throws Exception {
        // kube binds the issuer discovery role to service accounts only, not to anonymous requests
        assertThat(send(https, "GET", secure("/.well-known/openid-configuration"), null, Map.of()).statusCode())
                .isEqualTo(403);
        JsonNode configuration = JSON.readTree(send(admin, "GET", secure("/.well-known/openid-configuration"), null,
                Map.of()).body());
        assertThat(configuration.path("issuer").asString()).isEqualTo("https://kubernetes.default.svc.cluster.local");
        assertThat(configuration.path("jwks_uri").asString())
                .isEqualTo("https://127.0.0.1:" + securePort + "/openid/v1/jwks");
        HttpResponse<String> keys = send(admin, "GET", secure("/openid/v1/jwks"), null, Map.of());
        assertThat(keys.headers().firstValue("Content-Type").orElse("")).startsWith("application/jwk-set+json");
        JsonNode key = JSON.readTree(keys.body()).path("keys").path(0);
        assertThat(key.path("kty").asString()).isEqualTo("EC");
        assertThat(key.path("alg").asString()).isEqualTo("ES256");
        assertThat(key.path("use").asString()).isEqualTo("sig");
        assertThat(key.has("d")).isFalse();
    }
}
