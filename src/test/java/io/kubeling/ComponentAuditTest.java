package io.kubeling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.StringWriter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.kubeling.audit.AuditBackend;
import io.kubeling.audit.AuditLog;
import io.kubeling.audit.AuditPolicy;
import io.kubeling.config.KubelingProperties;
import io.kubeling.controllers.ComponentAuthorization;
import io.kubeling.controllers.Managers;
import io.kubeling.registry.Authorizer;
import io.kubeling.registry.CurrentUser;
import io.kubeling.registry.DeleteOptions;
import io.kubeling.registry.GroupResource;
import io.kubeling.registry.ListOptions;
import io.kubeling.registry.NameGenerator;
import io.kubeling.registry.ObjectCodec;
import io.kubeling.registry.Registry;
import io.kubeling.registry.ResourceStore;
import io.kubeling.registry.StatusException;
import io.kubeling.registry.UserInfo;
import io.kubeling.registry.WriteOptions;
import io.kubeling.resources.configmaps.ConfigMapResource;
import io.kubeling.resources.secrets.SecretResource;
import io.kubeling.support.InMemoryStorage;
import io.kubeling.support.ManualClock;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The components' writes reach the audit log as their requests would on kube: user, verb, path, user agent, code,
 * the authorizer's decision, bodies as the policy's level allows (never a secret's), stages as it keeps them; a
 * client's request, audited where it came in, and the writes made under another recorded one are not logged again.
 */
class ComponentAuditTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final WriteOptions REPLICASETS = Managers.controller("replicaset-controller");
    private static final WriteOptions KUBELET = Managers.kubelet("n1");

    private final ManualClock clock = new ManualClock(Instant.parse("2026-03-01T10:00:00Z"));
    private final InMemoryStorage storage = InMemoryStorage.open(clock);
    private final StringWriter out = new StringWriter();
    private AuditLog log;
    private Registry registry;
    private ComponentAuthorization access;

    @AfterEach
    void close() {
        storage.close();
    }

    private void serve(String policy) {
        log = AuditLog.to(out, 100);
        AuditBackend backend = new AuditBackend(AuditPolicy.parse(policy), log, clock);
        ComponentAudit audit = new ComponentAudit(backend, new ObjectCodec(), "v1.32.4");
        // kubelets may write nothing here; everyone else may write anything, with a reason to show
        Authorizer authorizer = a -> a.user().name().startsWith("system:node:")
                ? Authorizer.Decision.noOpinion("")
                : new Authorizer.Decision(Authorizer.Outcome.ALLOW, "RBAC: allowed by test");
        access = new ComponentAuthorization(() -> authorizer, () -> audit);
        registry = new Registry(List.of(new ConfigMapResource().configmaps(), new SecretResource().secrets()),
                storage.store(), new ObjectCodec(), clock, new NameGenerator(), List.of(access), List.of(), List.of(),
                new KubelingProperties.Cache(1024, null), audit);
    }

    private List<JsonNode> events() {
        log.close();
        List<JsonNode> events = new ArrayList<>();
        for (String line : out.toString().split("\n")) {
            if (!line.isBlank()) {
                events.add(JSON.readTree(line));
            }
        }
        return events;
    }

    private static ConfigMap configMap(String name) {
        return new ConfigMapBuilder().withNewMetadata().withName(name).endMetadata().addToData("colour", "teal")
                .build();
    }

    @Test
    void aControllersWriteIsLoggedAsItsRequestWouldBe() {
        serve("""
                apiVersion: audit.k8s.io/v1
                kind: Policy
                rules:
                  - level: RequestResponse
                    namespaces: ["audited"]
                """);
        ResourceStore<ConfigMap> configMaps = registry.store(ConfigMap.class);
        configMaps.create("audited", configMap("web"), REPLICASETS);
        configMaps.create("elsewhere", configMap("web"), REPLICASETS);
        configMaps.update("audited", "web", null, cm -> {
            cm.getData().put("colour", "blue");
            return cm;
        }, REPLICASETS);

        List<JsonNode> events = events();
        assertThat(events).extracting(e -> e.path("stage").asString() + " " + e.path("verb").asString())
                .containsExactly("RequestReceived create", "ResponseComplete create", "RequestReceived update",
                        "ResponseComplete update");
        JsonNode created = events.get(1);
        assertThat(created.path("auditID").asString()).isEqualTo(events.get(0).path("auditID").asString());
        assertThat(created.path("level").asString()).isEqualTo("RequestResponse");
        assertThat(created.path("requestURI").asString()).isEqualTo("/api/v1/namespaces/audited/configmaps");
        assertThat(created.path("user").toString()).isEqualTo("{\"username\":\"system:serviceaccount:kube-system:"
                + "replicaset-controller\",\"groups\":[\"system:serviceaccounts\",\"system:serviceaccounts:kube-system\","
                + "\"system:authenticated\"]}");
        assertThat(created.path("sourceIPs").toString()).isEqualTo("[\"127.0.0.1\"]");
        assertThat(created.path("userAgent").asString()).isEqualTo("kube-controller-manager/v1.32.4 (linux/amd64) "
                + "kubernetes/0000000/system:serviceaccount:kube-system:replicaset-controller");
        assertThat(created.path("objectRef").toString()).isEqualTo("{\"resource\":\"configmaps\",\"namespace\":"
                + "\"audited\",\"name\":\"web\",\"apiVersion\":\"v1\"}");
        assertThat(created.path("responseStatus").toString()).isEqualTo("{\"metadata\":{},\"code\":201}");
        assertThat(created.path("responseObject").path("data").path("colour").asString()).isEqualTo("teal");
        assertThat(created.path("annotations").toString()).isEqualTo("{\"authorization.k8s.io/decision\":\"allow\","
                + "\"authorization.k8s.io/reason\":\"RBAC: allowed by test\"}");
        assertThat(events.get(0).has("annotations")).isFalse();
        JsonNode updated = events.get(3);
        assertThat(updated.path("requestURI").asString()).isEqualTo("/api/v1/namespaces/audited/configmaps/web");
        assertThat(updated.path("requestObject").path("data").path("colour").asString()).isEqualTo("blue");
        assertThat(updated.path("responseStatus").path("code").asInt()).isEqualTo(200);
    }

    @Test
    void aRefusedWriteIsLoggedWithKubesForbiddenStatus() {
        serve("""
                apiVersion: audit.k8s.io/v1
                kind: Policy
                omitStages: ["RequestReceived"]
                rules:
                  - level: Metadata
                """);
        StatusException refused = catchThrowableOfType(StatusException.class,
                () -> registry.store(ConfigMap.class).create("audited", configMap("x"), KUBELET));
        assertThat(refused.code()).isEqualTo(403);

        List<JsonNode> events = events();
        assertThat(events).hasSize(1);
        JsonNode complete = events.get(0);
        assertThat(complete.path("stage").asString()).isEqualTo("ResponseComplete");
        assertThat(complete.path("level").asString()).isEqualTo("Metadata");
        assertThat(complete.path("userAgent").asString()).isEqualTo("kubelet/v1.32.4 (linux/amd64) kubernetes/0000000");
        assertThat(complete.path("responseStatus").path("code").asInt()).isEqualTo(403);
        assertThat(complete.path("responseStatus").path("reason").asString()).isEqualTo("Forbidden");
        assertThat(complete.path("responseStatus").path("message").asString()).isEqualTo(refused.getMessage());
        assertThat(complete.path("annotations").path("authorization.k8s.io/decision").asString()).isEqualTo("forbid");
        assertThat(complete.has("requestObject")).isFalse();
    }

    @Test
    void aSecretsDataNeverReachesTheLogWhateverTheLevel() {
        serve("""
                apiVersion: audit.k8s.io/v1
                kind: Policy
                rules:
                  - level: RequestResponse
                """);
        registry.store(Secret.class).create("audited", new SecretBuilder().withNewMetadata().withName("token")
                .endMetadata().addToStringData("password", "hunter2-component").build(), REPLICASETS);
        List<JsonNode> events = events();
        assertThat(events).hasSize(2);
        assertThat(events.get(1).path("level").asString()).isEqualTo("Metadata");
        assertThat(out.toString()).doesNotContain("hunter2").doesNotContain(
                java.util.Base64.getEncoder().encodeToString("hunter2-component".getBytes()));
    }

    @Test
    void clientRequestsAndWritesUnderAnotherRecordedOneAreNotLoggedAgain() {
        serve("""
                apiVersion: audit.k8s.io/v1
                kind: Policy
                rules:
                  - level: None
                    users: ["system:kube-scheduler"]
                  - level: Metadata
                """);
        ResourceStore<ConfigMap> configMaps = registry.store(ConfigMap.class);
        UserInfo jane = new UserInfo("jane", "", List.of(UserInfo.AUTHENTICATED), Map.of());
        try (CurrentUser.Scope scope = CurrentUser.open(jane)) {
            configMaps.create("audited", configMap("from-jane"), new WriteOptions(false, "kubectl", jane));
        }
        configMaps.create("audited", configMap("from-scheduler"), Managers.SCHEDULER);
        configMaps.create("audited", configMap("a"), WriteOptions.DEFAULT);
        configMaps.create("audited", configMap("b"), WriteOptions.DEFAULT);
        configMaps.deleteCollection("audited", ListOptions.ALL, Managers.deleting(REPLICASETS));
        access.call(Managers.SCHEDULER.user(), "create", new GroupResource("", "configmaps"), "v1", "binding",
                "audited", "c", () -> configMaps.create("audited", configMap("c"), REPLICASETS));

        List<JsonNode> events = events();
        assertThat(events).extracting(e -> e.path("stage").asString() + " " + e.path("verb").asString() + " "
                + e.path("requestURI").asString()).containsExactly(
                        "RequestReceived deletecollection /api/v1/namespaces/audited/configmaps",
                        "ResponseComplete deletecollection /api/v1/namespaces/audited/configmaps");
        assertThat(configMaps.list("audited", ListOptions.ALL).items()).extracting(c -> c.getMetadata().getName())
                .containsExactly("c");
    }

    @Test
    void theComponentsSendTheirOwnUserAgents() {
        ComponentAudit audit = new ComponentAudit(new AuditBackend(null, null, clock), new ObjectCodec(), "1.32.4");
        assertThat(audit.userAgent(request(Managers.SCHEDULER, "pods"))).isEqualTo(
                "kube-scheduler/v1.32.4 (linux/amd64) kubernetes/0000000/scheduler");
        assertThat(audit.userAgent(request(Managers.SCHEDULER, "leases"))).isEqualTo(
                "kube-scheduler/v1.32.4 (linux/amd64) kubernetes/0000000/leader-election");
        assertThat(audit.userAgent(request(Managers.CONTROLLER_MANAGER, "serviceaccounts"))).isEqualTo(
                "kube-controller-manager/v1.32.4 (linux/amd64) kubernetes/0000000/kube-controller-manager");
        assertThat(audit.userAgent(request(Managers.KUBE_APISERVER, "endpoints"))).isEqualTo(
                "kube-apiserver/v1.32.4 (linux/amd64) kubernetes/0000000");
    }

    private static io.kubeling.registry.WriteAudit.Request request(WriteOptions writer, String resource) {
        return new io.kubeling.registry.WriteAudit.Request(writer.user(), "update", "", "v1", resource, null, "ns",
                "x");
    }
}
