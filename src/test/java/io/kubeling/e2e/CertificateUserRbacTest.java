package io.kubeling.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.authorization.v1.ResourceAttributesBuilder;
import io.fabric8.kubernetes.api.model.authorization.v1.SelfSubjectAccessReview;
import io.fabric8.kubernetes.api.model.authorization.v1.SelfSubjectAccessReviewBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.kubeling.registry.authentication.ClusterPki;
import io.kubeling.support.Kubectl;
import io.kubeling.support.SecureServer;
import io.kubeling.support.ServerOfItsOwn;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A user known only by a client certificate of the cluster CA ({@code CN=dana, O=team-d}), over HTTPS, through
 * kubectl and fabric8 on a kubeconfig of its own: it can do exactly what the Role bound to it allows, no more, and
 * {@code auth can-i} (and fabric8's SelfSubjectAccessReview) say so beforehand; impersonation is allowed only as
 * far as a rule grants it; a Role or RoleBinding it writes grants no more than it holds; every request it makes is
 * in the audit log with its user, verb, object and code; an expired certificate of the same CA, or its serving
 * certificate, is refused with kube's 401.
 */
@ExtendWith(SecureServer.Resolver.class)
@ServerOfItsOwn
class CertificateUserRbacTest {

    private static final String NS = "cert-users";
    private static final String OTHER = "cert-users-other";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static SecureServer server;
    private static Kubectl admin;
    private static Kubectl dana;
    private static Path danaConfig;

    @BeforeAll
    static void danaAndHerRole(SecureServer secure) throws Exception {
        server = secure;
        admin = new Kubectl(secure.kubeconfig(), "kubectl");
        admin.ok("create", "namespace", NS);
        admin.ok("create", "namespace", OTHER);
        admin.ok("apply", "-f", Kubectl.manifest("""
                apiVersion: rbac.authorization.k8s.io/v1
                kind: Role
                metadata: {name: dana, namespace: %s}
                rules:
                - apiGroups: [""]
                  resources: [pods, pods/log]
                  verbs: [get, list, watch]
                - apiGroups: [""]
                  resources: [configmaps]
                  verbs: [create, get]
                - apiGroups: [""]
                  resources: [secrets]
                  resourceNames: [app-config]
                  verbs: [get]
                ---
                apiVersion: rbac.authorization.k8s.io/v1
                kind: RoleBinding
                metadata: {name: dana, namespace: %s}
                roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: dana}
                subjects:
                - {apiGroup: rbac.authorization.k8s.io, kind: User, name: dana}
                ---
                apiVersion: v1
                kind: Secret
                metadata: {name: app-config, namespace: %s}
                stringData: {password: dana-s3cret-value}
                ---
                apiVersion: v1
                kind: Secret
                metadata: {name: other, namespace: %s}
                stringData: {password: not-for-dana}
                """.formatted(NS, NS, NS, NS)).toString());
        ClusterPki.ClientCredential credential = secure.context().getBean(ClusterPki.class)
                .issueClient("dana", List.of("team-d"));
        danaConfig = secure.dataDir().resolve("dana.kubeconfig");
        Files.writeString(danaConfig, kubeconfig(credential.certificatePem(), credential.keyPem()));
        dana = new Kubectl(danaConfig, "kubectl");
    }

    private static String kubeconfig(String certificatePem, String keyPem) throws Exception {
        Base64.Encoder base64 = Base64.getEncoder();
        return """
                apiVersion: v1
                kind: Config
                clusters:
                - name: c
                  cluster: {server: "https://127.0.0.1:%d", certificate-authority-data: %s}
                users:
                - name: u
                  user: {client-certificate-data: %s, client-key-data: %s}
                contexts:
                - name: x
                  context: {cluster: c, user: u, namespace: %s}
                current-context: x
                """.formatted(server.securePort(),
                base64.encodeToString(Files.readAllBytes(server.dataDir().resolve("pki/ca.crt"))),
                base64.encodeToString(certificatePem.getBytes(StandardCharsets.US_ASCII)),
                base64.encodeToString(keyPem.getBytes(StandardCharsets.US_ASCII)), NS);
    }

    private static String forbidden(String what, String verb, String resource, String namespace) {
        return what + " is forbidden: User \"dana\" cannot " + verb + " resource \"" + resource
                + "\" in API group \"\" in the namespace \"" + namespace + "\"";
    }

    private static KubernetesClient fabric8(String kubeconfig) {
        Config config = Config.fromKubeconfig(kubeconfig);
        config.setRequestRetryBackoffLimit(0);
        return new KubernetesClientBuilder().withConfig(config).build();
    }

    @Test
    void kubectlDoesWhatTheRoleAllowsAndCanIAnswersBeforehand() throws Exception {
        assertThat(dana.ok("auth", "whoami").out()).containsPattern("Username\\s+dana")
                .containsPattern("Groups\\s+\\[team-d system:authenticated\\]");

        // each can-i answer, then the request itself, refused in kube's words when the answer was no
        assertThat(dana.ok("auth", "can-i", "list", "pods").out()).isEqualTo("yes\n");
        assertThat(dana.ok("get", "pods").err()).isEqualTo("No resources found in " + NS + " namespace.\n");

        assertThat(dana.run("auth", "can-i", "list", "pods", "-n", OTHER).out()).isEqualTo("no\n");
        assertThat(dana.run("get", "pods", "-n", OTHER).err()).isEqualTo("Error from server (Forbidden): "
                + forbidden("pods", "list", "pods", OTHER) + "\n");

        assertThat(dana.run("auth", "can-i", "delete", "pods").out()).isEqualTo("no\n");
        assertThat(dana.run("delete", "pod", "nginx").err()).isEqualTo("Error from server (Forbidden): "
                + forbidden("pods \"nginx\"", "delete", "pods", NS) + "\n");

        assertThat(dana.ok("auth", "can-i", "get", "secrets/app-config").out()).isEqualTo("yes\n");
        assertThat(dana.ok("get", "secret", "app-config", "-o", "jsonpath={.data.password}").out())
                .isEqualTo(Base64.getEncoder().encodeToString("dana-s3cret-value".getBytes(StandardCharsets.UTF_8)));
        assertThat(dana.run("auth", "can-i", "get", "secrets/other").out()).isEqualTo("no\n");
        assertThat(dana.run("get", "secret", "other").err()).isEqualTo("Error from server (Forbidden): "
                + forbidden("secrets \"other\"", "get", "secrets", NS) + "\n");
        assertThat(dana.run("auth", "can-i", "list", "secrets").out()).isEqualTo("no\n");

        assertThat(dana.ok("auth", "can-i", "get", "pods", "--subresource=log").out()).isEqualTo("yes\n");
        assertThat(dana.run("auth", "can-i", "create", "pods", "--subresource=exec").out()).isEqualTo("no\n");

        assertThat(dana.ok("auth", "can-i", "--list").out())
                .containsPattern("(?m)^pods +\\[\\] +\\[\\] +\\[get list watch\\]$")
                .containsPattern("(?m)^pods/log +\\[\\] +\\[\\] +\\[get list watch\\]$")
                .containsPattern("(?m)^configmaps +\\[\\] +\\[\\] +\\[create get\\]$")
                .containsPattern("(?m)^secrets +\\[\\] +\\[app-config\\] +\\[get\\]$");

        List<JsonNode> events = auditedFor("dana", 7);
        assertThat(events).anySatisfy(e -> assertEvent(e, "list", "pods", NS, null, 200))
                .anySatisfy(e -> assertEvent(e, "list", "pods", OTHER, null, 403))
                .anySatisfy(e -> assertEvent(e, "delete", "pods", NS, "nginx", 403))
                .anySatisfy(e -> assertEvent(e, "get", "secrets", NS, "app-config", 200))
                .anySatisfy(e -> assertEvent(e, "get", "secrets", NS, "other", 403));
        String log = Files.readString(server.auditLog());
        assertThat(log).doesNotContain("dana-s3cret-value").doesNotContain(Base64.getEncoder()
                .encodeToString("dana-s3cret-value".getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void fabric8DoesWhatTheRoleAllowsAndItsAccessReviewsAnswerBeforehand() throws Exception {
        try (KubernetesClient client = fabric8(Files.readString(danaConfig))) {
            assertThat(client.getMasterUrl().toString()).startsWith("https://");
            assertThat(allowed(client, "create", "configmaps", NS)).isTrue();
            client.configMaps().inNamespace(NS).resource(new ConfigMapBuilder().withNewMetadata()
                    .withName("made-by-dana").endMetadata().addToData("k", "v").build()).create();
            assertThat(client.configMaps().inNamespace(NS).withName("made-by-dana").get().getData())
                    .containsEntry("k", "v");
            assertThat(client.pods().inNamespace(NS).list().getItems()).isEmpty();

            assertThat(allowed(client, "delete", "configmaps", NS)).isFalse();
            assertThatThrownBy(() -> client.configMaps().inNamespace(NS).withName("made-by-dana").delete())
                    .isInstanceOfSatisfying(KubernetesClientException.class, e -> {
                        assertThat(e.getCode()).isEqualTo(403);
                        assertThat(e.getStatus().getMessage()).isEqualTo(
                                forbidden("configmaps \"made-by-dana\"", "delete", "configmaps", NS));
                    });
            assertThat(allowed(client, "list", "configmaps", OTHER)).isFalse();
            assertThatThrownBy(() -> client.configMaps().inNamespace(OTHER).list())
                    .isInstanceOfSatisfying(KubernetesClientException.class, e -> {
                        assertThat(e.getCode()).isEqualTo(403);
                        assertThat(e.getStatus().getMessage())
                                .isEqualTo(forbidden("configmaps", "list", "configmaps", OTHER));
                    });
        }
        List<JsonNode> events = auditedFor("dana", 4);
        assertThat(events).anySatisfy(e -> assertEvent(e, "create", "configmaps", NS, "made-by-dana", 201))
                .anySatisfy(e -> assertEvent(e, "get", "configmaps", NS, "made-by-dana", 200))
                .anySatisfy(e -> assertEvent(e, "delete", "configmaps", NS, "made-by-dana", 403))
                .anySatisfy(e -> assertEvent(e, "list", "configmaps", OTHER, null, 403));
        JsonNode refused = events.stream().filter(e -> e.path("verb").asString().equals("delete")
                && e.path("objectRef").path("resource").asString().equals("configmaps")).findFirst().orElseThrow();
        assertThat(refused.path("annotations").path("authorization.k8s.io/decision").asString()).isEqualTo("forbid");
        assertThat(refused.path("responseStatus").path("reason").asString()).isEqualTo("Forbidden");
    }

    private static boolean allowed(KubernetesClient client, String verb, String resource, String namespace) {
        SelfSubjectAccessReview review = new SelfSubjectAccessReviewBuilder().withNewSpec()
                .withResourceAttributes(new ResourceAttributesBuilder().withVerb(verb).withResource(resource)
                        .withNamespace(namespace).build())
                .endSpec().build();
        return client.authorization().v1().selfSubjectAccessReview().create(review).getStatus()
                .getAllowed();
    }

    @Test
    void impersonationGoesAsFarAsARuleGrantsIt() throws Exception {
        // dana may not impersonate anyone yet; kubectl 1.32 shows kube's 403 as is, or as "unknown" when it meets
        // it in discovery (nothing cached yet), so fabric8 reads the message
        Kubectl.Result refused = dana.run("get", "pods", "--as", "erin");
        assertThat(refused.exitCode()).isNotZero();
        assertThat(refused.err()).containsAnyOf("Error from server (Forbidden): unknown\n", "Error from server"
                + " (Forbidden): users \"erin\" is forbidden: User \"dana\" cannot impersonate resource \"users\" in API"
                + " group \"\" at the cluster scope\n");
        assertThat(impersonationRefusal("erin")).isEqualTo("users \"erin\" is forbidden: User \"dana\" cannot"
                + " impersonate resource \"users\" in API group \"\" at the cluster scope");

        admin.ok("apply", "-f", Kubectl.manifest("""
                apiVersion: rbac.authorization.k8s.io/v1
                kind: ClusterRole
                metadata: {name: impersonate-erin}
                rules:
                - apiGroups: [""]
                  resources: [users]
                  resourceNames: [erin]
                  verbs: [impersonate]
                ---
                apiVersion: rbac.authorization.k8s.io/v1
                kind: ClusterRoleBinding
                metadata: {name: dana-impersonates-erin}
                roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: impersonate-erin}
                subjects:
                - {apiGroup: rbac.authorization.k8s.io, kind: User, name: dana}
                """).toString());
        await().atMost(Duration.ofSeconds(10)).until(() -> dana.run("auth", "whoami", "--as", "erin").exitCode() == 0);
        assertThat(dana.ok("auth", "whoami", "--as", "erin").out()).containsPattern("Username\\s+erin")
                .containsPattern("Groups\\s+\\[system:authenticated\\]");
        // erin holds no role: the request is erin's, refused as erin's
        assertThat(dana.run("get", "pods", "--as", "erin").err()).isEqualTo("Error from server (Forbidden): pods is"
                + " forbidden: User \"erin\" cannot list resource \"pods\" in API group \"\" in the namespace \""
                + NS + "\"\n");
        assertThat(dana.run("auth", "can-i", "list", "pods", "--as", "erin").out()).isEqualTo("no\n");
        // a group is asked for on its own, and dana has no rule for one; nor for another user
        assertThat(impersonationRefusal("erin", "system:masters")).isEqualTo("groups \"system:masters\" is"
                + " forbidden: User \"dana\" cannot impersonate resource \"groups\" in API group \"\" at the cluster"
                + " scope");
        assertThat(impersonationRefusal("frank")).isEqualTo("users \"frank\" is forbidden: User \"dana\" cannot"
                + " impersonate resource \"users\" in API group \"\" at the cluster scope");

        // fabric8 impersonating, as the admin on the written kubeconfig
        Config config = Config.fromKubeconfig(Files.readString(server.kubeconfig()));
        config.setRequestRetryBackoffLimit(0);
        config.setImpersonateUsername("dana");
        config.setImpersonateGroups("team-d");
        try (KubernetesClient client = new KubernetesClientBuilder().withConfig(config).build()) {
            assertThat(client.pods().inNamespace(NS).list().getItems()).isEmpty();
            assertThatThrownBy(() -> client.pods().inNamespace(OTHER).list())
                    .isInstanceOfSatisfying(KubernetesClientException.class, e -> {
                        assertThat(e.getCode()).isEqualTo(403);
                        assertThat(e.getStatus().getMessage()).isEqualTo(forbidden("pods", "list", "pods", OTHER));
                    });
        }
        // the audit log names both: the admin who asked, dana the request ran as
        JsonNode impersonated = await().atMost(Duration.ofSeconds(10)).until(() -> audit().stream()
                .filter(e -> e.path("impersonatedUser").path("username").asString().equals("dana")
                        && e.path("objectRef").path("namespace").asString().equals(OTHER)).toList(),
                found -> !found.isEmpty()).get(0);
        assertThat(impersonated.path("user").path("username").asString()).isEqualTo("kubernetes-admin");
        assertThat(impersonated.path("impersonatedUser").path("groups").toString())
                .isEqualTo("[\"team-d\",\"system:authenticated\"]");
        assertThat(impersonated.path("responseStatus").path("code").asInt()).isEqualTo(403);
    }

    @Test
    void rolesAndBindingsGrantOnlyWhatTheUserHolds() throws Exception {
        String ns = "cert-users-roles";
        admin.ok("create", "namespace", ns);
        admin.ok("-n", ns, "create", "role", "role-maker", "--verb=create,get", "--resource=roles,rolebindings",
                "--verb=get,list", "--resource=configmaps");
        admin.ok("-n", ns, "create", "rolebinding", "dana-makes-roles", "--role=role-maker", "--user=dana");
        assertThat(dana.ok("-n", ns, "create", "role", "config-lister", "--verb=list", "--resource=configmaps")
                .out()).isEqualTo("role.rbac.authorization.k8s.io/config-lister created\n");
        Kubectl.Result more = dana.run("-n", ns, "create", "role", "secret-lister", "--verb=list",
                "--resource=configmaps,secrets");
        assertThat(more.exitCode()).isNotZero();
        assertThat(more.err()).isEqualTo("Error from server (Forbidden): roles.rbac.authorization.k8s.io"
                + " \"secret-lister\" is forbidden: user \"dana\" (groups=[\"team-d\" \"system:authenticated\"]) is"
                + " attempting to grant RBAC permissions not currently held:\n{APIGroups:[\"\"], Resources:"
                + "[\"secrets\"], Verbs:[\"list\"]}\n");
        Kubectl.Result binding = dana.run("-n", ns, "create", "rolebinding", "dana-admin", "--clusterrole=edit",
                "--user=dana");
        assertThat(binding.exitCode()).isNotZero();
        assertThat(binding.err()).startsWith("error: failed to create rolebinding: rolebindings.rbac.authorization"
                + ".k8s.io \"dana-admin\" is forbidden: user \"dana\" (groups=[\"team-d\" \"system:authenticated\"])"
                + " is attempting to grant RBAC permissions not currently held:\n");
        assertThat(admin.run("-n", ns, "get", "role", "secret-lister").exitCode()).isNotZero();
        assertThat(admin.run("-n", ns, "get", "rolebinding", "dana-admin").exitCode()).isNotZero();
    }

    /** The 403 message dana gets listing pods through fabric8 as {@code user} in {@code groups}. */
    private static String impersonationRefusal(String user, String... groups) throws Exception {
        Config config = Config.fromKubeconfig(Files.readString(danaConfig));
        config.setRequestRetryBackoffLimit(0);
        config.setImpersonateUsername(user);
        config.setImpersonateGroups(groups);
        try (KubernetesClient client = new KubernetesClientBuilder().withConfig(config).build()) {
            client.pods().inNamespace(NS).list();
        } catch (KubernetesClientException e) {
            assertThat(e.getCode()).isEqualTo(403);
            return e.getStatus().getMessage();
        }
        throw new AssertionError("not refused");
    }

    @Test
    void anExpiredOrServingCertificateOfTheClusterCaIsRefusedWithKubes401() throws Exception {
        ClusterPki pki = server.context().getBean(ClusterPki.class);
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        KeyPair keys = generator.generateKeyPair();
        Instant now = Instant.now();
        JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(
                new JcaX509CertificateHolder(pki.ca()).getSubject(), BigInteger.valueOf(now.toEpochMilli()),
                Date.from(now.minus(Duration.ofDays(30))), Date.from(now.minus(Duration.ofDays(1))),
                new X500Name("CN=dana,O=system:masters"), keys.getPublic());
        builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_clientAuth));
        X509Certificate expired = new JcaX509CertificateConverter().getCertificate(
                builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(pki.caKey())));

        assertUnauthorized(https(keys.getPrivate(), expired));

        // the server's own certificate, of the same CA, is for serving, not for client authentication
        ClusterPki.Serving serving = pki.serving();
        assertUnauthorized(https(serving.key(), serving.chain().get(0)));
    }

    private static void assertUnauthorized(HttpClient client) throws Exception {
        HttpResponse<String> reply = client.send(HttpRequest.newBuilder(
                URI.create("https://127.0.0.1:" + server.securePort() + "/api/v1/namespaces")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(reply.statusCode()).isEqualTo(401);
        assertThat(JSON.readTree(reply.body())).isEqualTo(JSON.readTree("{\"kind\":\"Status\",\"apiVersion\":\"v1\","
                + "\"metadata\":{},\"status\":\"Failure\",\"message\":\"Unauthorized\",\"reason\":\"Unauthorized\","
                + "\"code\":401}"));
    }

    private static HttpClient https(PrivateKey key, X509Certificate certificate) throws Exception {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("ca", server.context().getBean(ClusterPki.class).ca());
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        KeyStore identity = KeyStore.getInstance("PKCS12");
        identity.load(null, null);
        identity.setKeyEntry("me", key, new char[0], new X509Certificate[] {certificate});
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(identity, new char[0]);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(kmf.getKeyManagers(), tmf.getTrustManagers(), null);
        return HttpClient.newBuilder().sslContext(context).connectTimeout(Duration.ofSeconds(10)).build();
    }

    private static List<JsonNode> audit() throws Exception {
        List<JsonNode> events = new ArrayList<>();
        for (String line : Files.readAllLines(server.auditLog())) {
            events.add(JSON.readTree(line));
        }
        return events;
    }

    /** The completed requests of {@code user} in the audit log, once there are at least {@code atLeast}. */
    private static List<JsonNode> auditedFor(String user, int atLeast) {
        return await().atMost(Duration.ofSeconds(10)).until(() -> audit().stream()
                .filter(e -> e.path("user").path("username").asString().equals(user)
                        && e.path("impersonatedUser").isMissingNode()
                        && e.path("stage").asString().equals("ResponseComplete")).toList(),
                events -> events.size() >= atLeast);
    }

    private static void assertEvent(JsonNode event, String verb, String resource, String namespace, String name,
            int code) {
        assertThat(event.path("verb").asString()).isEqualTo(verb);
        assertThat(event.path("objectRef").path("resource").asString()).isEqualTo(resource);
        assertThat(event.path("objectRef").path("namespace").asString()).isEqualTo(namespace);
        assertThat(event.path("objectRef").path("name").asString(null)).isEqualTo(name);
        assertThat(event.path("responseStatus").path("code").asInt()).isEqualTo(code);
        assertThat(event.path("user").path("groups").toString()).isEqualTo("[\"team-d\",\"system:authenticated\"]");
        assertThat(event.path("level").asString()).isEqualTo("Metadata");
        assertThat(event.has("requestObject")).isFalse();
    }
}
